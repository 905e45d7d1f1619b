using System.Globalization;
using System.Text;
using Rasdl.Formatting;
using Rasdl.Parsing;

namespace Rasdl.Import;

/// <summary>Pieces of RASDL source the importers write (string literals, sizes, addresses), and the formatter pass every import ends with.</summary>
public static class RasdlText
{
    /// <summary>A string literal: quotes and backslashes escaped, control characters dropped (a doc string is one line).</summary>
    public static string Quote(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                literal.Append('\\');
            }

            if (!char.IsControl(c))
            {
                literal.Append(c);
            }
        }

        return literal.Append('"').ToString();
    }

    /// <summary>A size literal: 16K, 64M, 32G when the size is a whole number of them, else the number of bytes.</summary>
    public static string Size(ulong bytes)
    {
        foreach (var (suffix, shift) in new[] { ("T", 40), ("G", 30), ("M", 20), ("K", 10) })
        {
            if (bytes >= 1UL << shift && bytes % (1UL << shift) == 0)
            {
                return (bytes >> shift).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An address in hexadecimal with digits grouped by four (0x40_0000_0000), as the examples write them.</summary>
    public static string Address(ulong address)
    {
        var digits = address.ToString("x", CultureInfo.InvariantCulture);
        var grouped = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 4 == 0)
            {
                grouped.Append('_');
            }

            grouped.Append(digits[i]);
        }

        return "0x" + grouped;
    }

    /// <summary>
    /// The description in the canonical layout (<see cref="Formatter"/>), so an import reads like
    /// a file written by hand and formatting it changes nothing. Text that does not parse is a
    /// bug of the importer, never of the input.
    /// </summary>
    public static string Format(string text, string fileName)
    {
        var tree = Parser.Parse(fileName, text);
        return Formatter.Format(tree)
               ?? throw new InvalidOperationException($"the importer wrote text that does not parse: {string.Join("; ", tree.Diagnostics.Select(d => d.Message))}");
    }
}
