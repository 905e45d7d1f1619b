using Rasdl.Diagnostics;
using Rasdl.Intermediate;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// RASDL2003, a rule that never applies, said only where it points at a mistake and always
/// with its reason. Two kinds of dead rule:
/// <list type="bullet">
/// <item>Covered: earlier rules of the block match everything the rule could ever match, on any
/// platform. That is a mistake in the rule's order or filter wherever the rule is written.</item>
/// <item>Taken here: what it matches does reach the block on this platform's routes, but an
/// earlier rule takes it first, so the rule meant for it does not decide. Said only in the
/// platform's own files (those with a route or an assignment): a shared IP model is written
/// for many platforms. A write rule that only atomics reach, taken first by a read rule, is no
/// mistake either: an atomic is a read as well as a write, and the rule is for the plain
/// writes these routes happen not to bring.</item>
/// </list>
/// What reached a block is what the analysed endpoints' errors bring there on the routes
/// (<see cref="Arrivals"/>), taken in one order: the words of a reason depend neither on the
/// order of the walks nor on which of them an analysis kept from an earlier version.
/// A rule that nothing it matches reaches is not reported: it describes what the IP does with
/// an error this platform's other blocks never let through (a core's SLVERR rule behind an
/// interconnect that turns SLVERR into DERR). If it was a misspelling of the error that does
/// arrive, that error is reported where it goes unhandled (RASDL2002) or shows in a witness.
/// </summary>
internal static class DeadRules
{
    public static IEnumerable<Diagnostic> Find(PlatformIr platform, Arrivals arrivals)
    {
        // Asked only of a rule that is neither applied nor covered, which most descriptions have none of.
        var platformFiles = new Lazy<HashSet<string>>(() => platform.Routes.Select(r => platform.Placement.PathOf(r.Place))
            .Concat(platform.Assignments.Select(a => platform.Placement.PathOf(a.Place)))
            .ToHashSet(StringComparer.Ordinal));
        // A rule shared through `extends` is judged once, under the first block that tries it.
        var judged = new HashSet<IrRule>(ReferenceEqualityComparer.Instance);
        foreach (var block in platform.Blocks.Where(arrivals.Visited))
        {
            for (var index = 0; index < block.Rules.Length; index++)
            {
                var rule = block.Rules[index];
                if (rule.InStandardLibrary || arrivals.Applied(rule) || !judged.Add(rule))
                {
                    continue;
                }

                var reason = Covered(platform, block, index) ?? (platformFiles.Value.Contains(platform.Placement.PathOf(rule.Place)) ? UnusedHere(platform, block, index, arrivals) : null);
                if (reason is not null)
                {
                    yield return Diagnostic.Create(DiagnosticCatalogue.DeadRule, platform.LocationOf(rule.Place), reason);
                }
            }
        }
    }

    /// <summary>Why earlier rules leave the rule nothing, whatever reaches the block; null if something could reach it.</summary>
    private static string? Covered(PlatformIr platform, IrBlock block, int index)
    {
        var rule = block.Rules[index];
        var covering = new List<IrRule>();
        foreach (var (error, access, type) in Everything())
        {
            if (!rule.Matches(error, access, type))
            {
                continue;
            }

            if (FirstMatch(block, index, error, access, type) is not { } earlier)
            {
                return null;
            }

            if (!covering.Contains(earlier))
            {
                covering.Add(earlier);
            }
        }

        return covering.Count switch
        {
            0 => "no access can match its filter",
            1 => $"the earlier rule {Cite(platform, covering[0])} matches everything it matches; swap the two, or remove this one",
            _ => $"the earlier rules {string.Join(" and ", covering.Select(r => Cite(platform, r)))} between them match everything it matches; move it before them, or remove it",
        };
    }

    /// <summary>Why the rule never applies on this platform's routes; null when that is no mistake.</summary>
    private static string? UnusedHere(PlatformIr platform, IrBlock block, int index, Arrivals arrivals)
    {
        var rule = block.Rules[index];
        // Once each, in the order the walks take them: memory type, access (in report order), error.
        var arrived = arrivals.ArrivalsAt(block)
            .OrderBy(a => a.Type).ThenBy(a => AccessModel.All.IndexOf(a.Access)).ThenBy(a => a.Error);
        var matched = arrived.Where(a => rule.Matches(a.Error, a.Access, a.Type)).ToList();
        if (matched.Count == 0)
        {
            return null;
        }

        if (rule.Accesses.Contains(AccessWord.Write) && matched.All(a => a.Access.Reads && a.Access.Writes))
        {
            return null;
        }

        var takers = matched.Select(a => FirstMatch(block, index, a.Error, a.Access, a.Type)).ToList();
        if (takers.Any(t => t is null))
        {
            return null; // taken by the rules of a block that extends this one: an override
        }

        takers = [.. takers.Distinct()];
        var both = matched.Any(a => a.Access.Reads && a.Access.Writes) && takers.Any(t => t!.Accesses.Contains(AccessWord.Read))
            ? "; an atomic reads as well as writes, so a read rule takes it"
            : "";
        return $"what reaches '{block.Name}' that it matches ({Describe(matched)}) is taken first by {string.Join(" and ", takers.Select(t => Cite(platform, t!)))}{both}";
    }

    // Only the rule's own block's earlier rules count: a block that extends another puts its own
    // rules first on purpose, and an inherited rule they take is overridden, not dead.
    private static IrRule? FirstMatch(IrBlock block, int before, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var owner = block.Rules[before].DeclaringBlock;
        for (var i = 0; i < before; i++)
        {
            if (block.Rules[i].DeclaringBlock == owner && block.Rules[i].Matches(error, access, type))
            {
                return block.Rules[i];
            }
        }

        return null;
    }

    private static IEnumerable<(ErrorKind Error, GuestAccess Access, MemoryType Type)> Everything() =>
        from error in Enum.GetValues<ErrorKind>().Where(e => e != ErrorKind.Any)
        from access in AccessModel.All
        from type in Enum.GetValues<MemoryType>()
        select (error, access, type);

    private static string Cite(PlatformIr platform, IrRule rule) => $"'{rule}' (line {platform.LocationOf(rule.Place).Range.Start.Line + 1})";

    /// <summary>"ur and cto on reads, poison on writes and atomics": errors by the direction of the access.</summary>
    private static string Describe(IEnumerable<(ErrorKind Error, GuestAccess Access, MemoryType Type)> arrivals) =>
        string.Join("; ", arrivals
            .GroupBy(a => Direction(a.Access))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .GroupBy(g => English(g.Select(a => a.Error).Distinct().Order().Select(Words.Errors.TextOf)), g => g.Key)
            .Select(g => $"{g.Key} on {English(g)}"));

    private static string Direction(GuestAccess access) => access.Reads && access.Writes ? "atomics" : access.Reads ? "reads" : "writes";

    private static string English(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }

}
