using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Configuration;
using Rasdl.Testing;

namespace Rasdl.Compiler.Tests.Semantics;

/// <summary>
/// A repository someone opens, or a pull request a CI runner checks, may hold links, FIFOs and
/// devices arranged to read outside the project, to loop, or to block. Each case builds the
/// real thing on disk (symbolic links, mkfifo) and must end within a hard deadline.
/// </summary>
public class HostileFileSystemTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static Rasdl.Semantics.Compilation Compile(TempWorkspace workspace, string path, params string[] fifos) =>
        HostileFiles.WithinDeadline(Deadline, () =>
        {
            var compilation = workspace.Compile(path);
            _ = compilation.GetDiagnostics();
            return compilation;
        }, fifos);

    private static void Link(TempWorkspace workspace, string link, string target) =>
        File.CreateSymbolicLink(Path.Combine(workspace.Root, link), target);

    [Fact]
    public void ALinkWhoseTargetGoesUpThroughALinkedFolderIsConfinedWhereTheKernelGoes()
    {
        // leak.rasdl -> d/../creds.rasdl, d -> ../outside/sub: read as text, "d/.." is the project
        // (no creds there); the kernel goes into outside/sub, then up to outside/creds.rasdl.
        using var workspace = new TempWorkspace();
        workspace.Write("outside/creds.rasdl", "hunter2-secret-token");
        Directory.CreateDirectory(Path.Combine(workspace.Root, "outside", "sub"));
        workspace.Write("project/rasdl.json", "{}");
        Link(workspace, "project/d", "../outside/sub");
        Link(workspace, "project/leak.rasdl", "d/../creds.rasdl");
        workspace.Write("project/main.rasdl", "import \"leak.rasdl\";");

        var compilation = Compile(workspace, "project/main.rasdl");

        Assert.Equal("RASDL1012", Assert.Single(compilation.GetDiagnostics()).Code);
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Message.Contains("hunter2", StringComparison.Ordinal));
        Assert.Single(compilation.SyntaxTrees);
    }

    [Fact]
    public void DotDotAfterALinkedFolderInTheImportItselfIsConfinedWhereTheKernelGoes()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("outside/creds.rasdl", "hunter2-secret-token");
        Directory.CreateDirectory(Path.Combine(workspace.Root, "outside", "sub"));
        workspace.Write("project/rasdl.json", "{}");
        workspace.Write("project/creds.rasdl", "block decoy : cpu { }");
        Link(workspace, "project/d", "../outside/sub");
        workspace.Write("project/main.rasdl", "import \"d/../creds.rasdl\";");

        var compilation = Compile(workspace, "project/main.rasdl");

        // Not the decoy the text points at, and not the secret the kernel would open.
        Assert.Equal("RASDL1012", Assert.Single(compilation.GetDiagnostics()).Code);
        Assert.Null(compilation.Model.Lookup("decoy"));
        Assert.Single(compilation.SyntaxTrees);
    }

    [Fact]
    public void ALinkToItsOwnFolderMakesACycleNotFortyLoads()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        Link(workspace, "self", ".");
        workspace.Write("main.rasdl", "import \"self/main.rasdl\";");

        var compilation = Compile(workspace, "main.rasdl");

        Assert.Equal("RASDL1011", Assert.Single(compilation.GetDiagnostics()).Code);
        Assert.Single(compilation.SyntaxTrees);
    }

    [Fact]
    public void TwoLinksToTheFolderLoadEachFileOnceInsteadOfTwoToTheFortieth()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        Link(workspace, "l1", ".");
        Link(workspace, "l2", ".");
        workspace.Write("a.rasdl", "import \"l1/b.rasdl\";\nimport \"l2/b.rasdl\";\nblock a : cpu { }");
        workspace.Write("b.rasdl", "import \"l1/a.rasdl\";\nimport \"l2/a.rasdl\";\nimport \"l1/l2/l1/b.rasdl\";\nblock b : cpu { }");
        workspace.Write("main.rasdl", "import \"a.rasdl\";\nimport \"l2/l1/a.rasdl\";");

        var compilation = Compile(workspace, "main.rasdl");

        Assert.Equal(3, compilation.SyntaxTrees.Length);
        Assert.NotNull(compilation.Model.Lookup("a"));
        Assert.NotNull(compilation.Model.Lookup("b"));
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Code is "RASDL1010" or "RASDL1012");
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL1011");
    }

    [Fact]
    public void AHardLinkIsTheSameFile()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        var a = workspace.Write("a.rasdl", "import \"twin.rasdl\";\nblock a : cpu { }");
        if (!TryHardLink(a, Path.Combine(workspace.Root, "twin.rasdl")))
        {
            return;
        }

        workspace.Write("main.rasdl", "import \"a.rasdl\";");

        var compilation = Compile(workspace, "main.rasdl");

        Assert.Equal(2, compilation.SyntaxTrees.Length);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL1011");
    }

    [Fact]
    public void ACycleMessageNamesTheCycleOnlyAndElidesALongOne()
    {
        // 0 imports 1 imports 2 … imports 299 imports 100: the cycle is 100..299, reached after 100 files.
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        for (var i = 0; i < 300; i++)
        {
            workspace.Write($"f{i}.rasdl", $"import \"f{(i == 299 ? 100 : i + 1)}.rasdl\";");
        }

        var compilation = Compile(workspace, "f0.rasdl");

        var cycle = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1011");
        Assert.StartsWith("import cycle: f100.rasdl -> f101.rasdl", cycle.Message, StringComparison.Ordinal);
        Assert.EndsWith("f299.rasdl -> f100.rasdl", cycle.Message, StringComparison.Ordinal);
        Assert.Contains("193 more", cycle.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("f99.rasdl", cycle.Message, StringComparison.Ordinal);
        Assert.True(cycle.Message.Length < 200, cycle.Message);
    }

    [Fact]
    public void AFifoNamedByAnImportIsRefusedWithoutWaitingForAWriter()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        var fifo = HostileFiles.MakeFifo(Path.Combine(workspace.Root, "x.rasdl"));
        workspace.Write("main.rasdl", "import \"x.rasdl\";");

        var compilation = Compile(workspace, "main.rasdl", fifo);

        var diagnostic = Assert.Single(compilation.GetDiagnostics());
        Assert.Equal("RASDL1010", diagnostic.Code);
        Assert.Contains("FIFO", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkToADeviceNamedByAnImportIsRefused()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{\"importRoots\": [\"/dev\"]}");
        Link(workspace, "zero.rasdl", "/dev/zero");
        workspace.Write("main.rasdl", "import \"zero.rasdl\";");

        var compilation = Compile(workspace, "main.rasdl");

        Assert.Contains("device", Assert.Single(compilation.GetDiagnostics()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFifoNamedRasdlJsonIsRefusedWithoutWaiting()
    {
        using var workspace = new TempWorkspace();
        var fifo = HostileFiles.MakeFifo(Path.Combine(workspace.Root, "rasdl.json"));

        var configuration = HostileFiles.WithinDeadline(Deadline, () => ProjectConfiguration.Find(workspace.Root), fifo);

        Assert.Contains("FIFO", Assert.Single(configuration.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(configuration.ImportRoots);
    }

    [Fact]
    public void ARasdlJsonLinkedToDevZeroIsRefusedNotReadUntilMemoryRunsOut()
    {
        using var workspace = new TempWorkspace();
        Link(workspace, "rasdl.json", "/dev/zero");

        var configuration = HostileFiles.WithinDeadline(Deadline, () => ProjectConfiguration.Find(workspace.Root));

        Assert.Contains("device", Assert.Single(configuration.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOversizedRasdlJsonIsRefused()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{\"importRoots\": [\"/\"]" + new string(' ', ProjectConfiguration.MaxFileBytes) + "}");

        var configuration = ProjectConfiguration.Find(workspace.Root);

        Assert.Contains("larger than", Assert.Single(configuration.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(configuration.ImportRoots);
    }

    [Fact]
    public void ARasdlJsonInAFolderOthersMayWriteIsNotTrusted()
    {
        // Like a world-writable /tmp/rasdl.json that opens "/" to everything checked under /tmp.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var workspace = new TempWorkspace();
        workspace.Write("shared/rasdl.json", "{\"importRoots\": [\"/\"]}");
        File.SetUnixFileMode(Path.Combine(workspace.Root, "shared"), (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        workspace.Write("outside/secret.rasdl", "block secret : cpu { }");
        workspace.Write("shared/mine/main.rasdl", $"import \"{Path.Combine(workspace.Root, "outside", "secret.rasdl")}\";");

        var compilation = Compile(workspace, "shared/mine/main.rasdl");

        Assert.Null(compilation.Configuration.Path);
        Assert.Null(compilation.Model.Lookup("secret"));
        Assert.Equal("RASDL1012", Assert.Single(compilation.GetDiagnostics()).Code);
    }

    [Fact]
    public void TheSearchForRasdlJsonStopsAtTheRepositoryRoot()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{\"importRoots\": [\"/\"]}");
        Directory.CreateDirectory(Path.Combine(workspace.Root, "repo", ".git"));
        workspace.Write("repo/src/main.rasdl", "");

        Assert.Null(ProjectConfiguration.Find(Path.Combine(workspace.Root, "repo", "src")).Path);
        Assert.Null(ProjectConfiguration.Find(Path.Combine(workspace.Root, "other"), [Path.Combine(workspace.Root, "other")]).Path);
        Assert.NotNull(ProjectConfiguration.Find(Path.Combine(workspace.Root, "other")).Path);
    }

    private static bool TryHardLink(string existing, string link)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ln", [existing, link]) { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
