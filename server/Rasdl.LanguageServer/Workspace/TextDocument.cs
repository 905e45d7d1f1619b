using System.Text;
using Rasdl.LanguageServer.Protocol;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>An open editor buffer: the client's URI, the compiler path, its version and current text.</summary>
public sealed record TextDocument(string Uri, string Path, int Version, SourceText Text)
{
    /// <summary>
    /// Applies incremental (or whole-document) changes in order. A change whose range lies
    /// outside the document, or runs backwards, makes the whole batch invalid: the result is
    /// null and <paramref name="problem"/> says why (the client's copy and ours disagree).
    /// Columns past a line's end clamp to it, as LSP specifies.
    /// </summary>
    public TextDocument? Apply(int version, IEnumerable<TextDocumentContentChangeEvent> changes, out string? problem)
    {
        var text = Text;
        foreach (var change in changes)
        {
            if (change.Range is not { } range)
            {
                text = new SourceText(change.Text ?? "");
                continue;
            }

            if (!IsInside(text, range.Start) || !IsInside(text, range.End) || LspRanges.Compare(range.Start, range.End) > 0)
            {
                problem = $"edit range {Describe(range)} does not fit {Uri} (version {Version}, {text.LineCount} lines)";
                return null;
            }

            var span = LspRanges.ToSpan(text, range);
            var builder = new StringBuilder(text.Length - span.Length + (change.Text?.Length ?? 0));
            builder.Append(text.Text, 0, span.Start).Append(change.Text).Append(text.Text, span.End, text.Length - span.End);
            text = new SourceText(builder.ToString());
        }

        problem = null;
        return this with { Version = version, Text = text };
    }

    private static bool IsInside(SourceText text, Position position) =>
        position.Line >= 0 && position.Character >= 0 && (position.Line < text.LineCount || (position.Line == text.LineCount && position.Character == 0));

    private static string Describe(Protocol.Range range) =>
        $"{range.Start.Line}:{range.Start.Character}-{range.End.Line}:{range.End.Character}";
}
