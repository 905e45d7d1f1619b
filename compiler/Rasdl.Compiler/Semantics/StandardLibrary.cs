using System.Collections.Concurrent;
using Rasdl.Parsing;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Semantics;

/// <summary>The standard library: "std/…" files embedded in the compiler, parsed once per process.</summary>
public static class StandardLibrary
{
    private static readonly ConcurrentDictionary<string, SyntaxTree?> Trees = new(StringComparer.Ordinal);

    /// <summary>The names of all standard-library files ("std/kvm.rasdl", …).</summary>
    public static IEnumerable<string> Files =>
        typeof(StandardLibrary).Assembly.GetManifestResourceNames()
            .Where(n => StandardLibraryPath.IsStandardLibrary(n) && n.EndsWith(".rasdl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string? ReadText(string path)
    {
        using var stream = typeof(StandardLibrary).Assembly.GetManifestResourceStream(path);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The standard-library file that declares <paramref name="name"/> at its top level, if one does: for the hint to import it.</summary>
    public static string? FileDeclaring(string name) =>
        Files.FirstOrDefault(file => GetTree(file)?.Root.Declarations.OfType<NamedDeclarationSyntax>().Any(d => d.Name?.Text == name) == true);

    public static SyntaxTree? GetTree(string path) =>
        Trees.GetOrAdd(path, p => ReadText(p) is { } text ? Parser.Parse(p, text) : null);
}
