namespace Rasdl.Diagnostics;

public static partial class DiagnosticCatalogue
{
    public static readonly DiagnosticDescriptor SyntaxError = new(
        "RASDL0001", DiagnosticSeverity.Error, "Syntax error",
        "{0}",
        """
        The text does not follow RASDL's grammar at this point. The message says what was
        expected (for example `expected ';' after rule`). The parser recovers at the next
        statement or closing brace, so every independent syntax error in a file is reported
        in one run, and the rest of the file is still checked.

        See docs/language.md for the grammar of each construct.
        """);

    public static readonly DiagnosticDescriptor UnexpectedCharacter = new(
        "RASDL0002", DiagnosticSeverity.Error, "Unexpected character",
        "unexpected character {0}",
        """
        The character cannot start any RASDL token. Names are ASCII letters, digits and `_`
        (not starting with a digit); punctuation is `{ } ( ) ; : , . ->`; comments are `//`
        and `/* */`. The character is skipped and parsing goes on.
        """);

    public static readonly DiagnosticDescriptor UnterminatedString = new(
        "RASDL0003", DiagnosticSeverity.Error, "Unterminated string",
        "unterminated string: add '\"' before the end of the line",
        """
        A string literal starts with `"` and must end with `"` on the same line. Use `\"` for
        a quote and `\\` for a backslash inside it.
        """);

    public static readonly DiagnosticDescriptor UnterminatedComment = new(
        "RASDL0004", DiagnosticSeverity.Error, "Unterminated comment",
        "unterminated comment: '/*' has no matching '*/'",
        """
        A block comment that starts with `/*` runs to the end of the file because it is never
        closed. Add `*/` where the comment should end.
        """);

    public static readonly DiagnosticDescriptor FileTooLarge = new(
        "RASDL0005", DiagnosticSeverity.Error, "File too large",
        "file is {0} bytes; RASDL reads files of at most {1} bytes",
        """
        RASDL refuses files above a fixed size so that a mistaken argument (a disk image, a
        log) cannot exhaust memory. Split a large platform into several files joined with
        `import`.
        """);

    public static readonly DiagnosticDescriptor InvalidEncoding = new(
        "RASDL0006", DiagnosticSeverity.Error, "Not UTF-8 text",
        "{0}",
        """
        RASDL files are UTF-8 text. The file holds a byte sequence that is not valid UTF-8, or
        NUL bytes, which text files do not contain: it is probably a binary file or in another
        encoding. Convert it to UTF-8 (for example with `iconv -t UTF-8`).
        """);

    public static readonly DiagnosticDescriptor TooManySyntaxErrors = new(
        "RASDL0007", DiagnosticSeverity.Error, "Too many syntax errors",
        "too many syntax errors; {0} more are not reported",
        """
        After 100 syntax errors in one file RASDL stops listing them: the file is probably
        not RASDL at all. Fix the first errors and check again.
        """);

    public static readonly DiagnosticDescriptor InvalidNumber = new(
        "RASDL0008", DiagnosticSeverity.Error, "Invalid number",
        "{0}",
        """
        Numbers are decimal (`4096`), hexadecimal (`0x1000`, `_` may separate digits) or sizes
        with a binary suffix: `K` (KiB), `M` (MiB), `G` (GiB), `T` (TiB), e.g. `64M`. A value
        must fit in 64 bits.
        """);

    public static readonly DiagnosticDescriptor InvalidEscape = new(
        "RASDL0009", DiagnosticSeverity.Error, "Invalid escape sequence",
        "invalid escape sequence '{0}' in string; use \\\", \\\\, \\n or \\t",
        """
        Inside a string, a backslash starts an escape: `\"` (quote), `\\` (backslash), `\n`
        (new line) and `\t` (tab) are the only ones.
        """);
}
