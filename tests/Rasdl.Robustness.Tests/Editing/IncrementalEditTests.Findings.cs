using System.Text;
using System.Text.RegularExpressions;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;

namespace Rasdl.Robustness.Editing;

/// <summary>
/// The edits a user makes to a description that checks cleanly: spaces, line breaks and
/// comments typed, a size changed, a rule's outcome changed (paths change), a rule written
/// twice (a dead rule whose message cites a line, then lines move above it), a region name
/// mistyped and a semicolon deleted (an error that hides the findings) and each undone. After
/// every edit the workspace's diagnostics and verdicts must equal a full analysis, and over
/// the series the findings must have been reused, skipped and analysed many times each.
/// </summary>
public sealed partial class IncrementalEditTests
{
    private const int CleanEdits = 300;

    public static TheoryData<string, int> CleanSeries() => new()
    {
        { "generated", 11 },
        { "examples/server/server.rasdl", 12 },
        { "examples/every-construct/every-construct.rasdl", 13 },
        { "examples/serror-soc/serror-soc.rasdl", 14 },
        { "examples/safe-server/safe-server.rasdl", 15 },
    };

    [Theory]
    [MemberData(nameof(CleanSeries))]
    public void EveryEditOfACleanDescriptionReusesOrAnalysesAsAFullAnalysis(string source, int seed)
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        var (path, text, roots, workspace) = OpenSeries(source, folder, standardLibrary);
        _ = workspace.GetCompilation(path).GetDiagnostics();

        var random = new Random(seed);
        Edit? fix = null;
        var findings = new Dictionary<string, int>(StringComparer.Ordinal);
        var keptRuns = 0;
        for (var index = 0; index < CleanEdits; index++)
        {
            // A mistake is fixed by the next edit, as a user fixes a typo.
            var edit = fix ?? NextCleanEdit(random, text);
            fix = edit.Kind is "mistype a region name" or "delete a semicolon"
                ? new Edit("fix it", edit.Start, edit.Start + edit.Insert.Length, text[edit.Start..edit.End])
                : null;

            var change = new TextDocumentContentChangeEvent { Range = RangeOf(text, edit.Start, edit.End), Text = edit.Insert };
            Assert.True(workspace.Change(path, index + 2, [change], out var problem), problem);
            text = text[..edit.Start] + edit.Insert + text[edit.End..];

            var incremental = workspace.GetCompilation(path);
            var full = Compilation.Create(path, new OverlaySourceFileProvider(path, text), new CompilationOptions(WorkspaceRoots: [.. roots]));
            var where = $"seed {seed}, edit {index} ({edit.Kind}: [{edit.Start}..{edit.End}) -> \"{Escape(edit.Insert)}\"), containment findings {incremental.ContainmentDiagnosticsSource}";
            // The verdicts an editor shows (inlay hints, code lenses) come with reused findings: the full analysis's, every one.
            AssertSame(where + ", the verdicts shown", DescribeVerdicts(full, fromAnalysis: true), DescribeVerdicts(incremental, fromAnalysis: false));
            AssertSame($"{where}, binding {incremental.Model.Binding}", ModelDump.Of(full.Model), ModelDump.Of(incremental.Model));
            AssertSame(where, Describe(full), Describe(incremental));
            var how = incremental.ContainmentDiagnosticsSource.Split(' ')[0];
            findings[how] = findings.GetValueOrDefault(how) + 1;
            keptRuns += incremental.ContainmentDiagnosticsSource.Contains("kept the verdicts", StringComparison.Ordinal) ? 1 : 0;
        }

        var ways = string.Join(", ", findings.Select(f => $"{f.Value} {f.Key}"));
        output.WriteLine($"{source}, seed {seed}: {CleanEdits} edits; containment findings: {ways}; {keptRuns} analyses kept some runs' verdicts");
        Assert.True(findings.GetValueOrDefault("reused") > CleanEdits / 4, $"containment findings: {ways}: too few reused");
        Assert.True(findings.GetValueOrDefault("not") > CleanEdits / 20, $"containment findings: {ways}: too few skipped");
        Assert.True(findings.GetValueOrDefault("analysed") > CleanEdits / 20, $"containment findings: {ways}: too few analysed");
        // The generated description has many endpoints: most of its analyses walk few of them.
        Assert.True(source != "generated" || keptRuns > CleanEdits / 5, $"only {keptRuns} analyses kept some runs' verdicts");
    }

    // Per region, as an editor shows it: each profile's hypervisor, stage 2, effective types and verdict.
    private static string DescribeVerdicts(Compilation compilation, bool fromAnalysis)
    {
        var result = new StringBuilder();
        foreach (var region in compilation.Model.Regions)
        {
            var verdicts = fromAnalysis
                ? [.. compilation.Analysis.ResultsFor(region).Select(r => (r.Profile, r.Hypervisor, r.Stage2, r.Effective, r.Verdict))]
                : compilation.VerdictsFor(region, CancellationToken.None).Select(v => (v.Profile, v.Hypervisor, v.Stage2, v.Effective, v.Verdict)).ToList();
            foreach (var (profile, hypervisor, stage2, effective, verdict) in verdicts)
            {
                result.Append(region.QualifiedName).Append(' ').Append(profile).Append(' ').Append(hypervisor).Append(' ').Append(stage2)
                    .Append(' ').AppendJoin(",", effective).Append(' ').Append(verdict).AppendLine();
            }
        }

        return result.ToString();
    }

    private static Edit NextCleanEdit(Random random, string text)
    {
        Match Pick(Regex regex)
        {
            var matches = regex.Matches(text);
            return matches.Count == 0 ? Match.Empty : matches[random.Next(matches.Count)];
        }

        switch (random.Next(10))
        {
            case 0:
            {
                var at = Pick(StatementEnd());
                return new Edit("type a space", at.Index, at.Index, " ");
            }

            case 1:
            {
                var at = Pick(StatementEnd());
                return new Edit("break a line", at.Index + at.Length, at.Index + at.Length, "\n");
            }

            case 2:
            {
                var at = Pick(StatementEnd());
                return new Edit("type a comment", at.Index + at.Length, at.Index + at.Length, " // checked");
            }

            case 3:
            {
                var size = Pick(SizeDigit()).Groups["digit"];
                return size.Success
                    ? new Edit("change a size", size.Index, size.Index + 1, random.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    : new Edit("type a space", 0, 0, " ");
            }

            case 4:
            {
                var outcome = Pick(RuleResponse()).Groups["outcome"];
                return outcome.Success
                    ? new Edit("change a rule's outcome", outcome.Index, outcome.Index + outcome.Length, AnyBlockOutcomes[random.Next(AnyBlockOutcomes.Length)])
                    : new Edit("type a space", 0, 0, " ");
            }

            case 5:
            {
                var rule = Pick(RuleLine());
                return rule.Success
                    ? new Edit("write a rule twice", rule.Index, rule.Index, rule.Value)
                    : new Edit("type a space", 0, 0, " ");
            }

            case 6:
            {
                var region = Pick(AssignedRegion()).Groups["region"];
                return region.Success
                    ? new Edit("mistype a region name", region.Index + region.Length, region.Index + region.Length, "x")
                    : new Edit("type a space", 0, 0, " ");
            }

            case 7:
            {
                var semicolon = Pick(StatementEnd());
                return new Edit("delete a semicolon", semicolon.Index, semicolon.Index + 1, "");
            }

            default:
            {
                var line = Pick(LineStart());
                return new Edit("insert a blank line", line.Index, line.Index, "\n");
            }
        }
    }

    // A semicolon that ends a line's statement (never one inside a doc string or a comment).
    [GeneratedRegex(@";(?=[ \t]*(?://[^\n]*)?$)", RegexOptions.Multiline)]
    private static partial Regex StatementEnd();

    // Outcomes every kind of block may produce: the description stays free of binding errors.
    private static readonly string[] AnyBlockOutcomes = ["all_ones", "slverr", "decerr", "drop", "hang"];

    // A block's rule answering with one of them (not a hypervisor's treatment or a firmware rule).
    [GeneratedRegex(@"^[ \t]*on [^\n;]*->\s*(?<outcome>all_ones|slverr|decerr|poison|drop|hang)\s*;", RegexOptions.Multiline)]
    private static partial Regex RuleResponse();

    [GeneratedRegex(@"size (?<digit>[1-9])")]
    private static partial Regex SizeDigit();

    [GeneratedRegex(@"^[ \t]*on [^\n]*->[^\n]*;[^\n]*\n", RegexOptions.Multiline)]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"\bassign\s+[A-Za-z_][A-Za-z0-9_]*\.(?<region>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex AssignedRegion();

    [GeneratedRegex(@"^", RegexOptions.Multiline)]
    private static partial Regex LineStart();
}
