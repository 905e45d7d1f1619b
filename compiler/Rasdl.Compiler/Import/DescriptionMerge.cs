namespace Rasdl.Import;

/// <summary>Re-import: placeholder until implemented.</summary>
public static class DescriptionMerge
{
    public sealed record Result(string Text, IReadOnlyList<string> Messages);

    public static Result Merge(string existing, string imported, string path) => new(imported, []);
}
