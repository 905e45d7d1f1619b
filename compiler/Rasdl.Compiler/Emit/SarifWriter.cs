using System.Text;
using System.Text.Json;
using Rasdl.Diagnostics;
using Rasdl.Text;

namespace Rasdl.Emit;

/// <summary>
/// Diagnostics as a SARIF 2.1.0 log for code scanning: one run, the catalogue entries the results
/// use as the tool's rules (with titles, help text and help links), each diagnostic a result with its location and
/// related locations (a containment witness's steps). No SARIF object-model library restores on
/// this project's package feed, so the log is written directly, to the OASIS 2.1.0 schema.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <param name="helpBase">Where the help pages are (a folder URI ending in '/'); by default the pages shipped beside the compiler.</param>
    public static string Write(IReadOnlyList<Diagnostic> diagnostics, DisplayPaths paths, string toolVersion, Uri? helpBase = null)
    {
        helpBase ??= DiagnosticCatalogue.HelpBaseUri;
        // The rules the results use (as most code-scanning producers do): the whole catalogue would repeat in every log.
        var used = diagnostics.Where(d => d.Severity != DiagnosticSeverity.Off).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var rules = DiagnosticCatalogue.All.Where(r => used.Contains(r.Code)).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Code, i)).ToDictionary(p => p.Code, p => p.i);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "rasdl");
            json.WriteString("semanticVersion", toolVersion);
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Code);
                json.WriteString("name", Pascal(rule.Title));
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                json.WriteStartObject("fullDescription");
                json.WriteString("text", rule.Help.ReplaceLineEndings(" "));
                json.WriteEndObject();
                json.WriteStartObject("help");
                json.WriteString("text", rule.Help);
                json.WriteString("markdown", rule.Help);
                json.WriteEndObject();
                json.WriteString("helpUri", new Uri(helpBase, rule.Code + ".md").AbsoluteUri);
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", Level(rule.DefaultSeverity));
                json.WriteBoolean("enabled", rule.DefaultSeverity != DiagnosticSeverity.Off);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var diagnostic in diagnostics.Where(d => d.Severity != DiagnosticSeverity.Off))
            {
                json.WriteStartObject();
                json.WriteString("ruleId", diagnostic.Code);
                json.WriteNumber("ruleIndex", ruleIndex[diagnostic.Code]);
                json.WriteString("level", Level(diagnostic.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", diagnostic.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                WriteLocation(json, diagnostic.Location, paths, null, null);
                json.WriteEndArray();
                if (!diagnostic.Related.IsEmpty)
                {
                    json.WriteStartArray("relatedLocations");
                    var id = 1;
                    foreach (var related in diagnostic.Related)
                    {
                        WriteLocation(json, related.Location, paths, id++, related.Message);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("artifacts");
            foreach (var file in diagnostics.SelectMany(d => d.Related.Select(r => r.Location.Path).Prepend(d.Location.Path)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteStartObject("location");
                json.WriteString("uri", Uri(file, paths));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteLocation(Utf8JsonWriter json, SourceLocation location, DisplayPaths paths, int? id, string? message)
    {
        json.WriteStartObject();
        if (id is { } value)
        {
            json.WriteNumber("id", value);
        }

        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(location.Path, paths));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", location.Range.Start.Line + 1);
        json.WriteNumber("startColumn", location.Range.Start.Character + 1);
        json.WriteNumber("endLine", location.Range.End.Line + 1);
        json.WriteNumber("endColumn", location.Range.End.Character + 1);
        json.WriteEndObject();
        json.WriteEndObject();
        if (message is not null)
        {
            json.WriteStartObject("message");
            json.WriteString("text", message);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    // Relative paths stay relative (code scanning resolves them against the checkout); others become file URIs.
    private static string Uri(string path, DisplayPaths paths)
    {
        var shown = paths.Show(path);
        return Path.IsPathFullyQualified(shown) ? new Uri(shown).AbsoluteUri : shown.Replace('\\', '/');
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    private static string Pascal(string title) =>
        string.Concat(title.Split(' ', '-', '\'').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]))
            .Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
}
