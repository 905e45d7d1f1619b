using System.Globalization;
using System.Text.RegularExpressions;

namespace Rasdl.Import.Acpi;

/// <summary>
/// Reads an IORT from a file: the binary table (/sys/firmware/acpi/tables/IORT, or iasl's
/// .aml), or iasl's disassembly (.dsl), whose "Raw Table Data" section holds the same bytes —
/// so both go through one parser and cannot disagree.
/// </summary>
public static partial class IortReader
{
    private const int MaxTableLength = 16 * 1024 * 1024; // far above any real IORT; a bound for hostile input

    [GeneratedRegex(@"Raw Table Data: Length (?<length>[0-9]+)")]
    private static partial Regex RawDataHeader();

    [GeneratedRegex(@"^\s*[0-9A-Fa-f]{4,8}:(?<bytes>(\s[0-9A-Fa-f]{2})+)")]
    private static partial Regex RawDataLine();

    public static IortTable Read(string path)
    {
        byte[] data;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ImportFailure($"{path}: no such file");
            }

            if (info.Length > MaxTableLength)
            {
                throw new ImportFailure($"{path}: {info.Length} bytes is far larger than any IORT table");
            }

            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFailure($"{path}: {e.Message}");
        }

        return data.AsSpan().StartsWith("IORT"u8)
            ? IortParser.Parse(data, path)
            : IortParser.Parse(FromDisassembly(System.Text.Encoding.UTF8.GetString(data), path), path);
    }

    /// <summary>The table's bytes from iasl's disassembly ("Raw Table Data: Length N", then "OFFS: HH HH … // text" lines).</summary>
    public static byte[] FromDisassembly(string text, string source)
    {
        var header = RawDataHeader().Match(text);
        if (!header.Success)
        {
            throw new ImportFailure(text.Contains("IORT", StringComparison.Ordinal)
                ? $"{source}: no \"Raw Table Data\" section; give the binary table, or iasl's disassembly of it (`iasl -d IORT.aml`)"
                : $"{source}: neither a binary IORT table nor iasl's disassembly of one");
        }

        var expected = int.TryParse(header.Groups["length"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var bytes = new List<byte>();
        foreach (var line in text[(header.Index + header.Length)..].Split('\n').Skip(1))
        {
            var match = RawDataLine().Match(line);
            if (!match.Success)
            {
                if (line.Trim().Length == 0 && bytes.Count == 0)
                {
                    continue;
                }

                break;
            }

            foreach (var pair in match.Groups["bytes"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                bytes.Add(byte.Parse(pair, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            }

            if (bytes.Count > MaxTableLength)
            {
                break;
            }
        }

        if (bytes.Count != expected)
        {
            throw new ImportFailure($"{source}: truncated: the Raw Table Data section says {header.Groups["length"].Value} bytes and holds {bytes.Count}");
        }

        return bytes.ToArray();
    }
}
