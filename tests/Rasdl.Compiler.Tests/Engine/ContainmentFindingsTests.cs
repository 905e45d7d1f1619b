using System.Collections.Immutable;
using System.Reflection;
using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Diagnostics;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Testing;
using Xunit;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// A compilation made with an earlier version of the same description reuses that version's
/// containment findings when the platform has the same shape (Intermediate/IrShape), moved to
/// where their elements now are; skips them while a syntax or binding error hides them; and
/// otherwise analyses. Whichever way, its diagnostics are a full analysis's.
/// </summary>
public sealed partial class ContainmentFindingsTests
{
    // An uncontained platform: an error with related locations on the rule, the route, the fault.
    private static readonly string Uncontained = File.ReadAllText(Repository.PathOf("examples/serror-soc/serror-soc.rasdl"));

    [Fact]
    public void ASpaceTypedMovesTheFindingsInsteadOfAnalysingAgain()
    {
        var (earlier, later, full) = Edit(Uncontained, text => text.Replace("block noc : interconnect", "block  noc : interconnect", StringComparison.Ordinal));

        Assert.StartsWith("reused", later.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        Assert.Equal(Describe(full), Describe(later));
        // The findings after the space moved by one character; those before it did not.
        var before = earlier.GetDiagnostics().First(d => d.Code == "RASDL2001");
        var after = later.GetDiagnostics().First(d => d.Code == "RASDL2001");
        Assert.Equal(before.Location.Span.Start + 1, after.Location.Span.Start);
    }

    [Fact]
    public void AnEditThatChangesAPathAfterFindingsIsAnalysedWithoutWritingTheirShape()
    {
        // A read's outcome changed: another shape, so an analysis. The earlier findings said so
        // by comparing the lowered platforms, and still hold theirs, not a shape written for it.
        var (earlier, later, full) = Edit(Uncontained, text => text.Replace("on ca (read)     -> all_ones;", "on ca (read)     -> slverr;  ", StringComparison.Ordinal));

        Assert.NotEmpty(earlier.GetDiagnostics().Where(d => d.Code.StartsWith("RASDL2", StringComparison.Ordinal)));
        Assert.Equal("analysed", later.ContainmentDiagnosticsSource);
        Assert.Equal(Describe(full), Describe(later));
        Assert.NotNull(earlier.FindingsForLaterVersions!.Findings.LoweredPlatform);
    }

    [Fact]
    public void ALineInsertedAboveMovesEveryFindingAndItsNotesDown()
    {
        var (earlier, later, full) = Edit(Uncontained, text => text.Replace("block pcie_rc", "// a new line\nblock pcie_rc", StringComparison.Ordinal));

        Assert.StartsWith("reused", later.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        Assert.Equal(Describe(full), Describe(later));
        var before = earlier.GetDiagnostics().First(d => d.Code == "RASDL2001");
        var after = later.GetDiagnostics().First(d => d.Code == "RASDL2001");
        Assert.Equal(before.Location.Range.Start.Line + 1, after.Location.Range.Start.Line);
        // Notes below the new line move with it; those above it and in the standard library stay.
        var inserted = earlier.Model.LocationOf(earlier.Model.Blocks.Single(b => b.Name == "pcie_rc")).Range.Start.Line;
        Assert.All(before.Related.Zip(after.Related), pair => Assert.Equal(
            pair.First.Location.Range.Start.Line + (pair.First.Location.IsInStandardLibrary || pair.First.Location.Range.Start.Line < inserted ? 0 : 1),
            pair.Second.Location.Range.Start.Line));
    }

    [Fact]
    public void WithNothingFoundTheSameWordsNeedNoShapeAndAChangedSizeTheSameShape()
    {
        // Every region contained: no containment finding to move.
        var contained = File.ReadAllText(Repository.PathOf("examples/safe-server/safe-server.rasdl"));
        var (earlier, spaced, spacedFull) = Edit(contained, text => text.Replace("\nendpoint ", "\n\n  endpoint ", StringComparison.Ordinal));
        Assert.Empty(earlier.GetDiagnostics().Where(d => d.Descriptor.Category == DiagnosticCategory.Containment));
        Assert.Equal("reused (the files say the same words)", spaced.ContainmentDiagnosticsSource);
        Assert.Equal(Describe(spacedFull), Describe(spaced));

        var (_, resized, resizedFull) = Edit(contained, text => SizeDigit().Replace(text, "size 7", 1));
        Assert.Equal("reused (the platform has the same shape)", resized.ContainmentDiagnosticsSource);
        Assert.Equal(Describe(resizedFull), Describe(resized));
    }

    [Fact]
    public void FindingsForOtherProfilesAreNotReused()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("main.rasdl", Uncontained);
        var both = Compilation.Create(path, new DiskSourceFileProvider());
        _ = both.GetDiagnostics();
        var one = Compilation.Create(path, new DiskSourceFileProvider(), new CompilationOptions(Profiles: ["device_stage2"]), both);

        Assert.Equal("analysed", one.ContainmentDiagnosticsSource);
        Assert.Equal(Describe(Compilation.Create(path, new DiskSourceFileProvider(), new CompilationOptions(Profiles: ["device_stage2"]))), Describe(one));
        Assert.DoesNotContain(one.GetDiagnostics(), d => d.Message.Contains("normal_nc_stage2", StringComparison.Ordinal));
    }

    [Fact]
    public void ARuleThatChangesWhatAPathDoesIsAnalysedAndTheVerdictFollows()
    {
        // The root port now answers a timeout with all-ones data: fewer paths reach the core.
        var (earlier, later, full) = Edit(Uncontained, text => text.Replace("on cto (read)    -> slverr;", "on cto (read)    -> all_ones;", StringComparison.Ordinal));

        Assert.Equal("analysed", later.ContainmentDiagnosticsSource);
        Assert.Equal(Describe(full), Describe(later));
        Assert.NotEqual(Describe(earlier), Describe(later));
    }

    [Fact]
    public void ReusedFindingsBringTheVerdictsAndAVersionWhoseFindingsAreHiddenWalksTheRegion()
    {
        // A cancelled token shows which way the verdicts came: reading them from the findings
        // walks no path, and a cancelled asker walks none of the region's own (Compilation.ResultsFor).
        using var workspace = new TempWorkspace();
        var (earlier, later, full) = Edit(workspace, Uncontained, text => text.Replace("block noc : interconnect", "block  noc : interconnect", StringComparison.Ordinal));
        Assert.StartsWith("reused", later.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        var region = later.Model.Assignments.First().Region;
        var shown = later.VerdictsFor(region, new CancellationToken(canceled: true));
        Assert.NotEmpty(shown);
        Assert.Equal(
            full.Analysis.ResultsFor(full.Model.Assignments.First().Region).Select(r => $"{r.Profile} {r.Hypervisor} {r.Stage2} {string.Join(",", r.Effective)} {r.Verdict}"),
            shown.Select(v => $"{v.Profile} {v.Hypervisor} {v.Stage2} {string.Join(",", v.Effective)} {v.Verdict}"));
        Assert.Contains(shown, v => v.Verdict == Rasdl.Engine.ContainmentVerdict.Uncontained);

        var (_, broken, _) = Edit(workspace, Uncontained, text => text.Replace("block noc : interconnect {", "block noc : interconnect ", StringComparison.Ordinal));
        Assert.StartsWith("not analysed", broken.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        Assert.ThrowsAny<OperationCanceledException>(() => broken.VerdictsFor(broken.Model.Assignments.First().Region, new CancellationToken(canceled: true)));
        _ = broken.VerdictsFor(broken.Model.Assignments.First().Region, CancellationToken.None);
        Assert.False(broken.HoldsVerdicts); // the region was walked, not the whole description
        Assert.NotEmpty(earlier.GetDiagnostics());
    }

    [Theory]
    [InlineData("block noc : interconnect {", "block noc : interconnect ")] // a syntax error
    [InlineData("assign wifi0.bar0", "assign wifi0.bar9")] // a binding error: the region is unknown
    public void AnErrorThatHidesTheFindingsSkipsThemAndTheFixReusesTheLastOnes(string from, string to)
    {
        using var workspace = new TempWorkspace();
        var (earlier, broken, full) = Edit(workspace, Uncontained, text => text.Replace(from, to, StringComparison.Ordinal));
        Assert.StartsWith("not analysed", broken.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        Assert.Equal(Describe(full), Describe(broken));

        // Fixed: the same shape as before the error, so the findings from before it are moved back.
        var path = workspace.Write("main.rasdl", Uncontained);
        var fixedAgain = Compilation.Create(path, new DiskSourceFileProvider(), null, broken);
        Assert.StartsWith("reused", fixedAgain.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        Assert.Equal(Describe(Compilation.Create(path, new DiskSourceFileProvider())), Describe(fixedAgain));
        Assert.NotEmpty(earlier.GetDiagnostics().Where(d => d.Code == "RASDL2001"));
    }

    [Fact]
    public void ADeadRuleCitingALineIsAnalysedAgainWhenLinesMove()
    {
        // The second `on poison (read)` can never apply; its message cites the first one's line.
        var deadRule = Uncontained.Replace(
            "    on poison (read) -> sea;        // poison is checked at consumption: precise\n",
            "    on poison (read) -> sea;        // poison is checked at consumption: precise\n    on poison (read) -> sea;\n",
            StringComparison.Ordinal);
        var (_, sameLines, sameLinesFull) = Edit(deadRule, text => text.Replace("block noc : interconnect", "block  noc : interconnect", StringComparison.Ordinal));
        Assert.StartsWith("reused", sameLines.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        Assert.Equal(Describe(sameLinesFull), Describe(sameLines));

        var (_, moved, movedFull) = Edit(deadRule, text => "// a line above everything\n" + text);
        Assert.Contains(sameLines.GetDiagnostics(), d => d.Code == "RASDL2003" && d.Message.Contains("(line 22)", StringComparison.Ordinal));
        Assert.Equal("analysed", moved.ContainmentDiagnosticsSource);
        Assert.Contains(moved.GetDiagnostics(), d => d.Code == "RASDL2003" && d.Message.Contains("(line 23)", StringComparison.Ordinal));
        Assert.Equal(Describe(movedFull), Describe(moved));
    }

    [Fact]
    public void RulesSharedThroughExtendsAreNotTheSameShapeAsRulesWrittenOut()
    {
        const string Shared = "block base : root_port { on cto -> all_ones; }\nblock rp : root_port extends base { }\n";
        const string Copied = "block base : root_port { on cto -> all_ones; }\nblock rp : root_port { on cto -> all_ones; }\n";
        using var workspace = new TempWorkspace();
        Assert.False(ShapeOf(workspace, Shared).SameContent(ShapeOf(workspace, Copied)));
        Assert.True(ShapeOf(workspace, Shared).SameContent(ShapeOf(workspace, Shared.Replace("{ }", "{  }", StringComparison.Ordinal))));
    }

    [Fact]
    public void TheSameWordsAfterAnAnalysisKeepItsShapeForTheNextEditThatChangesThem()
    {
        // Analysed, then spaced (the same words: the shape is kept), then resized (the same shape).
        var contained = File.ReadAllText(Repository.PathOf("examples/safe-server/safe-server.rasdl"));
        using var workspace = new TempWorkspace();
        var path = workspace.Write("main.rasdl", contained);
        var analysed = Compilation.Create(path, new DiskSourceFileProvider());
        _ = analysed.GetDiagnostics();
        workspace.Write("main.rasdl", contained.Replace("\nendpoint ", "\n\n  endpoint ", StringComparison.Ordinal));
        var spaced = Compilation.Create(path, new DiskSourceFileProvider(), null, analysed);
        Assert.Equal("reused (the files say the same words)", spaced.ContainmentDiagnosticsSource);

        workspace.Write("main.rasdl", SizeDigit().Replace(contained, "size 7", 1));
        var resized = Compilation.Create(path, new DiskSourceFileProvider(), null, spaced);
        Assert.Equal("reused (the platform has the same shape)", resized.ContainmentDiagnosticsSource);
        Assert.Equal(Describe(Compilation.Create(path, new DiskSourceFileProvider())), Describe(resized));
    }

    [Theory]
    [InlineData("a space")]
    [InlineData("a size")]
    public void FindingsKeptForTheNextVersionHoldNeitherTheCompilationNorItsModel(string edit)
    {
        using var workspace = new TempWorkspace();
        var (findings, compilation, model) = KeepFindingsOfAnEdit(workspace, edit);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(compilation.IsAlive, "the compilation is still held");
        Assert.False(model.IsAlive, "its semantic model is still held");
        // With nothing found, they keep a lowered platform to compare the next version with: the
        // edited one's when its shape was compared, the analysed one's when the words were the same.
        Assert.NotNull(findings.Findings.LoweredPlatform);
        GC.KeepAlive(findings);
    }

    // In a method of its own, so that no local of the test holds the compilation.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (ReusableFindings Findings, WeakReference Compilation, WeakReference Model) KeepFindingsOfAnEdit(TempWorkspace workspace, string edit)
    {
        var contained = File.ReadAllText(Repository.PathOf("examples/safe-server/safe-server.rasdl"));
        var path = workspace.Write("main.rasdl", contained);
        var analysed = Compilation.Create(path, new DiskSourceFileProvider());
        _ = analysed.GetDiagnostics();
        workspace.Write("main.rasdl", edit == "a size" ? SizeDigit().Replace(contained, "size 7", 1) : contained.Replace("\nendpoint ", "\n\n  endpoint ", StringComparison.Ordinal));
        var later = Compilation.Create(path, new DiskSourceFileProvider(), null, analysed);
        Assert.StartsWith("reused", later.ContainmentDiagnosticsSource, StringComparison.Ordinal);
        var findings = later.FindingsForLaterVersions!;
        Assert.Same(edit == "a size" ? later.Analysis.Platform : analysed.Analysis.Platform, findings.Findings.LoweredPlatform);
        return (findings, new WeakReference(later), new WeakReference(later.Model));
    }

    [Fact]
    public void AMatchSharesTheEarlierContentAndListsTheNewPlaces()
    {
        using var workspace = new TempWorkspace();
        var earlier = ShapeOf(workspace, Uncontained);
        var moved = PlatformOf(workspace, "// every element one line down\n" + Uncontained);

        var match = earlier.Match(moved, withLocations: true);
        Assert.NotNull(match);
        Assert.Same(earlier.Content, match.Content);
        Assert.Equal(IrShape.Of(moved).Locations.AsEnumerable(), match.Locations.AsEnumerable());
        Assert.All(earlier.Locations.Zip(match.Locations), pair => Assert.Equal(pair.First.Range.Start.Line + (pair.First.IsInStandardLibrary ? 0 : 1), pair.Second.Range.Start.Line));
        Assert.Empty(IrShape.Of(moved, withLocations: false).Match(moved, withLocations: false)!.Locations);
    }

    [Fact]
    public void AShapeThatEndsEarlierOrGoesOnIsNotAMatch()
    {
        // An `assign` that cannot be lowered is written last: without it, the content is the other's beginning.
        var longer = Uncontained + "\nassign wifi0.bar9 to guest via vfio_pci;\n";
        using var workspace = new TempWorkspace();
        var (shorterShape, longerShape) = (ShapeOf(workspace, Uncontained), ShapeOf(workspace, longer));
        Assert.StartsWith(shorterShape.Content[..^2], longerShape.Content, StringComparison.Ordinal);

        Assert.Null(longerShape.Match(PlatformOf(workspace, Uncontained), withLocations: false));
        Assert.Null(shorterShape.Match(PlatformOf(workspace, longer), withLocations: false));
        Assert.Null(longerShape.Match(PlatformOf(workspace, Uncontained), withLocations: true));
        Assert.NotNull(longerShape.Match(PlatformOf(workspace, longer), withLocations: true));
    }

    /// <summary>
    /// Every property of every record the shape is written from, as the shape writer knows them:
    /// a property added to the IR must be added to <see cref="IrShape"/> (if the engine or its
    /// diagnostics read it) and then here, or two platforms that differ in it would share findings.
    /// </summary>
    [Theory]
    // The placement is where the version's declarations are: the shape writes what it places.
    [InlineData(typeof(PlatformIr), "Blocks, Endpoints, EqualityContract, Features, Firmware, Hypervisors, Placement, Profiles, Routes, UnloweredAssignments, Assignments")]
    [InlineData(typeof(IrBlock), "Claims, EqualityContract, FirmwareRules, IsCpu, Kind, Place, Name, Rules, Symbol")]
    [InlineData(typeof(IrRule), "Accesses, DeclaringBlock, EqualityContract, Error, InStandardLibrary, Place, MemoryTypes, Outcome, Outcomes, OutcomesText, Response, SeesSpeculation, Signals")]
    [InlineData(typeof(IrEndpoint), "EqualityContract, Faults, FaultsDeclared, Place, Name, Parent, Regions")]
    [InlineData(typeof(IrRegion), "EqualityContract, Place, QualifiedName, Symbol")]
    [InlineData(typeof(IrRoute), "Cpu, EqualityContract, Hops, Last, Place")]
    [InlineData(typeof(IrAssignment), "Driver, Endpoint, EqualityContract, Place, Region, Symbol")]
    [InlineData(typeof(IrHypervisor), "EqualityContract, Place, Name, Stage2Policies, Symbol, Treatments")]
    [InlineData(typeof(IrProfile), "EqualityContract, Hypervisor, Place, Name, Symbol")]
    // A Place is written as the location the platform's placement makes of it.
    [InlineData(typeof(Outcome), "EqualityContract, Irq, Kind, PassedError, Place, Severity")]
    [InlineData(typeof(DeclaredFault), "EqualityContract, Error, Place")]
    [InlineData(typeof(Claim), "Accesses, EqualityContract, Kind, Place")]
    [InlineData(typeof(FirmwareRule), "EqualityContract, Input, Irqs, Place, Reports, Severities")]
    [InlineData(typeof(Stage2Policy), "Attribute, Conditions, Driver, EqualityContract, Place")]
    [InlineData(typeof(OutcomeTreatment), "Action, Conditions, Context, EqualityContract, Irq, Outcome, Place, Severity")]
    public void TheShapeKnowsEveryPropertyOfTheIr(Type type, string known)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(known.Split(", ").Order(StringComparer.Ordinal), properties);
    }

    // The file's path is part of the shape: every text is compiled at the same one.
    private static IrShape ShapeOf(TempWorkspace workspace, string blocks) => IrShape.Of(PlatformOf(workspace, blocks));

    private static PlatformIr PlatformOf(TempWorkspace workspace, string text)
    {
        workspace.Write("main.rasdl", text);
        return Lowering.Lower(workspace.Compile("main.rasdl").Model);
    }

    private static (Compilation Earlier, Compilation Later, Compilation Full) Edit(string text, Func<string, string> edit)
    {
        using var workspace = new TempWorkspace();
        return Edit(workspace, text, edit);
    }

    // The description, then the edited one compiled with it as the earlier version, and the edited one compiled alone.
    private static (Compilation Earlier, Compilation Later, Compilation Full) Edit(TempWorkspace workspace, string text, Func<string, string> edit)
    {
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        var path = workspace.Write("main.rasdl", text);
        var earlier = Compilation.Create(path, new DiskSourceFileProvider());
        _ = earlier.GetDiagnostics();
        workspace.Write("main.rasdl", edited);
        var later = Compilation.Create(path, new DiskSourceFileProvider(), null, earlier);
        var full = Compilation.Create(path, new DiskSourceFileProvider());
        return (earlier, later, full);
    }

    private static string Describe(Compilation compilation) =>
        string.Join('\n', compilation.GetDiagnostics().Select(d =>
            $"{d} @{d.Location.Span.Start}+{d.Location.Span.Length} [{string.Join(",", d.Data.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}]"
            + string.Concat(d.Related.Select(r => $"\n    {r.Location} @{r.Location.Span.Start} {r.Message}"))));

    [System.Text.RegularExpressions.GeneratedRegex(@"size [1-9]")]
    private static partial System.Text.RegularExpressions.Regex SizeDigit();
}
