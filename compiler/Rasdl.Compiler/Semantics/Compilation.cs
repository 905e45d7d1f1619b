using System.Collections.Immutable;
using Rasdl.Configuration;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Semantics;

/// <summary>How a compilation finds its project settings and where imports may read.</summary>
/// <param name="WorkspaceRoots">Folders imports may read from besides the project's (the folder of the nearest rasdl.json, else the root file's folder): the editor's workspace folders. The search for rasdl.json also stops at them.</param>
/// <param name="Profiles">The profiles the containment engine analyses, by name; empty means every profile.</param>
public sealed record CompilationOptions(ProjectConfiguration? Configuration = null, ImmutableArray<string> WorkspaceRoots = default, ImmutableArray<string> Profiles = default)
{
    public static readonly CompilationOptions Default = new();
}

/// <summary>The containment findings of a compilation and the profiles they were made for: what a later version of the description may reuse (<see cref="Compilation.Create"/>).</summary>
public sealed record ReusableFindings(ImmutableArray<string> Profiles, Engine.ContainmentFindings Findings);

/// <summary>
/// One root file and everything it imports (transitively, the standard library included),
/// parsed and bound. The files are loaded once each, so import cycles are reported, never
/// followed forever.
/// </summary>
public sealed class Compilation
{
    private readonly Lazy<SemanticModel> _model;
    private readonly Lazy<Intermediate.PlatformIr> _platform;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;
    // Made once by the first asker not cancelled meanwhile (see GetAnalysis); one asker at a time.
    private Engine.ContainmentAnalysis? _analysis;
    private readonly SemaphoreSlim _analysing = new(1, 1);
    // Findings are this version's own when analysed or moved here; while an error hides them,
    // they are an earlier version's, kept for the next.
    private readonly Lazy<(ImmutableArray<Diagnostic> Diagnostics, Engine.ContainmentFindings? Findings, bool Own, string How)> _containment;
    // An earlier version of the same description whose findings this one may reuse; let go of
    // once this one's containment diagnostics are known, so versions never chain.
    private Compilation? _earlier;
    private ReusableFindings? _earlierFindings;

    // The platform of the earlier findings, while this one's is not lowered: lowering finds its
    // routes and assignments there (see Lowering.Lower).
    private Intermediate.PlatformIr? _lowerFrom;

    // The verdicts of the earlier findings' analysis, while this one is not analysed: the
    // analysis keeps those of runs whose paths the edit left alone (see Engine.KeptRuns).
    private Engine.KeptRuns? _keepFrom;
    private readonly ImmutableArray<string> _profiles;
    // Regions analysed one at a time for an editor, while the findings hold no verdicts (see ResultsFor).
    private Engine.RegionByRegion? _regionByRegion;

    private Compilation(
        string rootPath,
        SourceFile root,
        ImmutableArray<SyntaxTree> trees,
        ImmutableDictionary<ImportDeclarationSyntax, string> resolvedImports,
        ImmutableArray<Diagnostic> loadDiagnostics,
        ProjectConfiguration configuration,
        ImmutableArray<string> profiles,
        Compilation? earlier,
        ReusableFindings? earlierFindings,
        SemanticModel? earlierModel)
    {
        RootPath = rootPath;
        Root = root;
        SyntaxTrees = trees;
        ResolvedImports = resolvedImports;
        LoadDiagnostics = loadDiagnostics;
        Configuration = configuration;
        // An earlier version's model, if it was made, lends the binding what an edit did not
        // touch; held only until this one is made (a Lazy lets go of its factory then).
        _model = new Lazy<SemanticModel>(() => Binder.Bind(SyntaxTrees, [.. SyntaxTrees.Where(t => t.Path == RootPath)], ResolvedImports, earlierModel));
        _earlier = earlier;
        _earlierFindings = earlierFindings;
        _profiles = profiles.IsDefault ? [] : profiles;
        _platform = new Lazy<Intermediate.PlatformIr>(() => SelectProfiles(Intermediate.Lowering.Lower(Model, Interlocked.Exchange(ref _lowerFrom, null)), profiles));
        _containment = new(FindContainmentDiagnostics);
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(() => KnockOnDiagnostics.Remove(DiagnosticFilter.Apply(OtherDiagnostics().Concat(_containment.Value.Diagnostics), SyntaxTrees, Configuration)));
    }

    public string RootPath { get; }

    /// <summary>The semantic model if it was made, else null (asking <see cref="Model"/> would bind).</summary>
    public SemanticModel? ModelIfMade => _model.IsValueCreated ? _model.Value : null;

    /// <summary>The root file as loaded: when its <see cref="SourceFile.IoError"/> is set, nothing could be read.</summary>
    public SourceFile Root { get; }

    /// <summary>The root file's tree first, then imported files in the order they were reached.</summary>
    public ImmutableArray<SyntaxTree> SyntaxTrees { get; }

    /// <summary>Each import that resolved, with the path of the file it names.</summary>
    public ImmutableDictionary<ImportDeclarationSyntax, string> ResolvedImports { get; }

    /// <summary>Problems found while loading files: unreadable or non-text files, missing imports, cycles, confinement.</summary>
    public ImmutableArray<Diagnostic> LoadDiagnostics { get; }

    public ProjectConfiguration Configuration { get; }

    public SemanticModel Model => _model.Value;

    /// <summary>The containment engine's verdicts, witnesses and differentials for every profile.</summary>
    public Engine.ContainmentAnalysis Analysis => GetAnalysis(CancellationToken.None);

    /// <summary>
    /// <see cref="Analysis"/>, for an asker that may stop waiting: an editor's request for inlay
    /// hints or code lenses, cancelled when the buffer changes again. A cancelled asker stops
    /// the analysis it was making (nothing of it is kept) and the next asker starts over, so a
    /// version the user has typed past costs no more than the regions analysed until then.
    /// </summary>
    public Engine.ContainmentAnalysis GetAnalysis(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _analysis) is { } made)
        {
            return made;
        }

        _analysing.Wait(cancellationToken);
        try
        {
            if (_analysis is { } madeMeanwhile)
            {
                return madeMeanwhile;
            }

            var analysis = Engine.ContainmentAnalysis.Analyze(_platform.Value, Volatile.Read(ref _keepFrom), cancellationToken);
            Volatile.Write(ref _analysis, analysis);
            Volatile.Write(ref _keepFrom, null);
            return analysis;
        }
        finally
        {
            _analysing.Release();
        }
    }

    /// <summary>Every diagnostic, after the project's severities and suppression comments, without those an earlier error causes.</summary>
    public ImmutableArray<Diagnostic> GetDiagnostics() => _diagnostics.Value;

    /// <summary>The platform with only the named profiles (all of them when none is named).</summary>
    private static Intermediate.PlatformIr SelectProfiles(Intermediate.PlatformIr platform, ImmutableArray<string> names) =>
        names.IsDefaultOrEmpty ? platform : platform with { Profiles = [.. platform.Profiles.Where(p => names.Contains(p.Name))] };

    /// <summary>
    /// This compilation's containment findings as a later version may reuse them, once its
    /// containment diagnostics are known (null before that). Unlike the compilation, they do not
    /// keep its semantic model alive: an editor holds them between versions. They hold the runs
    /// of the analysis they were found by (or moved from), which a later version's analysis
    /// keeps where its paths are the same (<see cref="Engine.KeptRuns"/>).
    /// </summary>
    public ReusableFindings? FindingsForLaterVersions
    {
        get
        {
            if (!_containment.IsValueCreated || _containment.Value.Findings is not { } findings)
            {
                return null;
            }

            return new ReusableFindings(_profiles, findings);
        }
    }

    /// <summary>How this compilation's containment diagnostics were found: "analysed", "reused (…)" or "not analysed (…)"; for the language server's trace.</summary>
    public string ContainmentDiagnosticsSource => _containment.Value.How;

    /// <summary>Every diagnostic but the containment engine's.</summary>
    private IEnumerable<Diagnostic> OtherDiagnostics() =>
        Configuration.Diagnostics
            .Concat(LoadDiagnostics)
            .Concat(SyntaxTrees.SelectMany(t => t.Diagnostics))
            .Concat(Model.Diagnostics);

    /// <summary>
    /// The containment engine's diagnostics, found the cheapest way that gives exactly what a
    /// full analysis would leave after <see cref="KnockOnDiagnostics"/>: while a syntax or
    /// binding error hides them, only the incomplete profiles (no path is walked); else, when
    /// an earlier version of the description has the same shape, its findings moved to where
    /// their elements now are (<see cref="Engine.ContainmentFindings"/>); else the analysis.
    /// The findings kept for the next version are the newest ones that were analysed or moved.
    /// </summary>
    private (ImmutableArray<Diagnostic>, Engine.ContainmentFindings?, bool, string) FindContainmentDiagnostics()
    {
        // Findings made for other profiles are not this compilation's, whatever its files say.
        var earlierCompilation = Interlocked.Exchange(ref _earlier, null);
        var earlierFindings = Interlocked.Exchange(ref _earlierFindings, null);
        var earlier = SameProfiles(earlierCompilation?._profiles) ? earlierCompilation!._containment.Value.Findings
            : SameProfiles(earlierFindings?.Profiles) ? earlierFindings!.Findings
            : null;
        if (Volatile.Read(ref _analysis) is not null)
        {
            return Analysed();
        }

        if (!_platform.IsValueCreated)
        {
            Volatile.Write(ref _lowerFrom, earlier?.LoweredPlatform);
        }

        Volatile.Write(ref _keepFrom, earlier?.Runs);

        // Only a syntax or binding diagnostic can hide them, once the project's severities and
        // suppressions are applied; most versions have none, and need no filtering to say so.
        if (OtherDiagnostics().Any(KnockOnDiagnostics.MayHideContainment)
            && KnockOnDiagnostics.HidesContainment(DiagnosticFilter.Apply(OtherDiagnostics(), SyntaxTrees, Configuration)))
        {
            // Kept for the next version, the earlier findings must not keep the earlier analysis alive.
            _ = earlier?.Verdicts;
            return (Engine.ContainmentAnalysis.IncompleteProfiles(_platform.Value), earlier, false, "not analysed (a syntax or binding error hides the findings)");
        }

        if (earlier?.MovedTo(SyntaxTrees, _platform) is { } moved)
        {
            return (moved.Diagnostics, moved, true, $"reused ({moved.Reuse})");
        }

        return Analysed();
    }

    private (ImmutableArray<Diagnostic>, Engine.ContainmentFindings?, bool, string) Analysed()
    {
        var analysis = Analysis;
        var how = analysis.RunsKept == 0
            ? "analysed"
            : $"analysed (walked {analysis.RunsWalked} of {analysis.RunsWalked + analysis.RunsKept} runs, kept the verdicts of the others)";
        return (analysis.Diagnostics, new(SyntaxTrees, _platform, analysis.Diagnostics, analysis), true, how);
    }

    /// <summary>
    /// Whether this version's verdicts are known without walking a path: its findings hold them
    /// (analysed, or moved from an earlier version of the same shape), or it was analysed.
    /// </summary>
    public bool HoldsVerdicts => Volatile.Read(ref _analysis) is not null || _containment.Value is { Own: true, Findings.Verdicts: not null };

    /// <summary>
    /// The region's verdict under each profile, in profile order: from this version's findings
    /// when they hold the verdicts (analysed, or moved from an earlier version of the same
    /// shape, which has the same verdicts), else from the analysis if it was made, else from
    /// the region's own analysis (<see cref="ResultsFor"/>). What an editor shows beside the
    /// text after most keystrokes, without analysing the version.
    /// </summary>
    public ImmutableArray<Engine.RegionVerdict> VerdictsFor(RegionSymbol region, CancellationToken cancellationToken)
    {
        if (_containment.Value is { Own: true, Findings.Verdicts: { } verdicts })
        {
            return verdicts.For(region.QualifiedName);
        }

        return [.. ResultsFor(region, cancellationToken).Select(r => Engine.RegionVerdict.Of(r))];
    }

    /// <summary>
    /// The region's results under every profile, as <see cref="Engine.ContainmentAnalysis.ResultsFor"/>
    /// gives them: from the analysis if it was made, else by analysing this region alone (its
    /// result depends only on its own endpoint's walks; see <see cref="Engine.RegionByRegion"/>),
    /// which is what an editor needs for the few regions on screen.
    /// </summary>
    public ImmutableArray<Engine.RegionResult> ResultsFor(RegionSymbol region, CancellationToken cancellationToken) =>
        Volatile.Read(ref _analysis) is { } analysis ? [.. analysis.ResultsFor(region)] : RegionByRegion.ResultsFor(region, cancellationToken);

    /// <summary>The profile of each of the region's results (<see cref="ResultsFor"/>), in order, without walking a path when the verdicts are not held.</summary>
    public ImmutableArray<string> ProfilesFor(RegionSymbol region, CancellationToken cancellationToken) =>
        HoldsVerdicts ? [.. VerdictsFor(region, cancellationToken).Select(v => v.Profile)] : RegionByRegion.ProfilesFor(region);

    private Engine.RegionByRegion RegionByRegion => LazyInitializer.EnsureInitialized(ref _regionByRegion, () => new Engine.RegionByRegion(_platform.Value));

    private bool SameProfiles(ImmutableArray<string>? profiles) => profiles is { } names && names.SequenceEqual(_profiles, StringComparer.Ordinal);

    /// <summary>
    /// The compilation rooted at a file. <paramref name="earlier"/>, a compilation of an earlier
    /// version of the same files (an editor's previous one), or <paramref name="earlierFindings"/>,
    /// its <see cref="FindingsForLaterVersions"/>, lets this one reuse its findings where nothing
    /// they depend on changed; the diagnostics are the same either way. <paramref name="earlierModel"/>,
    /// the model of an earlier version (<see cref="ModelIfMade"/>; <paramref name="earlier"/>'s
    /// if not given), lets the binding keep what an edit did not touch; the model is the same either way.
    /// </summary>
    public static Compilation Create(
        string rootPath, ISourceFileProvider? files = null, CompilationOptions? options = null, Compilation? earlier = null, ReusableFindings? earlierFindings = null,
        SemanticModel? earlierModel = null)
    {
        files ??= DiskSourceFileProvider.Shared;
        options ??= CompilationOptions.Default;
        rootPath = StandardLibraryPath.IsStandardLibrary(rootPath) ? rootPath : Path.GetFullPath(rootPath);
        var directory = Path.GetDirectoryName(rootPath) ?? ".";
        var workspaceRoots = options.WorkspaceRoots.IsDefault ? [] : options.WorkspaceRoots;
        var configuration = options.Configuration ?? ProjectConfiguration.Find(directory, workspaceRoots);
        List<string> roots = [configuration.Directory ?? directory, .. workspaceRoots, .. configuration.ImportRoots];

        var loader = new Loader(files, new ImportResolver(roots));
        var root = loader.LoadRoot(rootPath);
        return new Compilation(rootPath, root, loader.Trees.ToImmutable(), loader.Imports.ToImmutable(), loader.Diagnostics.ToImmutable(), configuration, options.Profiles, earlier, earlierFindings, earlierModel ?? earlier?.ModelIfMade);
    }

    /// <summary>
    /// Loads the root file and its imports depth-first with an explicit stack (an import chain of
    /// any length cannot overflow it). Files are known by their identity (<see cref="ImportResolver.IdentityOf"/>),
    /// so a file reached through a link or `..` is loaded once and a cycle through links is seen.
    /// Work is linear in the number of imports: each file's import list is made once, and the
    /// current chain is a set.
    /// </summary>
    private sealed class Loader(ISourceFileProvider files, ImportResolver resolver)
    {
        /// <summary>A cycle message names at most this many files (the first and last ones of a longer cycle).</summary>
        public const int MaxCycleNames = 8;

        private readonly Dictionary<string, SyntaxTree?> _loaded = new(StringComparer.Ordinal);

        public ImmutableArray<SyntaxTree>.Builder Trees { get; } = ImmutableArray.CreateBuilder<SyntaxTree>();

        public ImmutableArray<Diagnostic>.Builder Diagnostics { get; } = ImmutableArray.CreateBuilder<Diagnostic>();

        public ImmutableDictionary<ImportDeclarationSyntax, string>.Builder Imports { get; } = ImmutableDictionary.CreateBuilder<ImportDeclarationSyntax, string>(ReferenceEqualityComparer.Instance);

        private sealed record Frame(SyntaxTree Tree, string Identity, (ImportDeclarationSyntax Import, int Start)[] Imports)
        {
            public int Next { get; set; }
        }

        public SourceFile LoadRoot(string path)
        {
            var root = StandardLibraryPath.IsStandardLibrary(path)
                ? new SourceFile(path, StandardLibrary.GetTree(path), null, StandardLibrary.GetTree(path) is null ? "no such standard-library file" : null)
                : files.Load(path);
            if (root.Problem is { } problem)
            {
                Diagnostics.Add(problem);
            }

            if (root.Tree is null)
            {
                return root;
            }

            var rootIdentity = ImportResolver.IdentityOf(path);
            _loaded[rootIdentity] = root.Tree;
            Trees.Add(root.Tree);

            // The frames on the stack are the current import chain; onChain indexes them by identity.
            var stack = new List<Frame> { NewFrame(root.Tree, rootIdentity) };
            var onChain = new Dictionary<string, int>(StringComparer.Ordinal) { [rootIdentity] = 0 };
            while (stack.Count > 0)
            {
                var frame = stack[^1];
                if (frame.Next >= frame.Imports.Length)
                {
                    stack.RemoveAt(stack.Count - 1);
                    onChain.Remove(frame.Identity);
                    continue;
                }

                var (import, origin) = frame.Imports[frame.Next++];
                var tree = frame.Tree;
                if (import.Path is not { } literal)
                {
                    continue;
                }

                var resolution = resolver.Resolve(tree.Path, literal.Value);
                if (resolution.OutsidePath is { } outside)
                {
                    Diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.ImportOutsideRoots, tree.GetLocation(origin, literal), literal.Value, outside, resolver.DescribeRoots()));
                    continue;
                }

                if (resolution.Path is not { } target)
                {
                    Diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.ImportNotFound, tree.GetLocation(origin, literal), literal.Value, resolution.Error));
                    continue;
                }

                var identity = ImportResolver.IdentityOf(target);
                if (onChain.TryGetValue(identity, out var start))
                {
                    Imports[import] = stack[start].Tree.Path;
                    Diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.ImportCycle, tree.GetLocation(origin, literal), DescribeCycle(stack, start)));
                    continue;
                }

                if (_loaded.TryGetValue(identity, out var known))
                {
                    // The same file under another spelling: the binder knows it by the path it was first loaded at.
                    Imports[import] = known?.Path ?? target;
                    continue;
                }

                Imports[import] = target;
                var file = StandardLibraryPath.IsStandardLibrary(target)
                    ? new SourceFile(target, StandardLibrary.GetTree(target), null, null)
                    : files.Load(target);
                _loaded[identity] = file.Tree;
                if (file.Problem is { } problem2)
                {
                    Diagnostics.Add(problem2);
                }
                else if (file.IoError is { } error)
                {
                    Diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.ImportNotFound, tree.GetLocation(origin, literal), literal.Value, error));
                }

                if (file.Tree is { } imported)
                {
                    Trees.Add(imported);
                    onChain[identity] = stack.Count;
                    stack.Add(NewFrame(imported, identity));
                }
            }

            return root;
        }

        private static Frame NewFrame(SyntaxTree tree, string identity) =>
            new(tree, identity, [.. tree.Root.PlacedImports]);

        /// <summary>"a.rasdl -> b.rasdl -> a.rasdl": the cycle only (not the chain that led to it), its middle elided when long.</summary>
        private static string DescribeCycle(List<Frame> stack, int start)
        {
            var names = stack.Skip(start).Select(f => Path.GetFileName(f.Tree.Path)).Append(Path.GetFileName(stack[start].Tree.Path)).ToList();
            if (names.Count > MaxCycleNames)
            {
                var elided = names.Count - MaxCycleNames;
                names = [.. names.Take(MaxCycleNames / 2), $"… {elided} more …", .. names.TakeLast(MaxCycleNames / 2)];
            }

            return string.Join(" -> ", names);
        }
    }
}
