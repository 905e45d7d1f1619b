using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Rasdl.Cli.Tests.Baselines;
using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Emit;

namespace Rasdl.Cli.Tests.Commands;

public class BuildCommandTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Repository.PathOf("docs/schemas/profile.schema.json"))));

    public static TheoryData<string> Examples() => new(ExampleCorpus.RootFiles);

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExamplesArtefactsValidateAgainstTheCommittedSchema(string example)
    {
        using var folder = new TempFolder();

        var result = RasdlCli.Run("build", example, "-o", folder.Root);

        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        var artefacts = Directory.GetFiles(folder.Root, "*.profile.json");
        Assert.NotEmpty(artefacts);
        foreach (var artefact in artefacts)
        {
            var evaluation = Schema.Value.Evaluate(JsonNode.Parse(File.ReadAllText(artefact)), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(evaluation.IsValid, $"{Path.GetFileName(artefact)}: " + string.Join("; ", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Fact]
    public void TheSchemaRejectsAnArtefactWithAnUnknownVerdict()
    {
        using var folder = new TempFolder();
        RasdlCli.Run("build", "examples/server/server.rasdl", "-o", folder.Root);
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Root, "production.profile.json")))!;
        node["verdict"] = "probably-fine";

        Assert.False(Schema.Value.Evaluate(node).IsValid);
    }

    [Fact]
    public void ASafePlatformBuildsOneArtefactPerProfileAndExitsZero()
    {
        using var folder = new TempFolder();

        var result = RasdlCli.Run("build", "examples/server/server.rasdl", "-o", folder.Root);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["legacy.profile.json", "production.profile.json"], Directory.GetFiles(folder.Root).Select(Path.GetFileName).Order());
        using var production = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Root, "production.profile.json")));
        Assert.Equal("contained-in-vm", production.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("fwb_normal_nc", production.RootElement.GetProperty("regions")[0].GetProperty("stage2").GetString());
    }

    [Fact]
    public void AnUncontainedRegionFailsTheBuildUnlessTheProjectAllowsIt()
    {
        using var folder = new TempFolder();
        var source = File.ReadAllText(Repository.PathOf("examples/serror-soc/serror-soc.rasdl"));
        var file = folder.Write("board/soc.rasdl", source);

        var failing = RasdlCli.Run("build", file, "-o", Path.Combine(folder.Root, "out"));
        folder.Write("board/rasdl.json", """{ "allowUncontained": true }""");
        var allowed = RasdlCli.Run("build", file, "-o", Path.Combine(folder.Root, "out"));

        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("uncontained", failing.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Root, "out", "normal_nc_stage2.profile.json")), "artefacts are written even when the verdict fails the build");
        Assert.Equal(0, allowed.ExitCode);
    }

    [Fact]
    public void ADescriptionWithErrorsWritesNothingAndKeepsThePreviousArtefact()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Root, "out");
        var file = folder.Write("p.rasdl", File.ReadAllText(Repository.PathOf("examples/server/server.rasdl")));
        Assert.Equal(0, RasdlCli.Run("build", file, "-o", output).ExitCode);
        var before = File.ReadAllText(Path.Combine(output, "production.profile.json"));
        folder.Write("p.rasdl", File.ReadAllText(file).Replace("under rc0", "under rc9", StringComparison.Ordinal));

        var result = RasdlCli.Run("build", file, "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing was written", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "production.profile.json")));
        Assert.Equal(2, Directory.GetFiles(output).Length);
    }

    [Fact]
    public void AWriteThatFailsLeavesNoPartialOrTemporaryFile()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Root, "out");
        // A folder where the artefact should go: the final rename fails.
        Directory.CreateDirectory(Path.Combine(output, "production.profile.json"));

        var result = RasdlCli.Run("build", "examples/server/server.rasdl", "-o", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot write", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(output, "*production*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("production", "production.profile.json")]
    [InlineData("../../etc/passwd", "______etc_passwd.profile.json")]
    [InlineData("/abs", "_abs.profile.json")]
    [InlineData("", "_.profile.json")]
    public void ProfileNamesCannotLeaveTheOutputFolder(string profile, string file)
    {
        using var folder = new TempFolder();

        var path = ProfileJsonWriter.ArtefactPath(folder.Root, profile);

        Assert.Equal(Path.Combine(folder.Root, file), path);
    }

    [Fact]
    public void ADescriptionWithNoProfileFailsTheBuildAndSaysWhy()
    {
        using var folder = new TempFolder();
        var source = File.ReadAllText(Repository.PathOf("examples/server/server.rasdl"));
        var file = folder.Write("p.rasdl", source[..source.IndexOf("profile production", StringComparison.Ordinal)]);

        var result = RasdlCli.Run("build", file, "-o", Path.Combine(folder.Root, "out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("declares no profile, so there is nothing to build and nothing is proven", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssignedRegionThatWasNotAnalysedMakesTheProfileIncompleteAndFailsTheBuild()
    {
        // Unknown is unsafe: a region no route reaches is not analysed, so no profile is contained.
        using var folder = new TempFolder();
        var source = File.ReadAllText(Repository.PathOf("examples/server/server.rasdl")) + """

            block rc9 : root_port { on any (read) -> all_ones; on any -> drop; }
            endpoint lost : pcie_endpoint under rc9 { region bar mmio size 4K; faults ur; }
            assign lost.bar to guest via vfio_pci;
            """;
        var file = folder.Write("p.rasdl", source);
        folder.Write("rasdl.json", """{ "allowUncontained": true }""");

        var check = RasdlCli.Run("check", file);
        var json = RasdlCli.Run("check", "--format", "json", file);
        var sarif = RasdlCli.Run("check", "--format", "sarif", file);
        var build = RasdlCli.Run("build", file, "-o", Path.Combine(folder.Root, "out"));

        Assert.Contains("profile legacy (hypervisor kvm_6_7): incomplete", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("  not analysed: lost.bar (no route reaches rc9, the block lost sits under)", check.Stdout, StringComparison.Ordinal);
        var legacy = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("profiles").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "legacy");
        Assert.Equal("incomplete", legacy.GetProperty("verdict").GetString());
        Assert.Equal("lost.bar", legacy.GetProperty("leftOut")[0].GetProperty("region").GetString());
        Assert.Contains("RASDL2011", sarif.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, build.ExitCode);
    }

    [Fact]
    public void MissingOutputOptionIsBadUsage()
    {
        var result = RasdlCli.Run("build", "examples/server/server.rasdl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.Stderr, StringComparison.Ordinal);
    }
}
