namespace Rasdl.Robustness.Fuzzing;

/// <summary>One fuzzed file: the corpus path it stands in for (its imports resolve from there) and its text.</summary>
public sealed record FuzzInput(string RelativePath, string Text)
{
    /// <summary>The text as a C# literal, ready to paste into a regression test.</summary>
    public override string ToString() => $"{RelativePath} ({Text.Length} chars): {Literal(Text)}";

    public static string Literal(string text)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
