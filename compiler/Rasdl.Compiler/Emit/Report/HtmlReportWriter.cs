using System.Net;
using Rasdl.Diagnostics;
using Rasdl.Emit.Graph;
using Rasdl.Engine;
using Rasdl.Semantics;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit.Report;

/// <summary>
/// The containment report for CI as one self-contained HTML page (<c>rasdl report</c>): per
/// profile the verdict table, the graph, and the witnesses with the source line of every step;
/// then the NORMAL_NC / DEVICE_nGnRE differential and the diagnostics. Styles and pictures are
/// inline and the page's content security policy forbids every fetch, so it opens offline.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em; color: #1d1d1d; max-width: 1200px; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; } th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
        code, pre, td.mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
        .verdict-uncontained { background: #f9d0d3; } .verdict-contained-in-vm { background: #fdebc2; } .verdict-contained-in-device { background: #d5eed7; }
        .graph { overflow-x: auto; border: 1px solid #ddd; padding: 0.5em; margin: 0.5em 0 1em; }
        ol.trace li { margin: 0.2em 0; } pre.excerpt { margin: 0.1em 0 0.4em; padding: 0.2em 0.5em; background: #f5f5f5; border-left: 3px solid #999; }
        .witness { margin: 0.6em 0 1em; } .witness > p { margin: 0.2em 0; }
        """;

    public static void Write(TextWriter html, Compilation compilation, IReadOnlyList<Diagnostic> diagnostics, DisplayPaths paths)
    {
        var analysis = compilation.Analysis;
        var sources = compilation.SyntaxTrees.GroupBy(t => t.Path).ToDictionary(g => g.Key, g => g.First().Text);
        var platform = compilation.Model.Platform?.Name;
        var title = $"RASDL containment report: {platform ?? paths.Show(compilation.RootPath)}";
        html.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Write($"<title>{E(title)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n");
        html.Write($"<h1>{E(title)}</h1>\n");
        html.Write($"<p>File <code>{E(paths.Show(compilation.RootPath))}</code>: overall verdict <strong class=\"verdict-{analysis.Verdict.Name()}\">{analysis.Verdict.Name()}</strong>; {E(DiagnosticTextWriter.Summary([.. diagnostics], 1))}.</p>\n");

        foreach (var profile in analysis.Profiles)
        {
            WriteProfile(html, analysis, profile, sources, paths);
        }

        WriteDifferential(html, analysis);
        WriteDiagnostics(html, diagnostics, paths);
        html.Write("</body>\n</html>\n");
    }

    private static void WriteProfile(TextWriter html, ContainmentAnalysis analysis, ProfileResult profile, Dictionary<string, SourceText> sources, DisplayPaths paths)
    {
        html.Write($"<section class=\"profile\" id=\"profile-{E(profile.Name)}\">\n<h2>Profile {E(profile.Name)} (hypervisor {E(profile.Hypervisor)}): <span class=\"verdict-{profile.Verdict.Name()}\">{profile.Verdict.Name()}</span></h2>\n");
        if (profile.Regions.IsEmpty)
        {
            html.Write("<p>No assigned region.</p>\n</section>\n");
            return;
        }

        html.Write("<table class=\"verdicts\"><tr><th>region</th><th>driver</th><th>stage 2</th><th>effective types</th><th>verdict</th><th>differential</th></tr>\n");
        foreach (var region in profile.Regions)
        {
            html.Write($"<tr><td class=\"mono\">{E(region.QualifiedName)}</td><td>{E(Words.Drivers.TextOf(region.Driver))}</td>"
                + $"<td class=\"mono\">{E(Stage2Table.Name(region.Stage2))} ({E(Stage2Table.MemAttr(region.Stage2))})</td>"
                + $"<td class=\"mono\">{E(string.Join(" ", region.Effective.Select(t => t.Word())))}</td>"
                + $"<td class=\"verdict-{region.Verdict.Name()}\">{region.Verdict.Name()}</td><td>{region.Differential.Name()}</td></tr>\n");
        }

        html.Write("</table>\n");
        var (graph, _) = ContainmentGraphBuilder.Build(analysis, profile.Name);
        html.Write("<div class=\"graph\">\n");
        SvgGraphWriter.Write(html, GraphLayout.Lay(graph!), paths);
        html.Write("\n</div>\n");

        foreach (var region in profile.Regions.Where(r => !r.Witnesses.IsEmpty))
        {
            html.Write($"<h3>Witnesses for {E(region.QualifiedName)} ({region.Verdict.Name()})</h3>\n");
            foreach (var witness in region.Witnesses)
            {
                WriteWitness(html, region, witness, sources, paths);
            }
        }

        html.Write("</section>\n");
    }

    private static void WriteWitness(TextWriter html, RegionResult region, Witness witness, Dictionary<string, SourceText> sources, DisplayPaths paths)
    {
        html.Write("<div class=\"witness\">\n");
        html.Write($"<p><strong>{E(witness.Story([], region.Hypervisor))}</strong></p>\n<p><code>{E(witness.Short())}</code></p>\n<ol class=\"trace\">\n");
        // The same places, in the same words, as the notes under the diagnostic and `rasdl paths`.
        foreach (var line in WitnessTrace.For(region, witness))
        {
            TraceItem(html, line.Text, line.Location, sources, paths);
        }

        html.Write("</ol>\n</div>\n");
    }

    private static void TraceItem(TextWriter html, string text, SourceLocation location, Dictionary<string, SourceText> sources, DisplayPaths paths)
    {
        var line = location.Range.Start.Line;
        html.Write($"<li>{E(text)} <code>{E(paths.Show(location.Path))}:{line + 1}</code>");
        if (sources.TryGetValue(location.Path, out var source) && line < source.LineCount)
        {
            html.Write($"<pre class=\"excerpt\">{E(source.GetLineText(line).TrimEnd())}</pre>");
        }

        html.Write("</li>\n");
    }

    private static void WriteDifferential(TextWriter html, ContainmentAnalysis analysis)
    {
        html.Write("<section id=\"differential\">\n<h2>Differential: NORMAL_NC versus DEVICE_nGnRE at stage 2</h2>\n");
        html.Write("<table><tr><th>profile</th><th>region</th><th>under NORMAL_NC</th><th>under DEVICE_nGnRE</th><th>differential</th></tr>\n");
        foreach (var region in analysis.Profiles.SelectMany(p => p.Regions))
        {
            html.Write($"<tr><td>{E(region.Profile)}</td><td class=\"mono\">{E(region.QualifiedName)}</td>"
                + $"<td class=\"verdict-{region.NormalNcRun.Verdict.Name()}\">{region.NormalNcRun.Verdict.Name()}</td>"
                + $"<td class=\"verdict-{region.DeviceRun.Verdict.Name()}\">{region.DeviceRun.Verdict.Name()}</td><td>{region.Differential.Name()}</td></tr>\n");
        }

        html.Write("</table>\n</section>\n");
    }

    private static void WriteDiagnostics(TextWriter html, IReadOnlyList<Diagnostic> diagnostics, DisplayPaths paths)
    {
        html.Write("<section id=\"diagnostics\">\n<h2>Diagnostics</h2>\n");
        if (diagnostics.Count == 0)
        {
            html.Write("<p>None.</p>\n");
        }
        else
        {
            html.Write("<pre class=\"diagnostics\">");
            using var text = new StringWriter();
            DiagnosticTextWriter.Write(text, [.. diagnostics], paths);
            html.Write(E(text.ToString()));
            html.Write("</pre>\n");
        }

        html.Write("</section>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
