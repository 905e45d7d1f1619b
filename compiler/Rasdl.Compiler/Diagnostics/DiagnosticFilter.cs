using System.Collections.Immutable;
using Rasdl.Configuration;
using Rasdl.Syntax;

namespace Rasdl.Diagnostics;

/// <summary>
/// Applies a project's severities and the `// rasdl-disable-next-line CODE...` comments to a
/// compilation's diagnostics, and reports suppression comments that name unknown codes.
/// </summary>
public static class DiagnosticFilter
{
    public const string DisableNextLine = "rasdl-disable-next-line";

    public static ImmutableArray<Diagnostic> Apply(IEnumerable<Diagnostic> diagnostics, IEnumerable<SyntaxTree> trees, ProjectConfiguration configuration)
    {
        var suppressions = new Dictionary<(string Path, int Line), HashSet<string>?>();
        var problems = new List<Diagnostic>();
        foreach (var tree in trees.Where(t => !t.IsStandardLibrary))
        {
            foreach (var (line, codes, unknown) in FindSuppressions(tree))
            {
                suppressions[(tree.Path, line + 1)] = codes;
                problems.AddRange(unknown);
            }
        }

        return
        [
            .. diagnostics.Concat(problems)
                .Where(d => !IsSuppressed(d, suppressions))
                .Select(d => d with { Severity = configuration.SeverityOf(d.Descriptor) })
                .Where(d => d.Severity != DiagnosticSeverity.Off)
                .Distinct(DiagnosticIdentity.Instance)
                .Order(DiagnosticOrder.Instance),
        ];
    }

    /// <summary>The suppression comments of a file: the line each is on, its codes (null = every code), and diagnostics for unknown codes.</summary>
    public static IEnumerable<(int Line, HashSet<string>? Codes, List<Diagnostic> Unknown)> FindSuppressions(SyntaxTree tree)
    {
        // Most files have none: one vectorised search of the text says so without a walk over the tokens.
        if (!tree.Text.Text.Contains(DisableNextLine, StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var token in tree.Tokens)
        {
            if (token.Kind != TokenKind.LineComment)
            {
                continue;
            }

            var body = token.Text.AsSpan(2).Trim();
            if (!body.StartsWith(DisableNextLine, StringComparison.Ordinal))
            {
                continue;
            }

            var codesText = token.Text[(token.Text.IndexOf(DisableNextLine, StringComparison.Ordinal) + DisableNextLine.Length)..];
            var codeStart = token.Span.Start + token.Text.IndexOf(DisableNextLine, StringComparison.Ordinal) + DisableNextLine.Length;
            var codes = new HashSet<string>(StringComparer.Ordinal);
            var unknown = new List<Diagnostic>();
            var offset = 0;
            foreach (var word in codesText.Split([' ', ',', '\t']))
            {
                var index = codesText.IndexOf(word, offset, StringComparison.Ordinal);
                offset = index + word.Length;
                if (word.Length == 0)
                {
                    continue;
                }

                if (word.StartsWith("--", StringComparison.Ordinal))
                {
                    break; // "-- reason" ends the code list
                }

                if (DiagnosticCatalogue.TryGet(word, out var descriptor))
                {
                    codes.Add(descriptor.Code);
                }
                else
                {
                    unknown.Add(Diagnostic.Create(DiagnosticCatalogue.UnknownSuppression,
                        tree.GetLocation(new Text.TextSpan(codeStart + index, word.Length)), word));
                }
            }

            yield return (tree.Text.GetLinePosition(token.Span.Start).Line, codes.Count == 0 && unknown.Count == 0 ? null : codes, unknown);
        }
    }

    private static bool IsSuppressed(Diagnostic diagnostic, Dictionary<(string Path, int Line), HashSet<string>?> suppressions) =>
        diagnostic.Descriptor != DiagnosticCatalogue.UnknownSuppression
        && suppressions.TryGetValue((diagnostic.Location.Path, diagnostic.Location.Range.Start.Line), out var codes)
        && (codes is null || codes.Contains(diagnostic.Code));

    /// <summary>Two diagnostics are the same report when code, place and message agree (e.g. an import checked from two roots).</summary>
    private sealed class DiagnosticIdentity : IEqualityComparer<Diagnostic>
    {
        public static readonly DiagnosticIdentity Instance = new();

        public bool Equals(Diagnostic? x, Diagnostic? y) =>
            x is not null && y is not null && x.Code == y.Code && x.Location.Path == y.Location.Path
            && x.Location.Span == y.Location.Span && x.Message == y.Message;

        public int GetHashCode(Diagnostic obj) => HashCode.Combine(obj.Code, obj.Location.Path, obj.Location.Span, obj.Message);
    }
}
