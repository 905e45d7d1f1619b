using System.Collections.Immutable;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Baselines;

/// <summary>
/// One kind of expected output kept beside every example root file, as
/// <c>NAME.SUFFIX</c>: the suffix and how to produce the output with the real CLI (for the
/// examples it applies to: every one, unless <paramref name="AppliesTo"/> says otherwise).
/// </summary>
public sealed record BaselineKind(string Suffix, string Description, Func<BaselineRun, string> Produce, Func<string, bool>? AppliesTo = null)
{
    /// <summary>Every kind. A new output of the CLI becomes a baseline with one line here, then one regenerate.</summary>
    public static readonly ImmutableArray<BaselineKind> All =
    [
        new("check.txt", "rasdl check FILE", run => run.Cli("check", run.File).Stdout),
        new("check.json", "rasdl check FILE --format json", run => run.Cli("check", run.File, "--format", "json").Stdout),
        new("check.sarif", "rasdl check FILE --format sarif", run => run.Cli("check", run.File, "--format", "sarif").Stdout),
        new("build.txt", "rasdl build FILE -o OUT (the files written)", run => run.FilesWrittenBy("build", run.File, "-o", run.OutputDirectory)),
        new("graph.dot", "rasdl graph FILE --format dot", run => run.Cli("graph", run.File, "--format", "dot").Stdout),
        new("graph.mmd", "rasdl graph FILE --format mermaid", run => run.Cli("graph", run.File, "--format", "mermaid").Stdout),
        // The pictures the README shows (docs/regenerate-pictures.sh writes the same files).
        new("graph.svg", "rasdl graph FILE --format svg", run => run.Cli("graph", run.File, "--format", "svg").Stdout),
        // Every path of a few regions (PathsBaselineRegions says which), each after its command line.
        new("paths.txt", "rasdl paths FILE --region R (for each listed region)", PathsText, PathsBaselineRegions.HasRegions),
        new("paths.json", "rasdl paths FILE --region R --profile P --format json (the representative region and its worst profile)", PathsJson, PathsBaselineRegions.HasRegions),
    ];

    /// <summary>Whether an example has a baseline of this kind.</summary>
    public bool For(string rootFile) => AppliesTo?.Invoke(rootFile) ?? true;

    private static string PathsText(BaselineRun run) => string.Join("\n", PathsBaselineRegions.Listed(run.File)
        .Select(region => $"$ rasdl paths {run.File} --region {region}\n" + run.Cli("paths", run.File, "--region", region).Stdout));

    private static string PathsJson(BaselineRun run)
    {
        var (region, profile) = PathsBaselineRegions.Representative(run.File)!.Value;
        return run.Cli("paths", run.File, "--region", region, "--profile", profile, "--format", "json").Stdout;
    }

    public override string ToString() => Suffix;
}
