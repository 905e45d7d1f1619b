using Rasdl.Parsing;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>Pieces of text that are likely to reach corners of the lexer, parser and binder.</summary>
public static class Fragments
{
    public static readonly string[] Keywords = [.. Parser.Keywords];

    public static readonly string[] Punctuation = ["{", "}", "(", ")", ";", ":", ",", ".", "->", "-", ">"];

    public static readonly string[] VocabularyWords = [.. Words.AllWords.Select(w => w.Text).Distinct().Order(StringComparer.Ordinal)];

    public static readonly string[] Names = ["core", "mesh", "rc0", "gpu0", "bar0", "nic", "a", "b", "p", "production", "legacy", "kvm_6_7", "kvm_6_8", "_", "guest", "host"];

    public static readonly string[] Numbers = ["0", "1", "4K", "64M", "1G", "16T", "0x1000", "0x4000_0000", "0xFFFF_FFFF_FFFF_FFFF", "18446744073709551615", "1_", "0_0"];

    public static readonly string[] BadNumbers = ["0x", "0x1_0000_0000_0000_0000", "18446744073709551616", "99999999999999999999999T", "17T", "0xG"];

    public static readonly string[] Strings =
    [
        "\"\"", "\"std/kvm.rasdl\"", "\"std/ip/pcie.rasdl\"", "\"std/../std/kvm.rasdl\"", "\"std/../../etc/passwd\"", "\"../../../../etc/passwd\"",
        "\"/etc/passwd\"", "\"ip/cores.rasdl\"", "\"C:\\\\Windows\\\\win.ini\"", "\"file:///etc/passwd\"", "\"https://example.com/x.rasdl\"",
        "\"\\\"quoted\\\"\"", "\"tab\\there\"", "\"ünïcödé✓𝔸\"", "\"" + new string('x', 300) + "\"",
    ];

    public static readonly string[] BadStrings = ["\"a\\", "\"unterminated", "\"line\nbreak\""];

    /// <summary>Whitespace and comments the lexer skips.</summary>
    public static readonly string[] Trivia =
    [
        " ", "\n", "\r\n", "\r", "\t", "\f", "\v", "\u00A0", "\uFEFF", "  \n\n  ", "// comment\n", "/* block */", "/* multi\nline */",
        "/**/", "/* * / */", "// rasdl-disable-line\n", "\n\n\n", "// ünïcödé\r\n", "\t\n\t",
    ];

    public static readonly string[] BadTrivia = ["\u2028", "\u0085", "/* never closed", "//", "*/"];

    public static readonly string[] Odd =
    [
        "§", "\0", "\u0001", "\u007F", "\uD800", "\uDC00", "\uD83D\uDE00", "é", "ℵ", "\\", "#", "@", "$", "`", "'", "\"", "*", "/", "=", "[", "]",
        "<", "!", "\u200B", "\u202E",
    ];

    public static readonly string[] All =
    [
        .. Keywords, .. Punctuation, .. VocabularyWords, .. Names, .. Numbers, .. BadNumbers, .. Strings, .. BadStrings, .. Trivia, .. BadTrivia, .. Odd,
    ];
}
