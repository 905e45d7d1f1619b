using System.Text.Json;
using Rasdl.Diagnostics;
using Rasdl.Text;

namespace Rasdl.Emit;

/// <summary>Diagnostics as JSON objects: code, severity, file, 1-based line/column range, message, related places.</summary>
public static class DiagnosticJsonWriter
{
    public static void WriteArray(Utf8JsonWriter json, IEnumerable<Diagnostic> diagnostics, DisplayPaths paths)
    {
        json.WriteStartArray();
        foreach (var diagnostic in diagnostics)
        {
            if (json.BytesPending > 1 << 16)
            {
                json.Flush(); // pass a long list on as it grows
            }

            json.WriteStartObject();
            json.WriteString("code", diagnostic.Code);
            json.WriteString("severity", diagnostic.Severity.ToName());
            WriteLocation(json, diagnostic.Location, paths);
            json.WriteString("message", diagnostic.Message);
            json.WriteString("title", diagnostic.Descriptor.Title);
            json.WriteStartArray("related");
            foreach (var related in diagnostic.Related)
            {
                json.WriteStartObject();
                WriteLocation(json, related.Location, paths);
                json.WriteString("message", related.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter json, SourceLocation location, DisplayPaths paths)
    {
        json.WriteString("file", paths.Show(location.Path));
        json.WriteNumber("line", location.Range.Start.Line + 1);
        json.WriteNumber("column", location.Range.Start.Character + 1);
        json.WriteNumber("endLine", location.Range.End.Line + 1);
        json.WriteNumber("endColumn", location.Range.End.Character + 1);
    }
}
