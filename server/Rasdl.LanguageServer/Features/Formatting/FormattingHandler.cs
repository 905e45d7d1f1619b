using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Parsing;
using Rasdl.Syntax;
using Rasdl.Text;
using StreamJsonRpc;
using CompilerFormatter = Rasdl.Formatting.Formatter;
using CompilerFormattingOptions = Rasdl.Formatting.FormattingOptions;

namespace Rasdl.LanguageServer.Features.Formatting;

/// <summary>
/// Formatting with the same formatter as <c>rasdl fmt</c>. A document with syntax errors is
/// left alone (the formatter would have to guess). Range formatting formats the whole document
/// and keeps only the part between the first and last token inside the range: the formatter
/// only changes the space between tokens, so tokens correspond one to one.
/// </summary>
public sealed class FormattingHandler(RasdlWorkspace workspace, LanguageClient client)
{
    [JsonRpcMethod(Methods.TextDocumentFormatting, UseSingleObjectParameterDeserialization = true)]
    public TextEdit[] FormatDocument(DocumentFormattingParams parameters)
    {
        if (Format(parameters.TextDocument.Uri, parameters.Options) is not { } formatted)
        {
            return [];
        }

        var (tree, text) = formatted;
        return MinimalEdit(tree.Text, 0, tree.Text.Length, text, 0, text.Length) is { } edit ? [edit] : [];
    }

    [JsonRpcMethod(Methods.TextDocumentRangeFormatting, UseSingleObjectParameterDeserialization = true)]
    public TextEdit[] FormatRange(DocumentRangeFormattingParams parameters)
    {
        if (Format(parameters.TextDocument.Uri, parameters.Options) is not { } formatted)
        {
            return [];
        }

        var (tree, text) = formatted;
        var range = LspRanges.ToSpan(tree.Text, parameters.Range);
        var original = tree.Tokens;
        var reformatted = Parser.Parse(tree.Path, text).Tokens;
        if (original.Length != reformatted.Length || original.Where((t, i) => t.Text != reformatted[i].Text).Any())
        {
            client.Log(MessageType.Warning, $"range formatting skipped for {parameters.TextDocument.Uri}: the formatted tokens do not match the original");
            return [];
        }

        var first = -1;
        for (var i = 0; i < original.Length && first < 0; i++)
        {
            first = original[i].Span.End > range.Start ? i : -1;
        }

        var last = -1;
        for (var i = original.Length - 1; i >= 0 && last < 0; i--)
        {
            last = original[i].Span.Start < range.End ? i : -1;
        }

        if (first < 0 || last < first)
        {
            return [];
        }

        // From the end of the token before the range (or the start of the file) to the end of the last token in it.
        var originalStart = first == 0 ? 0 : original[first - 1].Span.End;
        var formattedStart = first == 0 ? 0 : reformatted[first - 1].Span.End;
        return MinimalEdit(tree.Text, originalStart, original[last].Span.End, text, formattedStart, reformatted[last].Span.End) is { } edit ? [edit] : [];
    }

    private (SyntaxTree Tree, string Text)? Format(string uri, Protocol.FormattingOptions options)
    {
        if (DocumentRequest.For(workspace, uri) is not { } request)
        {
            return null;
        }

        var newLine = request.Tree.Text.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var text = CompilerFormatter.Format(request.Tree, new CompilerFormattingOptions(Math.Clamp(options.TabSize, 1, 16), newLine));
        if (text is null)
        {
            client.Log(MessageType.Info, $"{uri} has syntax errors: not formatted");
            return null;
        }

        return (request.Tree, text);
    }

    /// <summary>One edit replacing original[start..end) with formatted[fStart..fEnd), trimmed to the part that differs; null when nothing does.</summary>
    private static TextEdit? MinimalEdit(SourceText original, int start, int end, string formatted, int formattedStart, int formattedEnd)
    {
        var text = original.Text;
        while (start < end && formattedStart < formattedEnd && text[start] == formatted[formattedStart])
        {
            start++;
            formattedStart++;
        }

        while (end > start && formattedEnd > formattedStart && text[end - 1] == formatted[formattedEnd - 1])
        {
            end--;
            formattedEnd--;
        }

        return start == end && formattedStart == formattedEnd
            ? null
            : new TextEdit { Range = LspRanges.ToRange(original, TextSpan.FromBounds(start, end)), NewText = formatted[formattedStart..formattedEnd] };
    }
}
