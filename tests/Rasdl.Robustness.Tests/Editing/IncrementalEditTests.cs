using System.Text;
using System.Text.RegularExpressions;
using Rasdl.Benchmarks.Generator;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;
using Xunit.Abstractions;
using LspRange = Rasdl.LanguageServer.Protocol.Range;

namespace Rasdl.Robustness.Editing;

/// <summary>
/// The language server parses an edited buffer incrementally (Parsing/IncrementalParser splices
/// the declarations an edit touched into the last clean tree). Here a long seeded series of
/// random edits — characters, tokens and whole lines typed and deleted, syntax errors made and
/// fixed, declarations renamed, rules changed — is applied to the server's workspace as
/// didChange would, and after every edit the workspace's result (syntax tree, tokens,
/// diagnostics with ranges and related locations, verdicts) must equal a from-scratch analysis
/// of the same text. A failure names the seed and the edit. The workspace also reuses the
/// previous version's containment findings when the edit changed nothing they depend on, and
/// skips them while a syntax or binding error hides them (Engine/ContainmentFindings): a second
/// series, of the edits a user makes to a description that checks cleanly, takes both ways
/// often, and must each time give what the full analysis gives.
/// </summary>
public sealed partial class IncrementalEditTests(ITestOutputHelper output)
{
    private const int Edits = 500;

    public static TheoryData<string, int> Series() => new()
    {
        { "generated", 1 },
        { "generated", 2 },
        { "examples/every-construct/every-construct.rasdl", 3 },
        { "examples/safe-server/safe-server.rasdl", 4 },
        { "examples/multi-file/multi-file.rasdl", 5 },
    };

    [Theory]
    [MemberData(nameof(Series))]
    public void EveryEditOfARandomSeriesAnalysesAsAFullAnalysis(string source, int seed)
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        var (path, text, roots, workspace) = OpenSeries(source, folder, standardLibrary);

        var random = new Random(seed);
        var undo = new Stack<Edit>();
        var spliced = 0;
        var withErrors = 0;
        var bindings = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < Edits; index++)
        {
            // A user fixes what they broke: a version with syntax errors is often followed by undoing the last edit.
            var broken = workspace.GetCompilation(path).SyntaxTrees[0].HasSyntaxErrors;
            var edit = undo.Count > 0 && (broken ? random.Next(5) != 0 : random.Next(5) == 0) ? undo.Pop() with { Kind = "undo" } : NextEdit(random, text);
            if (edit.Kind != "undo")
            {
                undo.Push(new Edit("undo", edit.Start, edit.Start + edit.Insert.Length, text[edit.Start..edit.End]));
            }

            var change = new TextDocumentContentChangeEvent { Range = RangeOf(text, edit.Start, edit.End), Text = edit.Insert };
            Assert.True(workspace.Change(path, index + 2, [change], out var problem), problem);
            text = text[..edit.Start] + edit.Insert + text[edit.End..];

            var incremental = workspace.GetCompilation(path);
            var full = Compilation.Create(path, new OverlaySourceFileProvider(path, text), new CompilationOptions(WorkspaceRoots: [.. roots]));
            var where = $"seed {seed}, edit {index} ({edit.Kind}: [{edit.Start}..{edit.End}) -> \"{Escape(edit.Insert)}\")";
            AssertSame(where, SyntaxDump.Of(full.SyntaxTrees[0]), SyntaxDump.Of(incremental.SyntaxTrees[0]));
            AssertSame($"{where}, binding {incremental.Model.Binding}", ModelDump.Of(full.Model), ModelDump.Of(incremental.Model));
            var binding = incremental.Model.Binding.StartsWith("kept", StringComparison.Ordinal) ? "kept" : Regex.Replace(incremental.Model.Binding, "[0-9]+", "N");
            bindings[binding] = bindings.GetValueOrDefault(binding) + 1;
            AssertSame($"{where}, containment findings {incremental.ContainmentDiagnosticsSource}", Describe(full), Describe(incremental));
            var how = incremental.ContainmentDiagnosticsSource.Split(' ')[0];
            findings[how] = findings.GetValueOrDefault(how) + 1;

            spliced += workspace.LastParse(path)?.How.StartsWith("spliced", StringComparison.Ordinal) == true ? 1 : 0;
            withErrors += incremental.SyntaxTrees[0].HasSyntaxErrors ? 1 : 0;
        }

        var ways = string.Join(", ", findings.Select(f => $"{f.Value} {f.Key}"));
        output.WriteLine($"{source}, seed {seed}: binding {string.Join("; ", bindings.Select(b => $"{b.Value} {b.Key}"))}");
        output.WriteLine($"{source}, seed {seed}: {Edits} edits, {spliced} parsed by splicing, {withErrors} with syntax errors; containment findings: {ways}");
        // The comparison above must have exercised the splice, on clean and broken versions alike
        // (the reuse of findings is exercised by the series that keeps descriptions clean, below).
        Assert.True(spliced > Edits / 3, $"only {spliced} of {Edits} edits were spliced");
        Assert.True(bindings.GetValueOrDefault("kept") > Edits / 5, $"only {bindings.GetValueOrDefault("kept")} of {Edits} edits kept the earlier version's binding");
        Assert.True(withErrors > Edits / 10 && withErrors < Edits * 9 / 10, $"{withErrors} of {Edits} versions had syntax errors: the series should mix clean and broken versions");
    }

    /// <summary>
    /// A kept declaration's diagnostic that cites a line (a stage-2 policy written twice names
    /// the first one's line) is not copied: an edit above moves that line, so the declaration
    /// is bound again, and the message names the line where the policy now is.
    /// </summary>
    [Fact]
    public void AKeptDeclarationWhoseDiagnosticCitesALineIsBoundAgain()
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        var text = PlatformGenerator.Generate(400).Rasdl + """

            hypervisor twice {
                doc "Says vfio_pci twice.";
                stage2 vfio_pci -> fwb_normal_nc;
                stage2 vfio_pci -> fwb_force_wb;
            }

            """;
        var (path, workspace) = OpenText(folder, standardLibrary, text);
        var before = workspace.GetCompilation(path).Model.Diagnostics.Single(d => d.Code == "RASDL1001" && d.Message.Contains("stage-2", StringComparison.Ordinal));

        var incremental = TypeInMeshAndCompare(folder, workspace, path, text, "\n", "after a line was added above the hypervisor");
        var after = incremental.Model.Diagnostics.Single(d => d.Code == before.Code && d.Message.Contains("stage-2", StringComparison.Ordinal));
        Assert.Equal(before.Location.Range.Start.Line + 1, after.Location.Range.Start.Line);
        Assert.NotEqual(before.Message, after.Message);
    }

    /// <summary>
    /// Routes and assignments are bound after everything else and kept as the rest is, but an
    /// assignment depends on the ones before it: when an edit makes an earlier `assign` give
    /// a guest the region a kept later one gives, the kept one is bound again and is the
    /// duplicate; the other way round, the edited one is. Either way the model is a whole
    /// binding's, and every route and assignment the edit did not touch is the earlier object.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnAssignmentEditedToGiveAKeptOnesRegionMakesTheLaterOfTheTwoTheDuplicate(bool editTheFirst)
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        var text = PlatformGenerator.Generate(400).Rasdl;
        var (path, workspace) = OpenText(folder, standardLibrary, text);
        var earlier = workspace.GetCompilation(path).Model;
        var (first, last) = (earlier.Assignments[0], earlier.Assignments[^1]);
        var (edited, other) = editTheFirst ? (first, last) : (last, first);

        // The edited `assign` names the other's endpoint and region.
        var at = earlier.SpanOf(edited.Place);
        var assign = text.Substring(at.Start, at.Length);
        var written = assign.Replace(edited.Region.QualifiedName, other.Region.QualifiedName, StringComparison.Ordinal);
        Assert.NotEqual(assign, written);
        var change = new TextDocumentContentChangeEvent { Range = RangeOf(text, at.Start, at.Start + at.Length), Text = written };
        Assert.True(workspace.Change(path, 2, [change], out var problem), problem);
        text = text[..at.Start] + written + text[(at.Start + at.Length)..];

        var incremental = workspace.GetCompilation(path).Model;
        var full = Compilation.Create(path, new OverlaySourceFileProvider(path, text), new CompilationOptions(WorkspaceRoots: [folder.Root])).Model;
        Assert.StartsWith("kept", incremental.Binding, StringComparison.Ordinal);
        AssertSame("after an assign was made to give another's region", ModelDump.Of(full), ModelDump.Of(incremental));
        var duplicate = incremental.Diagnostics.Single(d => d.Descriptor == Rasdl.Diagnostics.DiagnosticCatalogue.DuplicateAssignment);
        var laterOne = editTheFirst ? other : edited;
        Assert.Equal(earlier.LocationOf(laterOne.Place).Range.Start.Line, duplicate.Location.Range.Start.Line);
        // A route or an assignment written where it was (not parsed again) and referring to the same symbols is the earlier one.
        Assert.All(incremental.Routes, route => Assert.Equal(
            earlier.Routes.Any(r => ReferenceEquals(r.Syntax, route.Syntax)), earlier.Routes.Contains(route, ReferenceEqualityComparer.Instance)));
        var keptAssignments = incremental.Assignments.Count(a => earlier.Assignments.Contains(a, ReferenceEqualityComparer.Instance));
        Assert.InRange(keptAssignments, earlier.Assignments.Length - 3, earlier.Assignments.Length - 2);
    }

    /// <summary>
    /// A kept route or assignment that had a diagnostic (here a driver that does not fit the
    /// endpoint) is bound again, so the diagnostic is there after an edit elsewhere.
    /// </summary>
    [Fact]
    public void AKeptAssignmentWithADiagnosticIsBoundAgain()
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        var text = PlatformGenerator.Generate(400).Rasdl;
        var uart = Regex.Match(text, @"\nassign (uart\d+\.\w+) to guest via vfio_platform;");
        Assert.True(uart.Success);
        text = text.Replace(uart.Value, uart.Value.Replace("vfio_platform", "vfio_pci", StringComparison.Ordinal), StringComparison.Ordinal);
        var (path, workspace) = OpenText(folder, standardLibrary, text);
        Assert.Single(workspace.GetCompilation(path).Model.Diagnostics, d => d.Descriptor == Rasdl.Diagnostics.DiagnosticCatalogue.DriverDoesNotFitEndpoint);

        var incremental = TypeInMeshAndCompare(folder, workspace, path, text, " ", "after a space typed far from the assign").Model;
        Assert.Single(incremental.Diagnostics, d => d.Descriptor == Rasdl.Diagnostics.DiagnosticCatalogue.DriverDoesNotFitEndpoint);
    }

    /// <summary>
    /// What keeping a declaration reads from its record instead of its syntax: an endpoint under
    /// the firmware is reported again, and a declaration that refers to another file (here a
    /// block imported from one) still makes that import used.
    /// </summary>
    [Fact]
    public void AKeptEndpointUnderTheFirmwareAndAKeptUseOfAnImportAreWhatAWholeBindingSays()
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        folder.Write("bridge.rasdl", "block far_bridge : bridge {\n    doc \"Imported.\";\n    on slverr -> slverr;\n}\n");
        var text = "import \"bridge.rasdl\";\n" + PlatformGenerator.Generate(400).Rasdl + """

            block el3 : firmware {
                doc "Firmware.";
                on sea -> recoverable;
            }

            endpoint under_firmware : platform_device under el3 {
                doc "Sits where no device can.";
                region regs mmio size 4K;
                faults slverr;
            }

            route cluster0 -> far_bridge;

            """;
        var (path, workspace) = OpenText(folder, standardLibrary, text);
        var before = workspace.GetCompilation(path).Model.Diagnostics;
        Assert.Contains(before, d => d.Message.Contains("under_firmware", StringComparison.Ordinal) || d.Message.Contains("el3", StringComparison.Ordinal));
        Assert.DoesNotContain(before, d => d.Descriptor == Rasdl.Diagnostics.DiagnosticCatalogue.UnusedImport);

        var incremental = TypeInMeshAndCompare(folder, workspace, path, text, " ", "after a space typed far from both").Model;
        Assert.Equal(
            before.Select(d => $"{d.Code} {d.Message}").Order(StringComparer.Ordinal),
            incremental.Diagnostics.Select(d => $"{d.Code} {d.Message}").Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The style checks pass over a kept declaration whose names they found nothing to say about
    /// in the earlier version; one they did (a name not in snake_case, a missing doc string, a
    /// region's name) is judged again, and says the same.
    /// </summary>
    [Fact]
    public void AKeptDeclarationWithAStyleDiagnosticKeepsIt()
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        var text = PlatformGenerator.Generate(400).Rasdl + """

            block UndocumentedBridge : bridge {
                on slverr -> slverr;
            }

            endpoint styled : platform_device under UndocumentedBridge {
                doc "Its region's name is not snake_case.";
                region BigRegs mmio size 4K;
                faults slverr;
            }

            """;
        var (path, workspace) = OpenText(folder, standardLibrary, text);
        var before = workspace.GetCompilation(path).Model.Diagnostics.Where(d => d.Code.StartsWith("RASDL3", StringComparison.Ordinal)).ToList();
        Assert.True(before.Count >= 3, string.Join("; ", before));

        var incremental = TypeInMeshAndCompare(folder, workspace, path, text, " ", "after a space typed far from the names").Model;
        Assert.Equal(before.Count, incremental.Diagnostics.Count(d => d.Code.StartsWith("RASDL3", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A platform has one firmware, the first declared: when an edit makes a block before it a
    /// firmware, the kept one is bound again and told it is the second.
    /// </summary>
    [Fact]
    public void WhenAnEditMakesAnEarlierBlockTheFirmwareTheKeptFirmwareIsBoundAgain()
    {
        using var folder = new TempFolder();
        using var standardLibrary = new StandardLibraryFiles();
        var text = PlatformGenerator.Generate(400).Rasdl + """

            block el3 : firmware {
                doc "Trusted firmware.";
                on sea -> recoverable;
            }

            """;
        var (path, workspace) = OpenText(folder, standardLibrary, text);
        Assert.DoesNotContain(workspace.GetCompilation(path).Model.Diagnostics, d => d.Code == "RASDL1029");

        var kind = text.IndexOf("block mesh1 : interconnect {", StringComparison.Ordinal) + "block mesh1 : ".Length;
        var change = new TextDocumentContentChangeEvent { Range = RangeOf(text, kind, kind + "interconnect".Length), Text = "firmware" };
        Assert.True(workspace.Change(path, 2, [change], out var problem), problem);
        text = text[..kind] + "firmware" + text[(kind + "interconnect".Length)..];

        var incremental = workspace.GetCompilation(path);
        var full = Compilation.Create(path, new OverlaySourceFileProvider(path, text), new CompilationOptions(WorkspaceRoots: [folder.Root]));
        Assert.StartsWith("kept", incremental.Model.Binding, StringComparison.Ordinal);
        AssertSame("after an earlier block became the firmware", ModelDump.Of(full.Model), ModelDump.Of(incremental.Model));
        Assert.Contains(incremental.Model.Diagnostics, d => d.Message.Contains("'mesh1' already describes it", StringComparison.Ordinal));
    }

    private sealed record Edit(string Kind, int Start, int End, string Insert);

    // The text written to the folder as platform.rasdl, open in a server workspace whose folder it is.
    private static (string Path, RasdlWorkspace Workspace) OpenText(TempFolder folder, StandardLibraryFiles standardLibrary, string text)
    {
        var path = folder.Write("platform.rasdl", text);
        var workspace = new RasdlWorkspace(new DocumentUris(standardLibrary)) { Folders = [folder.Root] };
        workspace.Open(new Uri(path).AbsoluteUri, path, 1, text);
        return (path, workspace);
    }

    // The description a series edits, open in a server workspace whose folder is the file's.
    private static (string Path, string Text, string[] Roots, RasdlWorkspace Workspace) OpenSeries(string source, TempFolder folder, StandardLibraryFiles standardLibrary)
    {
        string path, text;
        if (source == "generated")
        {
            text = PlatformGenerator.Generate(400).Rasdl;
            path = folder.Write("platform.rasdl", text);
        }
        else
        {
            // The example's own path: its imports resolve beside it; the open buffer wins over the file, which is never written.
            path = Repository.PathOf(source);
            text = File.ReadAllText(path);
        }

        var roots = new[] { Path.GetDirectoryName(path)! };
        var workspace = new RasdlWorkspace(new DocumentUris(standardLibrary)) { Folders = roots };
        workspace.Open(new Uri(path).AbsoluteUri, path, 1, text);
        return (path, text, roots, workspace);
    }

    private static readonly string[] Tokens =
        [";", "}", "{", "(", ")", "->", "/*", "*/", "//", "\"", ",", ".", ":", "route", "block", "on", "any", "hang", "all_ones", "read", "x", "0x10", "64M", " ", "\n", "doc \"d\";"];

    private const string Typed = "abz_;{}()\"/*-> \n09,.";

    private static readonly string[] Outcomes = ["all_ones", "hang", "sea", "slverr", "poison", "drop", "reset", "serror(uc)"];

    private static Edit NextEdit(Random random, string text)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(9))
        {
            case 0:
                return new Edit("type a character", at, at, Typed[random.Next(Typed.Length)].ToString());
            case 1:
                return at < text.Length ? new Edit("delete a character", at, at + 1, "") : new Edit("type a space", at, at, " ");
            case 2:
                return new Edit("type a token", at, at, Tokens[random.Next(Tokens.Length)]);
            case 3:
            {
                var (start, end) = WordAround(text, at);
                return new Edit("delete a word", start, end, "");
            }

            case 4:
            {
                var (start, end) = LineAround(text, at);
                return random.Next(3) switch
                {
                    0 => new Edit("delete a line", start, Math.Min(text.Length, end + 1), ""),
                    1 => new Edit("duplicate a line", start, start, text[start..Math.Min(text.Length, end + 1)] + (end >= text.Length ? "\n" : "")),
                    _ => new Edit("insert a blank line", start, start, "\n"),
                };
            }

            case 5:
            {
                var names = DeclaredName().Matches(text);
                if (names.Count == 0)
                {
                    goto default;
                }

                var name = names[random.Next(names.Count)].Groups["name"];
                return new Edit("rename a declaration", name.Index, name.Index + name.Length, name.Value + "_" + random.Next(3));
            }

            case 6:
            {
                var outcomes = RuleOutcome().Matches(text);
                if (outcomes.Count == 0)
                {
                    goto default;
                }

                var outcome = outcomes[random.Next(outcomes.Count)].Groups["outcome"];
                return new Edit("change a rule's outcome", outcome.Index, outcome.Index + outcome.Length, Outcomes[random.Next(Outcomes.Length)]);
            }

            case 7:
            {
                var semicolons = Semicolon().Matches(text);
                if (semicolons.Count == 0)
                {
                    goto default;
                }

                var semicolon = semicolons[random.Next(semicolons.Count)];
                return new Edit("delete a semicolon", semicolon.Index, semicolon.Index + 1, "");
            }

            default:
            {
                // A larger replacement: a stretch of up to three lines replaced by a piece of another place.
                var (start, _) = LineAround(text, at);
                var end = Math.Min(text.Length, start + random.Next(120));
                var from = random.Next(text.Length + 1);
                var piece = text[from..Math.Min(text.Length, from + random.Next(60))];
                return new Edit("replace a stretch", start, end, piece);
            }
        }
    }

    private static (int Start, int End) WordAround(string text, int at)
    {
        var start = Math.Min(at, text.Length);
        var end = start;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }

        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end > start || end >= text.Length ? (start, end) : (start, end + 1);
    }

    private static (int Start, int End) LineAround(string text, int at)
    {
        var start = at == 0 ? 0 : text.LastIndexOf('\n', Math.Min(at, text.Length) - 1) + 1;
        var end = text.IndexOf('\n', Math.Min(at, text.Length));
        return (start, end < 0 ? text.Length : end);
    }

    /// <summary>
    /// Types <paramref name="typed"/> at the start of block mesh0's body (far from what a test
    /// is about) as version 2, checks that the binding kept the earlier version's and that its
    /// model is what a whole binding of the new text makes, and gives the new compilation.
    /// </summary>
    private static Compilation TypeInMeshAndCompare(TempFolder folder, RasdlWorkspace workspace, string path, string text, string typed, string because)
    {
        const string Mesh = "block mesh0 : interconnect {";
        var at = text.IndexOf(Mesh, StringComparison.Ordinal) + Mesh.Length;
        var change = new TextDocumentContentChangeEvent { Range = RangeOf(text, at, at), Text = typed };
        Assert.True(workspace.Change(path, 2, [change], out var problem), problem);
        text = text[..at] + typed + text[at..];

        var incremental = workspace.GetCompilation(path);
        var full = Compilation.Create(path, new OverlaySourceFileProvider(path, text), new CompilationOptions(WorkspaceRoots: [folder.Root]));
        Assert.StartsWith("kept", incremental.Model.Binding, StringComparison.Ordinal);
        AssertSame(because, ModelDump.Of(full.Model), ModelDump.Of(incremental.Model));
        return incremental;
    }

    private static LspRange RangeOf(string text, int start, int end)
    {
        var source = new SourceText(text);
        var (from, to) = (source.GetLinePosition(start), source.GetLinePosition(end));
        return new() { Start = new Position { Line = from.Line, Character = from.Character }, End = new Position { Line = to.Line, Character = to.Character } };
    }

    // Every diagnostic with its range and related locations, then every profile's verdict per region.
    private static string Describe(Compilation compilation)
    {
        var result = new StringBuilder();
        foreach (var diagnostic in compilation.GetDiagnostics())
        {
            var range = diagnostic.Location.Range;
            result.Append(diagnostic).Append(" @").Append(range.Start).Append('-').Append(range.End)
                .AppendJoin("", diagnostic.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $" [{d.Key}={d.Value}]")).AppendLine();
            foreach (var related in diagnostic.Related.IsDefault ? [] : diagnostic.Related)
            {
                result.Append("    ").Append(related.Location).Append('-').Append(related.Location.Range.End).Append(' ').AppendLine(related.Message);
            }
        }

        foreach (var profile in compilation.Analysis.Profiles)
        {
            result.Append("profile ").Append(profile.Name).Append(": ").Append(profile.Verdict).AppendLine();
            foreach (var region in profile.Regions)
            {
                result.Append("    ").Append(region.QualifiedName).Append(' ').Append(region.Verdict).Append(' ').AppendJoin(",", region.Effective).AppendLine();
            }
        }

        return result.ToString();
    }

    private static void AssertSame(string where, string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = 0;
        while (first < Math.Min(expectedLines.Length, actualLines.Length) && expectedLines[first] == actualLines[first])
        {
            first++;
        }

        Assert.Fail($"{where}: the incremental result differs from a full analysis at line {first + 1}:\n"
            + $"  full:        {Line(expectedLines, first)}\n  incremental: {Line(actualLines, first)}");
    }

    private static string Line(string[] lines, int index) => index < lines.Length ? Shorten(lines[index]) : "(end)";

    private static string Shorten(string line) => line.Length > 600 ? line[..600] + "…" : line;

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);

    [GeneratedRegex(@"\b(?:block|endpoint|hypervisor|profile)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DeclaredName();

    [GeneratedRegex(@"->\s*(?<outcome>[a-z_]+)\s*;")]
    private static partial Regex RuleOutcome();

    [GeneratedRegex(";")]
    private static partial Regex Semicolon();
}
