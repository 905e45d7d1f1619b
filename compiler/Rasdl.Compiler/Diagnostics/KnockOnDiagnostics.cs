using System.Collections.Immutable;

namespace Rasdl.Diagnostics;

/// <summary>
/// Leaves out diagnostics that an earlier error causes, as compilers do: one mistake, one
/// message. A syntax or name error leaves a hole in the description (a rule without its
/// outcome, a route without its block), and the containment engine would report the hole's
/// effects — a path that looks uncontained, an error with no rule, a rule that looks dead — as
/// findings of their own. So while the description has a syntax or binding error, no
/// containment diagnostic is reported; the verdicts are still shown, and a hole is still never
/// taken as contained. An unknown name may be the use an import or a block was written for, so
/// "unused import" and "block on no route" wait for it to be fixed too. A word that a syntax
/// error cuts short (<c>vfio</c> of <c>vfio-pci</c>) is not reported as an unknown word.
/// </summary>
public static class KnockOnDiagnostics
{
    /// <summary>
    /// Whether these diagnostics (after the project's severities) hold an error that hides every
    /// containment diagnostic but RASDL2011: then the containment engine's other findings need
    /// not be looked for.
    /// </summary>
    public static bool HidesContainment(IEnumerable<Diagnostic> diagnostics) => diagnostics.Any(IsEarlierError);

    /// <summary>Whether the diagnostic, at some severity a project may give it, hides the containment findings.</summary>
    public static bool MayHideContainment(Diagnostic diagnostic) =>
        diagnostic.Descriptor.Category is DiagnosticCategory.Syntax or DiagnosticCategory.Binding;

    private static bool IsEarlierError(Diagnostic diagnostic) => diagnostic.IsError && MayHideContainment(diagnostic);

    public static ImmutableArray<Diagnostic> Remove(ImmutableArray<Diagnostic> diagnostics)
    {
        var earlierError = false;
        var unknownName = false;
        var syntaxErrorStarts = new HashSet<(string Path, int Start)>();
        foreach (var diagnostic in diagnostics)
        {
            earlierError |= IsEarlierError(diagnostic);
            unknownName |= diagnostic.Descriptor == DiagnosticCatalogue.UnknownName;
            if (diagnostic.Descriptor.Category == DiagnosticCategory.Syntax)
            {
                syntaxErrorStarts.Add((diagnostic.Location.Path, diagnostic.Location.Span.Start));
            }
        }

        if (!earlierError && !unknownName)
        {
            return diagnostics;
        }

        // A profile left incomplete by the error (RASDL2011) is said anyway: it is what keeps a hole from reading as contained.
        return diagnostics.RemoveAll(d =>
            (earlierError && d.Descriptor.Category == DiagnosticCategory.Containment && d.Descriptor != DiagnosticCatalogue.ProfileIncomplete)
            // A word cut short by a syntax error right after it (`vfio` of `vfio-pci`) is that error's doing.
            || (d.Descriptor.Category == DiagnosticCategory.Binding && syntaxErrorStarts.Contains((d.Location.Path, d.Location.Span.End)))
            || (unknownName && (d.Descriptor == DiagnosticCatalogue.UnusedImport || d.Descriptor == DiagnosticCatalogue.UnusedBlock)));
    }
}
