using Rasdl.Compiler.Tests.Infrastructure;

namespace Rasdl.Compiler.Tests.Semantics;

/// <summary>
/// Imports read only inside the workspace roots and the standard library, however the path is
/// spelt: absolute, with `..` after `std/`, URL-like, Windows-style, or through symbolic links
/// (to files, to folders, in chains or loops). Each case is a real folder on disk with a
/// secret outside the project that must never be loaded.
/// </summary>
public class ConfinementTests
{
    private static (TempWorkspace Workspace, string Secret) ProjectBesideASecret()
    {
        var workspace = new TempWorkspace();
        var secret = workspace.Write("outside/secret.rasdl", "block secret : cpu { }");
        workspace.Write("project/rasdl.json", "{}");
        return (workspace, secret);
    }

    private static void AssertRefused(Rasdl.Semantics.Compilation compilation, params string[] codes)
    {
        Assert.Null(compilation.Model.Lookup("secret"));
        Assert.DoesNotContain(compilation.SyntaxTrees, t => t.Path.EndsWith("secret.rasdl", StringComparison.Ordinal));
        var diagnostic = Assert.Single(compilation.GetDiagnostics(), d => d.Code.StartsWith("RASDL101", StringComparison.Ordinal));
        Assert.Contains(diagnostic.Code, codes);
    }

    [Fact]
    public void AnAbsolutePathOutsideTheWorkspaceIsRefused()
    {
        var (workspace, secret) = ProjectBesideASecret();
        using var _ = workspace;
        workspace.Write("project/main.rasdl", $"import \"{secret}\";");

        AssertRefused(workspace.Compile("project/main.rasdl"), "RASDL1012");
    }

    [Fact]
    public void AnAbsolutePathInsideTheWorkspaceIsAllowed()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        var ip = workspace.Write("ip/rp.rasdl", "block rp : root_port { }");
        workspace.Write("main.rasdl", $"import \"{ip}\";");

        var compilation = workspace.Compile("main.rasdl");

        Assert.NotNull(compilation.Model.Lookup("rp"));
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Code is "RASDL1010" or "RASDL1012");
    }

    [Theory]
    [InlineData("std/../../outside/secret.rasdl")]
    [InlineData("std/../outside/secret.rasdl")]
    [InlineData("std/ip/../../../outside/secret.rasdl")]
    public void StdDotDotNeverReachesTheDisk(string import)
    {
        var (workspace, _) = ProjectBesideASecret();
        using var __ = workspace;
        // A folder named std beside the importing file, so that the disk path would exist.
        workspace.Write("project/std/x.rasdl", "");
        workspace.Write("project/main.rasdl", $"import \"{import}\";");

        AssertRefused(workspace.Compile("project/main.rasdl"), "RASDL1010");
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://example.com/secret.rasdl")]
    [InlineData("..\\\\outside\\\\secret.rasdl")]
    [InlineData("C:\\\\Windows\\\\win.ini")]
    [InlineData("\\\\\\\\server\\\\share\\\\secret.rasdl")]
    [InlineData("~/secret.rasdl")]
    [InlineData("$HOME/secret.rasdl")]
    public void UrlsWindowsPathsAndShellSyntaxAreJustFileNamesThatDoNotExist(string import)
    {
        var (workspace, _) = ProjectBesideASecret();
        using var __ = workspace;
        workspace.Write("project/main.rasdl", $"import \"{import}\";");

        AssertRefused(workspace.Compile("project/main.rasdl"), "RASDL1010", "RASDL1012");
    }

    [Fact]
    public void ASymbolicLinkToAFileOutsideIsRefused()
    {
        var (workspace, secret) = ProjectBesideASecret();
        using var _ = workspace;
        workspace.Write("project/main.rasdl", "import \"ip.rasdl\";");
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "project", "ip.rasdl"), secret);

        AssertRefused(workspace.Compile("project/main.rasdl"), "RASDL1012");
    }

    [Fact]
    public void ALinkedFolderInsideTheWorkspaceIsAllowed()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        workspace.Write("vendor/v1/rp.rasdl", "block rp : root_port { }");
        Directory.CreateSymbolicLink(Path.Combine(workspace.Root, "current"), Path.Combine(workspace.Root, "vendor", "v1"));
        workspace.Write("main.rasdl", "import \"current/rp.rasdl\";");

        var compilation = workspace.Compile("main.rasdl");

        Assert.NotNull(compilation.Model.Lookup("rp"));
    }

    [Fact]
    public void DotDotThroughALinkedFolderIsJudgedWhereItLeads()
    {
        var (workspace, _) = ProjectBesideASecret();
        using var __ = workspace;
        workspace.Write("project/deep/er/x.rasdl", "");
        Directory.CreateSymbolicLink(Path.Combine(workspace.Root, "project", "link"), Path.Combine(workspace.Root, "project", "deep", "er"));
        workspace.Write("project/main.rasdl", "import \"link/../../outside/secret.rasdl\";");

        AssertRefused(workspace.Compile("project/main.rasdl"), "RASDL1012", "RASDL1010");
    }

    [Fact]
    public void AChainOfMoreLinksThanTheKernelFollowsIsNeverLoadedFromOutside()
    {
        var (workspace, secret) = ProjectBesideASecret();
        using var _ = workspace;
        // 45 links inside the project, the last pointing outside: more hops than realpath(3) takes.
        var project = Path.Combine(workspace.Root, "project");
        File.CreateSymbolicLink(Path.Combine(project, "l44"), secret);
        for (var i = 43; i >= 0; i--)
        {
            File.CreateSymbolicLink(Path.Combine(project, $"l{i}"), Path.Combine(project, $"l{i + 1}"));
        }

        workspace.Write("project/main.rasdl", "import \"l0\";");

        AssertRefused(workspace.Compile("project/main.rasdl"), "RASDL1012", "RASDL1010");
    }

    [Fact]
    public void ALoopOfLinksIsAnErrorNotAHang()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "a.rasdl"), Path.Combine(workspace.Root, "b.rasdl"));
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "b.rasdl"), Path.Combine(workspace.Root, "a.rasdl"));
        workspace.Write("main.rasdl", "import \"a.rasdl\";");

        var compilation = workspace.Compile("main.rasdl");

        Assert.Contains(compilation.GetDiagnostics(), d => d.Code is "RASDL1010" or "RASDL1012");
    }

    [Fact]
    public void ImportingAFolderIsAnError()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{}");
        workspace.Write("ip/rp.rasdl", "");
        workspace.Write("main.rasdl", "import \"ip\";");

        Assert.Equal("RASDL1010", Assert.Single(workspace.Compile("main.rasdl").GetDiagnostics()).Code);
    }
}

/// <summary>Files whose length lies: a device is refused as not a regular file, never read.</summary>
public class EndlessFileTests
{
    [Fact]
    public void AnEndlessDeviceIsRefusedNotReadForever()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var read = Rasdl.Parsing.SourceReader.ReadFile("/dev/zero");

        Assert.Null(read.Text);
        Assert.Contains("device", read.IoError, StringComparison.Ordinal);
    }
}
