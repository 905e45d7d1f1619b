using Rasdl.Diagnostics;

namespace Rasdl.Emit;

/// <summary>Diagnostics as compilers print them: <c>file:line:col: severity CODE: message</c>, related places as indented notes; control characters from the description are escaped (<see cref="TerminalText"/>).</summary>
public static class DiagnosticTextWriter
{
    public static void Write(TextWriter output, IEnumerable<Diagnostic> diagnostics, DisplayPaths paths)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine($"{Position(diagnostic.Location, paths)}: {diagnostic.Severity.ToName()} {diagnostic.Code}: {TerminalText.Escape(diagnostic.Message)}");
            foreach (var related in diagnostic.Related)
            {
                output.WriteLine($"    {Position(related.Location, paths)}: note: {TerminalText.Escape(related.Message)}");
            }
        }
    }

    public static string Summary(IReadOnlyCollection<Diagnostic> diagnostics, int fileCount)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var infos = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);
        return $"checked {fileCount} {(fileCount == 1 ? "file" : "files")}: {Count(errors, "error")}, {Count(warnings, "warning")}, {Count(infos, "info")}";
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 || noun == "info" ? "" : "s")}";

    private static string Position(Text.SourceLocation location, DisplayPaths paths) =>
        $"{TerminalText.Escape(paths.Show(location.Path))}:{location.Range.Start.Line + 1}:{location.Range.Start.Character + 1}";
}
