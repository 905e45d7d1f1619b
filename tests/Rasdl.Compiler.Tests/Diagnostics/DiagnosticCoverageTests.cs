using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Diagnostics;

namespace Rasdl.Compiler.Tests.Diagnostics;

public class DiagnosticCoverageTests
{
    public static TheoryData<DiagnosticTriggers.Trigger> Triggers => [.. DiagnosticTriggers.All];

    [Theory]
    [MemberData(nameof(Triggers))]
    public void EachTriggerReportsItsCode(DiagnosticTriggers.Trigger trigger)
    {
        using var workspace = new TempWorkspace();
        foreach (var (path, text) in trigger.Files)
        {
            workspace.Write(path, text);
        }

        trigger.Prepare?.Invoke(workspace);
        var compilation = workspace.Compile("main.rasdl");

        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == trigger.Code);
    }

    [Fact]
    public void EveryCatalogueCodeHasATrigger()
    {
        var triggered = DiagnosticTriggers.All.Select(t => t.Code).ToHashSet();

        var untested = DiagnosticCatalogue.All.Select(d => d.Code).Where(code => !triggered.Contains(code)).ToList();

        Assert.True(untested.Count == 0, $"codes no test triggers: {string.Join(", ", untested)}");
    }

    [Fact]
    public void CodesAreUniqueWellFormedAndInTheirRange()
    {
        var all = DiagnosticCatalogue.All.ToList();

        Assert.Equal(all.Count, all.Select(d => d.Code).Distinct().Count());
        Assert.All(all, d =>
        {
            Assert.Matches("^RASDL[0-3][0-9]{3}$", d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.False(string.IsNullOrWhiteSpace(d.Help));
            Assert.True(d.Help.Length > 60, $"{d.Code}'s help text is too thin to help");
        });
    }

    [Theory]
    [InlineData("RASDL1002")]
    [InlineData("rasdl1002")]
    [InlineData("1002")]
    public void CodesAreFoundInEveryUsualSpelling(string spelling)
    {
        Assert.True(DiagnosticCatalogue.TryGet(spelling, out var descriptor));
        Assert.Equal("RASDL1002", descriptor.Code);
    }
}
