using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Intermediate;
using Rasdl.Parsing;
using Rasdl.Semantics;
using Rasdl.Testing;
using Rasdl.Text;
using Xunit;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// <see cref="IrShape.SameShape"/> compares two platforms by the elements they do not share; it
/// must say what comparing their whole written shapes says (<see cref="IrShape.Of"/>), whatever
/// the edit between them, and say "not the same" when an element both share refers to one that
/// is no longer where it was.
/// </summary>
public sealed partial class ShapeComparisonTests
{
    public static TheoryData<string, string> ExamplesAndEdits()
    {
        var data = new TheoryData<string, string>();
        foreach (var example in Repository.ExampleFiles().Select(Repository.RelativePath))
        {
            foreach (var edit in Edits.Keys)
            {
                data.Add(example, edit);
            }
        }

        return data;
    }

    // Edits a user makes, each applied where it first matches: some keep the shape, some do not.
    private static readonly Dictionary<string, Func<string, string?>> Edits = new(StringComparer.Ordinal)
    {
        ["a size"] = text => Once(text, SizeDigit(), m => "size 3"),
        ["a space in a block"] = text => Once(text, BlockStart(), m => m.Value + " "),
        ["a comment above everything"] = text => "// a line above\n" + text,
        ["a rule's outcome"] = text => Once(text, Outcome(), m => m.Value == "-> all_ones;" ? "-> slverr;" : "-> all_ones;"),
        ["a rule written twice"] = text => Once(text, Rule(), m => m.Value + "\n    " + m.Value.Trim()),
        ["a driver"] = text => Once(text, Driver(), m => m.Value == "via vfio_pci;" ? "via vfio_platform;" : "via vfio_pci;"),
        ["two blocks swapped"] = SwapFirstTwoBlocks,
        ["a route removed"] = text => Once(text, RouteLine(), m => ""),
        ["an assign removed"] = text => Once(text, AssignLine(), m => ""),
        ["a fault added"] = text => Once(text, Faults(), m => m.Value.Replace("faults ", "faults ur, ", StringComparison.Ordinal)),
    };

    [Theory]
    [MemberData(nameof(ExamplesAndEdits))]
    public void ComparingTheElementsNotSharedSaysWhatTheWrittenShapesSay(string example, string edit)
    {
        var text = File.ReadAllText(Repository.PathOf(example));
        if (Edits[edit](text) is not { } edited || edited == text)
        {
            return;
        }

        var (earlierPlatform, laterPlatform, _) = Versions(text, edited);

        var written = IrShape.Of(earlierPlatform, withLocations: false).SameContent(IrShape.Of(laterPlatform, withLocations: false));
        if (IrShape.Names.Of(earlierPlatform) is { } names)
        {
            Assert.Equal(written, IrShape.SameShape(earlierPlatform, laterPlatform, names));
        }
    }

    [Fact]
    public void AnEditThatKeepsTheShapeSharesAllButTheElementsItTouched()
    {
        // The example with more endpoints, one of them resized: the edit parses that endpoint
        // again with the declaration before it (gpu7's assignment), and binds again what refers
        // to it (its own assignment).
        var text = File.ReadAllText(Repository.PathOf("examples/server/server.rasdl"))
            + string.Concat(Enumerable.Range(1, 16).Select(n =>
                $"\nendpoint gpu{n} : pcie_endpoint under rc0 {{\n    region bar0 mmio size 64M;\n    faults ur, ca;\n}}\nassign gpu{n}.bar0 to guest via vfio_pci;\n"));
        var (earlierPlatform, laterPlatform, later) = Versions(text, text.Replace("gpu8 : pcie_endpoint under rc0 {\n    region bar0 mmio size 64M", "gpu8 : pcie_endpoint under rc0 {\n    region bar0 mmio size 32M", StringComparison.Ordinal));

        // Every element the binding kept is the earlier one's; those parsed or bound again are lowered again.
        Assert.StartsWith("kept", later.Model.Binding, StringComparison.Ordinal);
        Assert.Equal(earlierPlatform.Blocks, laterPlatform.Blocks, ReferenceEqualityComparer.Instance);
        Assert.Equal(earlierPlatform.Hypervisors, laterPlatform.Hypervisors, ReferenceEqualityComparer.Instance);
        Assert.Equal(earlierPlatform.Profiles, laterPlatform.Profiles, ReferenceEqualityComparer.Instance);
        Assert.Equal(earlierPlatform.Routes, laterPlatform.Routes, ReferenceEqualityComparer.Instance);
        var made = laterPlatform.Endpoints.Where(e => !earlierPlatform.Endpoints.Contains(e, ReferenceEqualityComparer.Instance)).Select(e => e.Name);
        Assert.Equal(["gpu8"], made);
        var assignedAgain = laterPlatform.Assignments.Where(a => !earlierPlatform.Assignments.Contains(a, ReferenceEqualityComparer.Instance)).Select(a => a.Region.QualifiedName);
        Assert.Equal(["gpu7.bar0", "gpu8.bar0"], assignedAgain);
        Assert.True(IrShape.SameShape(earlierPlatform, laterPlatform, IrShape.Names.Of(earlierPlatform)!));
    }

    [Fact]
    public void AnElementBothShareThatRefersToAReplacedOneIsNotTheSameShape()
    {
        using var workspace = new TempWorkspace();
        var platform = Platform(workspace);
        var names = IrShape.Names.Of(platform)!;
        var rc0 = platform.Blocks.Single(b => b.Name == "rc0");

        // The block replaced by a copy that says the same; the endpoint under it and the route
        // to it still refer to the one replaced, which the platform no longer has.
        var copied = platform with { Blocks = platform.Blocks.Replace(rc0, rc0 with { }) };
        Assert.False(IrShape.Of(platform, withLocations: false).SameContent(IrShape.Of(copied, withLocations: false)));
        Assert.False(IrShape.SameShape(platform, copied, names));

        // With everything that refers to it referring to the copy, it is the same shape.
        var copy = copied.Blocks.Single(b => b.Name == "rc0");
        var endpoints = platform.Endpoints.Select(e => ReferenceEquals(e.Parent, rc0) ? e with { Parent = copy } : e).ToImmutableArray();
        var routes = platform.Routes.Select(r => r with { Hops = [.. r.Hops.Select(h => ReferenceEquals(h, rc0) ? copy : h)] }).ToImmutableArray();
        var assignments = platform.Assignments.Select(a => a with { Endpoint = endpoints[platform.Endpoints.IndexOf(a.Endpoint)] }).ToImmutableArray();
        var whole = copied with { Endpoints = endpoints, Routes = routes, Assignments = assignments };
        Assert.True(IrShape.Of(platform, withLocations: false).SameContent(IrShape.Of(whole, withLocations: false)));
        Assert.True(IrShape.SameShape(platform, whole, names));

        // An assignment that still refers to the endpoint replaced is not.
        var stale = whole with { Assignments = platform.Assignments };
        Assert.False(IrShape.Of(platform, withLocations: false).SameContent(IrShape.Of(stale, withLocations: false)));
        Assert.False(IrShape.SameShape(platform, stale, names));
    }

    [Fact]
    public void ARuleSharedThroughExtendsMustStaySharedAlike()
    {
        const string Shared = "block base : root_port { on cto -> all_ones; }\nblock rp : root_port extends base { }\n";
        using var workspace = new TempWorkspace();
        var platform = Platform(workspace, Shared);
        var names = IrShape.Names.Of(platform)!;
        var (basis, derived) = (platform.Blocks[0], platform.Blocks[1]);
        Assert.Same(basis.Rules[0], derived.Rules[0]);

        // The base block's rule copied, the derived block's left as it was: no longer shared.
        var unshared = platform with { Blocks = platform.Blocks.SetItem(0, basis with { Rules = [basis.Rules[0] with { }] }) };
        Assert.False(IrShape.Of(platform, withLocations: false).SameContent(IrShape.Of(unshared, withLocations: false)));
        Assert.False(IrShape.SameShape(platform, unshared, names));

        // Both given the same copy: shared again.
        var rule = basis.Rules[0] with { };
        var sharedAgain = platform with { Blocks = [basis with { Rules = [rule] }, derived with { Rules = [rule] }] };
        Assert.True(IrShape.SameShape(platform, sharedAgain, names));

        // One rule written twice is two rules: the same rule twice is not the same shape.
        var twice = Platform(workspace, "block base : root_port { on cto -> all_ones; on cto -> all_ones; }\n");
        var once = twice with { Blocks = [twice.Blocks[0] with { Rules = [twice.Blocks[0].Rules[0], twice.Blocks[0].Rules[0]] }] };
        Assert.False(IrShape.Of(twice, withLocations: false).SameContent(IrShape.Of(once, withLocations: false)));
        Assert.False(IrShape.SameShape(twice, once, IrShape.Names.Of(twice)!));

        // Each given a copy of its own: not shared.
        var twoCopies = platform with { Blocks = [basis with { Rules = [basis.Rules[0] with { }] }, derived with { Rules = [basis.Rules[0] with { }] }] };
        Assert.False(IrShape.Of(platform, withLocations: false).SameContent(IrShape.Of(twoCopies, withLocations: false)));
        Assert.False(IrShape.SameShape(platform, twoCopies, names));
    }

    [Fact]
    public void APlatformWhoseNamesDoNotSayWhichElementIsMeantHasNoNames()
    {
        using var workspace = new TempWorkspace();
        var platform = Platform(workspace);
        Assert.NotNull(IrShape.Names.Of(platform));
        Assert.Null(IrShape.Names.Of(platform with { Blocks = platform.Blocks.Add(platform.Blocks[0] with { }) }));
        var rc0 = platform.Blocks.Single(b => b.Name == "rc0");
        Assert.Null(IrShape.Names.Of(platform with { Endpoints = [.. platform.Endpoints.Select(e => e with { Parent = rc0 with { } })] }));
    }

    // The two versions lowered as an editor lowers them: the later parsed from the earlier's
    // tree, bound with its model and lowered with its platform, so the two share what the edit
    // did not touch.
    private static (PlatformIr Earlier, PlatformIr Later, Compilation LaterCompilation) Versions(string text, string edited)
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("main.rasdl", text);
        var tree = Parser.Parse(path, text);
        var earlier = Compilation.Create(path, new ParsedSourceFileProvider(new SourceFile(path, tree, null, null)));
        var earlierPlatform = Lowering.Lower(earlier.Model);
        var laterTree = IncrementalParser.Parse(path, new SourceText(edited), tree).Tree;
        var later = Compilation.Create(path, new ParsedSourceFileProvider(new SourceFile(path, laterTree, null, null)), null, earlier);
        return (earlierPlatform, Lowering.Lower(later.Model, earlierPlatform), later);
    }


    private static PlatformIr Platform(TempWorkspace workspace, string? text = null)
    {
        workspace.Write("main.rasdl", text ?? File.ReadAllText(Repository.PathOf("examples/server/server.rasdl")));
        return Lowering.Lower(workspace.Compile("main.rasdl").Model);
    }

    private static string? Once(string text, Regex regex, Func<Match, string> replacement) =>
        regex.Match(text) is { Success: true } match ? text[..match.Index] + replacement(match) + text[(match.Index + match.Length)..] : null;

    private static string? SwapFirstTwoBlocks(string text)
    {
        var blocks = WholeBlock().Matches(text);
        if (blocks.Count < 2 || blocks[0].Index + blocks[0].Length > blocks[1].Index)
        {
            return null;
        }

        var (first, second) = (blocks[0], blocks[1]);
        return text[..first.Index] + second.Value + text[(first.Index + first.Length)..second.Index] + first.Value + text[(second.Index + second.Length)..];
    }

    [GeneratedRegex(@"size [1-9]")]
    private static partial Regex SizeDigit();

    [GeneratedRegex(@"\bblock \w+ : \w+[^{]*\{")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"-> (all_ones|slverr);")]
    private static partial Regex Outcome();

    [GeneratedRegex(@"\n    on [^;\n]*;")]
    private static partial Regex Rule();

    [GeneratedRegex(@"via vfio_(pci|platform);")]
    private static partial Regex Driver();

    [GeneratedRegex(@"(?m)^route [^;\n]*;[^\n]*\n")]
    private static partial Regex RouteLine();

    [GeneratedRegex(@"(?m)^assign [^;\n]*;[^\n]*\n")]
    private static partial Regex AssignLine();

    [GeneratedRegex(@"faults [a-z_, ]+;")]
    private static partial Regex Faults();

    [GeneratedRegex(@"(?ms)^block \w+ : \w+[^{]*\{.*?^\}\n")]
    private static partial Regex WholeBlock();
}
