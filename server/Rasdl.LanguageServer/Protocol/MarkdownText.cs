using System.Text;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>
/// Text from a description (a doc string) placed in Markdown the client renders: the characters
/// that start links, images, HTML, entities, code, emphasis, headings and tables are
/// backslash-escaped (CommonMark renders an escaped character as itself), so a description
/// shows as written and cannot add a link or a remote image to a hover.
/// </summary>
public static class MarkdownText
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '!' or '#' or '|' or '~')
            {
                escaped.Append('\\');
            }

            escaped.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
        }

        return escaped.ToString();
    }
}
