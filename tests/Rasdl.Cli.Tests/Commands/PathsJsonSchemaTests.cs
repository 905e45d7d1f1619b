using System.Text.Json.Nodes;
using Json.Schema;
using Rasdl.Cli.Tests.Baselines;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl paths --format json</c> against the committed schema, which refers to the profile artefacts' for witnesses.</summary>
public class PathsJsonSchemaTests
{
    private static readonly Lazy<(JsonSchema Paths, JsonSchema Profile)> Schemas = new(() => (
        JsonSchema.FromText(File.ReadAllText(Repository.PathOf("docs/schemas/paths.schema.json"))),
        JsonSchema.FromText(File.ReadAllText(Repository.PathOf("docs/schemas/profile.schema.json")))));

    public static TheoryData<string, string> Regions()
    {
        var cases = new TheoryData<string, string>();
        foreach (var root in ExampleCorpus.RootFiles.Where(PathsBaselineRegions.HasRegions))
        {
            foreach (var region in PathsBaselineRegions.Listed(root))
            {
                cases.Add(root, region);
            }
        }

        cases.Add("tests/Rasdl.Cli.Tests/TestData/two-socket.rasdl", "nic0.bar0");
        return cases;
    }

    [Theory]
    [MemberData(nameof(Regions))]
    public void EveryProfilesListingValidates(string example, string region)
    {
        foreach (var all in new[] { false, true })
        {
            string[] args = ["paths", example, "--region", region, "--format", "json", .. all ? new[] { "--all" } : []];
            var result = RasdlCli.Run(args);

            Assert.True(result.ExitCode == 0, result.ToString());
            var evaluation = Evaluate(JsonNode.Parse(result.Stdout));
            Assert.True(evaluation.IsValid, $"{string.Join(' ', args)}: " + string.Join("; ", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Fact]
    public void TheSchemaRejectsAnEntryWithNoChoice()
    {
        var node = JsonNode.Parse(RasdlCli.Run("paths", "examples/server/server.rasdl", "--region", "gpu0.bar0", "--format", "json").Stdout)!;
        Assert.True(Evaluate(node).IsValid);

        node["profiles"]![0]!["outcomes"]![0]!["entries"]![0]!["covers"] = new JsonArray();

        Assert.False(Evaluate(node).IsValid);
    }

    private static EvaluationResults Evaluate(JsonNode? node)
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        options.SchemaRegistry.Register(Schemas.Value.Profile);
        return Schemas.Value.Paths.Evaluate(node, options);
    }
}
