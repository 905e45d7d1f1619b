using System.Text;

namespace Rasdl.Emit;

/// <summary>
/// Text from a description (a string literal, a word the lexer did not know) on its way to a
/// terminal: control characters are shown as escapes, never sent raw, so a description cannot
/// change the window title, erase lines or hide text (ESC, BEL, CR, C1 controls), nor reorder
/// what is shown (bidirectional overrides, as in "Trojan Source").
/// </summary>
public static class TerminalText
{
    public static string Escape(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
            {
                escaped.Append(c);
            }
            else if (c < 0x100)
            {
                escaped.Append($"\\x{(int)c:x2}");
            }
            else
            {
                escaped.Append($"\\u{(int)c:x4}");
            }
        }

        return escaped.ToString();
    }

    private static bool IsUnsafe(char c) =>
        (char.IsControl(c) && c != '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
