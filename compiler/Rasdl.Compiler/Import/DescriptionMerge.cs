using System.Text;
using System.Text.RegularExpressions;
using Rasdl.Parsing;
using Rasdl.Syntax;

namespace Rasdl.Import;

/// <summary>
/// Re-import: merges a fresh import into the description already at the output path, so the
/// topology follows the machine and the user's work stays. Declarations are matched by kind and
/// name (routes by their hops, assignments by their region). A block that exists already is
/// kept exactly as the user has it (rules, doc, comments); an endpoint takes its regions and
/// place from the machine and keeps the user's <c>faults</c> line; the platform, profiles,
/// routes and assignments the user has are kept; everything the user added is kept. Importer-owned
/// declarations (their names end in an address) that the machine no longer has are removed and
/// reported — except a block with rules in it, which is kept and reported.
/// </summary>
public static partial class DescriptionMerge
{
    public sealed record Result(string Text, IReadOnlyList<string> Messages);

    // rp_0000_00_01_0, host_bridge_0000_00, rc_0000: the names importers give.
    [GeneratedRegex(@"_[0-9a-f]{4}(_[0-9a-f]{2}(_[0-9a-f]{2}_[0-7])?)?$")]
    private static partial Regex ImportedName();

    public static Result Merge(string existing, string imported, string path)
    {
        var old = Parser.Parse(path, existing);
        if (old.HasSyntaxErrors)
        {
            throw new ImportFailure($"{path}: has syntax errors; fix them first (`rasdl check {path}`), or import into a new file");
        }

        var fresh = Parser.Parse("import", imported);
        var oldDeclarations = Chunks(old, existing);
        var oldByKey = new Dictionary<string, Chunk>(StringComparer.Ordinal);
        foreach (var chunk in oldDeclarations)
        {
            oldByKey.TryAdd(chunk.Key, chunk);
        }

        var messages = new List<string>();
        var output = new StringBuilder();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var oldHas = oldDeclarations.Select(c => c.Declaration.GetType()).ToHashSet();
        foreach (var chunk in Chunks(fresh, imported))
        {
            if (oldByKey.TryGetValue(chunk.Key, out var mine))
            {
                used.Add(chunk.Key);
                // A block is the user's, comments above it included; anything else keeps the
                // comments the importer writes above it (the assignments not made, for one).
                output.Append(chunk.Declaration switch
                {
                    BlockDeclarationSyntax => mine.Text,
                    EndpointDeclarationSyntax endpoint => WithFaultsOf(chunk, endpoint, mine, existing),
                    _ => chunk.Leading + mine.Body,
                });
            }
            else if (chunk.Declaration is PlatformDeclarationSyntax or ProfileDeclarationSyntax && oldHas.Contains(chunk.Declaration.GetType()))
            {
                // The user's platform and profiles stand in for the generated ones.
                output.Append(chunk.Leading);
            }
            else
            {
                output.Append(chunk.Text);
                if (chunk.Declaration is NamedDeclarationSyntax { Name: { } name } and (BlockDeclarationSyntax or EndpointDeclarationSyntax))
                {
                    messages.Add($"added {Kind(chunk.Declaration)} {name.Text}");
                }
            }
        }

        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in oldDeclarations.Where(c => !used.Contains(c.Key)))
        {
            if (chunk.Declaration is NamedDeclarationSyntax { Name.Text: { } name } named && ImportedName().IsMatch(name)
                && named is BlockDeclarationSyntax or EndpointDeclarationSyntax)
            {
                if (named is BlockDeclarationSyntax block && block.Rules.Any())
                {
                    messages.Add($"kept block {name}: the machine no longer has it, but it holds your rules");
                }
                else
                {
                    removed.Add(name);
                    messages.Add($"removed {Kind(named)} {name}: the machine no longer has it");
                    continue;
                }
            }

            if (chunk.Declaration is RouteDeclarationSyntax route && route.Hops.Any(h => removed.Contains(h.Text))
                || chunk.Declaration is AssignDeclarationSyntax { Endpoint.Text: { } endpoint } && removed.Contains(endpoint))
            {
                continue;
            }

            if (!used.Contains(chunk.Key))
            {
                output.Append(chunk.Text);
            }
        }

        // Routes and assignments come after the declarations they name, so a second pass drops
        // the ones that named a declaration removed after them.
        var merged = Parser.Parse(path, output.ToString());
        var text = output.ToString();
        var placed = merged.Root.Declarations.Select((d, i) => (Declaration: d, Span: merged.Root.SpanOf(i))).ToList();
        var dangling = placed.Where(p => p.Declaration is RouteDeclarationSyntax r && r.Hops.Any(h => removed.Contains(h.Text))
                                         || p.Declaration is AssignDeclarationSyntax { Endpoint.Text: { } e } && removed.Contains(e));
        // The placeholder cores and fabric are added only where a route still goes through them
        // (the user may have routed everything through blocks of their own).
        var routed = merged.Root.Declarations.OfType<RouteDeclarationSyntax>().SelectMany(r => r.Hops).Select(h => h.Text).ToHashSet(StringComparer.Ordinal);
        var unusedScaffold = placed
            .Where(p => p.Declaration is BlockDeclarationSyntax { Name.Text: DescriptionScaffold.CoresName or DescriptionScaffold.FabricName } b
                        && !oldByKey.ContainsKey($"block {b.Name.Text}") && !routed.Contains(b.Name.Text))
            .ToList();
        foreach (var (block, _) in unusedScaffold)
        {
            messages.Remove($"added block {((BlockDeclarationSyntax)block).Name!.Text}");
        }

        foreach (var (_, span) in dangling.Concat(unusedScaffold).OrderByDescending(p => p.Span.Start))
        {
            text = text.Remove(span.Start, span.Length);
        }

        return new Result(text, messages);
    }

    /// <param name="Start">Where <paramref name="Text"/> starts in the file.</param>
    /// <param name="DeclarationStart">Where the declaration starts in the file (its nodes' spans are relative to it).</param>
    private sealed record Chunk(string Key, DeclarationSyntax Declaration, string Text, int Start, int DeclarationStart)
    {
        /// <summary>The comments and blank lines before the declaration.</summary>
        public string Leading => Text[..(DeclarationStart - Start)];

        /// <summary>The declaration itself (and, for the last one, the rest of the file).</summary>
        public string Body => Text[(DeclarationStart - Start)..];
    }

    /// <summary>Each declaration with the text before it (its comments) since the previous one; trailing text goes with the last.</summary>
    private static List<Chunk> Chunks(SyntaxTree tree, string text)
    {
        var chunks = new List<Chunk>();
        var start = 0;
        var declarations = tree.Root.Declarations;
        for (var i = 0; i < declarations.Length; i++)
        {
            var declaration = declarations[i];
            var end = i == declarations.Length - 1 ? text.Length : tree.Root.SpanOf(i).End;
            chunks.Add(new Chunk(Key(declaration, i), declaration, text[start..end], start, tree.Root.Starts[i]));
            start = end;
        }

        return chunks;
    }

    private static string Key(DeclarationSyntax declaration, int index) => declaration switch
    {
        NamedDeclarationSyntax { Name: { } name } => $"{Kind(declaration)} {name.Text}",
        ImportDeclarationSyntax { Path: { } path } => $"import {path.Value}",
        // A route is matched by the block it leads to: the user may have put other blocks before it.
        RouteDeclarationSyntax route => $"route to {(route.Hops.Length == 0 ? "" : route.Hops[^1].Text)}",
        AssignDeclarationSyntax { Endpoint: { } endpoint, Region: { } region } => $"assign {endpoint.Text}.{region.Text}",
        _ => $"#{index}",
    };

    private static string Kind(DeclarationSyntax declaration) => declaration switch
    {
        BlockDeclarationSyntax => "block",
        EndpointDeclarationSyntax => "endpoint",
        PlatformDeclarationSyntax => "platform",
        ProfileDeclarationSyntax => "profile",
        HypervisorDeclarationSyntax => "hypervisor",
        _ => "declaration",
    };

    /// <summary>The fresh endpoint, with the user's <c>faults</c> line in place of the generated one.</summary>
    private static string WithFaultsOf(Chunk fresh, EndpointDeclarationSyntax endpoint, Chunk mine, string oldText)
    {
        var oldFaults = ((EndpointDeclarationSyntax)mine.Declaration).Body.OfType<FaultsClauseSyntax>().ToList();
        var newFaults = endpoint.Body.OfType<FaultsClauseSyntax>().FirstOrDefault();
        if (oldFaults.Count == 0 || newFaults is null)
        {
            return fresh.Text;
        }

        // Each line from its faults clause to the end of the line, so a trailing comment comes along.
        var replacement = string.Join("\n", oldFaults.Select(f => f.RelativeSpan.MovedBy(mine.DeclarationStart)).Select(f => oldText[f.Start..LineEnd(oldText, f.End)]));
        var at = newFaults.RelativeSpan.Start + fresh.DeclarationStart - fresh.Start;
        return fresh.Text[..at] + replacement + fresh.Text[(LineEnd(fresh.Text, at + newFaults.RelativeSpan.Length))..];
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }
}
