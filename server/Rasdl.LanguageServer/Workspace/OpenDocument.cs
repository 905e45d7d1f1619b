using Rasdl.LanguageServer.Protocol;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>
/// An open editor buffer as the editor changes it. Changes apply to an <see cref="EditBuffer"/>
/// in place; the text is copied out (<see cref="Snapshot"/>) only when something reads it, at
/// most once per version. Not thread-safe: the workspace guards it.
/// </summary>
public sealed class OpenDocument(string uri, string path, int version, string text)
{
    private EditBuffer _buffer = new(text);
    private TextDocument? _snapshot;
    private ChangeStamp _changed = ChangeStamp.Now();

    public string Uri { get; } = uri;

    public string Path { get; } = path;

    public int Version { get; private set; } = version;

    /// <summary>The current version's text (made once per version).</summary>
    public TextDocument Snapshot() => _snapshot ??= new TextDocument(Uri, Path, Version, _buffer.ToSourceText()) { Changed = _changed };

    /// <summary>
    /// Applies incremental (or whole-document) changes in order. A change whose range lies
    /// outside the document, or runs backwards, makes the whole batch invalid: the changes
    /// applied before it are undone, the result is false and <paramref name="problem"/> says why
    /// (the client's copy and ours disagree). Columns past a line's end clamp to it, as LSP specifies.
    /// </summary>
    public bool Apply(int version, IEnumerable<TextDocumentContentChangeEvent> changes, out string? problem)
    {
        var before = _buffer;
        var undo = new Stack<(int Start, int End, string Removed)>();
        foreach (var change in changes)
        {
            if (change.Range is not { } range)
            {
                _buffer = new EditBuffer(change.Text ?? "");
                continue;
            }

            if (LspRanges.Compare(range.Start, range.End) > 0
                || !_buffer.TryGetOffset(range.Start.Line, range.Start.Character, out var start)
                || !_buffer.TryGetOffset(range.End.Line, range.End.Character, out var end))
            {
                problem = $"edit range {Describe(range)} does not fit {Uri} (version {Version}, {_buffer.LineCount} lines)";
                Undo(before, undo);
                return false;
            }

            end = Math.Max(start, end);
            var inserted = change.Text ?? "";
            if (ReferenceEquals(_buffer, before))
            {
                undo.Push((start, start + inserted.Length, _buffer.Slice(start, end)));
            }

            _buffer.Replace(start, end, inserted);
        }

        Version = version;
        _snapshot = null;
        _changed = ChangeStamp.Now();
        problem = null;
        return true;
    }

    // The edits made to the buffer the batch started with are undone in reverse; buffers that a
    // whole-text change of the batch made are dropped.
    private void Undo(EditBuffer before, Stack<(int Start, int End, string Removed)> undo)
    {
        _buffer = before;
        while (undo.TryPop(out var edit))
        {
            _buffer.Replace(edit.Start, edit.End, edit.Removed);
        }
    }

    private static string Describe(Protocol.Range range) =>
        $"{range.Start.Line}:{range.Start.Character}-{range.End.Line}:{range.End.Character}";
}
