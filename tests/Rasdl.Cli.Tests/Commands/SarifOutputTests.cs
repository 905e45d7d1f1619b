using System.Text.Json;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

public class SarifOutputTests
{
    [Fact]
    public void AnUncontainedPathBecomesAResultWithItsWitnessAsRelatedLocations()
    {
        var result = RasdlCli.Run("check", "examples/serror-soc/serror-soc.rasdl", "--format", "sarif", "--help-base-uri", "https://example.org/rasdl/diagnostics");

        Assert.Equal(1, result.ExitCode);
        using var log = JsonDocument.Parse(result.Stdout);
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var uncontained = rules.Single(r => r.GetProperty("id").GetString() == "RASDL2001");
        Assert.Equal("https://example.org/rasdl/diagnostics/RASDL2001.md", uncontained.GetProperty("helpUri").GetString());
        Assert.Equal("error", uncontained.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var finding = run.GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "RASDL2001");
        Assert.Equal(rules.IndexOf(uncontained), finding.GetProperty("ruleIndex").GetInt32());
        var location = finding.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("examples/serror-soc/serror-soc.rasdl", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.True(finding.GetProperty("relatedLocations").GetArrayLength() >= 4);
        Assert.Contains(run.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("location").GetProperty("uri").GetString() == "std/kvm.rasdl");
    }

    [Fact]
    public void ACleanFileHasNoResultsAndNoRules()
    {
        var result = RasdlCli.Run("check", "examples/server/server.rasdl", "-f", "sarif");

        Assert.Equal(0, result.ExitCode);
        using var log = JsonDocument.Parse(result.Stdout);
        var run = log.RootElement.GetProperty("runs")[0];
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(0, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
    }
}
