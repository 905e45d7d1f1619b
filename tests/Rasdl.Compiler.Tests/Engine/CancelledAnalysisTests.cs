using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Testing;
using Xunit;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// An editor's request that needs the whole analysis (inlay hints, code lenses) is cancelled
/// when the buffer changes again: the analysis it was making stops, nothing of it is kept, and
/// the next asker gets a whole analysis, the same as if nobody had been cancelled.
/// </summary>
public sealed class CancelledAnalysisTests
{
    private static readonly string Uncontained = File.ReadAllText(Repository.PathOf("examples/serror-soc/serror-soc.rasdl"));

    [Fact]
    public void ACancelledAnalysisStopsBeforeItsFirstRegion()
    {
        using var workspace = new TempWorkspace();
        var platform = Lowering.Lower(Fresh(workspace).Model);
        Assert.NotEmpty(platform.Assignments);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ContainmentAnalysis.Analyze(platform, cancelled.Token));
    }

    [Fact]
    public void TheNextAskerAfterACancelledOneGetsTheWholeAnalysis()
    {
        using var workspace = new TempWorkspace();
        var compilation = Fresh(workspace);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => compilation.GetAnalysis(cancelled.Token));
        var analysis = compilation.Analysis;

        Assert.Same(analysis, compilation.GetAnalysis(cancelled.Token)); // made once, then kept: a cancelled asker still gets it
        Assert.Equal(Verdicts(TempWorkspace.CompileText(Uncontained).Analysis), Verdicts(analysis));
        Assert.Contains(analysis.Profiles, p => p.Verdict == ContainmentVerdict.Uncontained);
    }

    [Fact]
    public void ACompilationWhoseAnalysisWasCancelledStillReportsEveryContainmentDiagnostic()
    {
        using var workspace = new TempWorkspace();
        var compilation = Fresh(workspace);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => compilation.GetAnalysis(cancelled.Token));

        Assert.Equal(
            TempWorkspace.Describe(TempWorkspace.CompileText(Uncontained).GetDiagnostics()),
            TempWorkspace.Describe(compilation.GetDiagnostics()));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2001");
    }

    // Compiled and nothing asked of it yet: its analysis is still to be made.
    private static Compilation Fresh(TempWorkspace workspace)
    {
        workspace.Write("main.rasdl", Uncontained);
        return workspace.Compile("main.rasdl");
    }

    private static List<string> Verdicts(ContainmentAnalysis analysis) =>
        [.. analysis.Profiles.SelectMany(p => p.Regions.Select(r => $"{p.Name} {r.QualifiedName} {r.Verdict} {r.Differential}"))];
}
