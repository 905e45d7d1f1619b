using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Configuration;
using Rasdl.Diagnostics;

namespace Rasdl.Compiler.Tests.Semantics;

public class ConfigurationTests
{
    private const string WithUnusedBlock = Samples.Minimal + "block spare : bridge { }\n";

    [Theory]
    [InlineData("off", null)]
    [InlineData("info", DiagnosticSeverity.Info)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    public void ProjectFileSetsACodesSeverity(string configured, DiagnosticSeverity? expected)
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", $$"""{ "diagnostics": { "RASDL3001": "{{configured}}" } }""");
        workspace.Write("main.rasdl", WithUnusedBlock);

        var found = workspace.Compile("main.rasdl").GetDiagnostics().Where(d => d.Code == "RASDL3001").Select(d => (DiagnosticSeverity?)d.Severity);

        Assert.Equal(expected is null ? [] : [expected], found);
    }

    [Fact]
    public void InvalidJsonIsReportedWithItsPosition()
    {
        var configuration = ProjectConfiguration.Parse("/p/rasdl.json", "{\n  \"diagnostics\": {,\n}");

        var problem = Assert.Single(configuration.Diagnostics);
        Assert.Equal("RASDL1022", problem.Code);
        Assert.Equal(1, problem.Location.Range.Start.Line);
    }

    [Fact]
    public void UnknownSettingsAndSeveritiesAreReported()
    {
        var configuration = ProjectConfiguration.Parse("/p/rasdl.json", """{ "diagnostics": { "RASDL3001": "loud" }, "colour": 1 }""");

        Assert.Equal(2, configuration.Diagnostics.Length);
        Assert.All(configuration.Diagnostics, d => Assert.Equal("RASDL1022", d.Code));
    }

    [Fact]
    public void DisableNextLineSilencesTheListedCodeOnTheNextLineOnly()
    {
        var compilation = TempWorkspace.CompileText(Samples.Minimal + "// rasdl-disable-next-line RASDL3001 -- kept for the next revision\nblock spare : bridge { }\nblock spare2 : bridge { }\n");

        var unused = compilation.GetDiagnostics().Where(d => d.Code == "RASDL3001").ToList();
        Assert.Equal(["spare2"], unused.Select(d => d.Message.Split('\'')[1]));
    }

    [Fact]
    public void DisableNextLineWithoutCodesSilencesEverything()
    {
        var compilation = TempWorkspace.CompileText(Samples.Minimal + "// rasdl-disable-next-line\nblock Spare : bridge { }\n");

        Assert.Empty(compilation.GetDiagnostics());
    }

    [Fact]
    public void DisableNextLineForAnotherCodeSilencesNothing()
    {
        var compilation = TempWorkspace.CompileText(Samples.Minimal + "// rasdl-disable-next-line RASDL1002\nblock spare : bridge { }\n");

        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL3001");
    }
}
