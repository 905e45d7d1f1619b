using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Configuration;

namespace Rasdl.Compiler.Tests.Semantics;

public class ImportTests
{
    [Fact]
    public void RelativeImportsResolveFromTheImportingFile()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("platform/main.rasdl", "import \"../ip/rp.rasdl\";\nroute core -> rp;\nblock core : cpu { }");
        workspace.Write("ip/rp.rasdl", "import \"sub/leaf.rasdl\";\nblock rp : root_port extends leaf { }");
        workspace.Write("ip/sub/leaf.rasdl", "block leaf : root_port { on ur -> all_ones; }");
        workspace.Write("rasdl.json", "{}");

        var compilation = workspace.Compile("platform/main.rasdl");

        Assert.Equal(["main.rasdl", "rp.rasdl", "leaf.rasdl"], compilation.SyntaxTrees.Select(t => Path.GetFileName(t.Path)));
        Assert.Single(compilation.Model.Blocks.Single(b => b.Name == "rp").Rules);
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Code.StartsWith("RASDL101", StringComparison.Ordinal));
    }

    [Fact]
    public void StandardLibraryImportsResolveInsideTheCompiler()
    {
        var compilation = TempWorkspace.CompileText("import \"std/kvm.rasdl\";\nimport \"std/ip/pcie.rasdl\";\nprofile p { hypervisor kvm_6_8; }\nblock rc : root_port extends pcie_rp_master_abort { }");

        Assert.Contains(compilation.SyntaxTrees, t => t.Path == "std/kvm.rasdl");
        Assert.NotNull(compilation.Model.Lookup("kvm_6_7"));
        Assert.NotNull(compilation.Model.Lookup("pcie_rp_master_abort"));
    }

    [Fact]
    public void MissingImportIsReportedAtTheImportAndTheRestIsChecked()
    {
        var compilation = TempWorkspace.CompileText("import \"nowhere.rasdl\";\nblock core : cpu { on ur -> sae; }\nroute core -> core;");

        Assert.Equal(
            ["1:8 RASDL1010 cannot import 'nowhere.rasdl': no such file"],
            TempWorkspace.Describe(compilation.GetDiagnostics().Where(d => d.Code == "RASDL1010")));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL1003");
    }

    [Fact]
    public void UnknownStandardLibraryFileListsWhatExists()
    {
        var compilation = TempWorkspace.CompileText("import \"std/xen.rasdl\";");

        var diagnostic = Assert.Single(compilation.GetDiagnostics());
        Assert.Contains("std/kvm.rasdl", diagnostic.Message);
    }

    [Fact]
    public void ImportCycleIsReportedOnceAndEachFileLoadedOnce()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("main.rasdl", "import \"a.rasdl\";");
        workspace.Write("a.rasdl", "import \"b.rasdl\";\nblock a : cpu { }");
        workspace.Write("b.rasdl", "import \"a.rasdl\";\nblock b : cpu { }");

        var compilation = workspace.Compile("main.rasdl");

        Assert.Equal(3, compilation.SyntaxTrees.Length);
        var cycle = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1011");
        Assert.Equal("import cycle: a.rasdl -> b.rasdl -> a.rasdl", cycle.Message);
        Assert.EndsWith("b.rasdl", cycle.Location.Path);
    }

    [Fact]
    public void SelfImportIsACycle()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("main.rasdl", "import \"main.rasdl\";");

        Assert.Contains(workspace.Compile("main.rasdl").GetDiagnostics(), d => d.Code == "RASDL1011");
    }

    [Fact]
    public void LongImportChainDoesNotOverflowTheStack()
    {
        using var workspace = new TempWorkspace();
        const int length = 3000;
        for (var i = 0; i < length; i++)
        {
            workspace.Write($"f{i}.rasdl", i + 1 < length ? $"import \"f{i + 1}.rasdl\";" : "block last : cpu { }");
        }

        var compilation = workspace.Compile("f0.rasdl");

        Assert.Equal(length, compilation.SyntaxTrees.Length);
        Assert.NotNull(compilation.Model.Lookup("last"));
    }

    [Fact]
    public void ImportOutsideTheWorkspaceIsRefused()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("secret.rasdl", "block secret : cpu { }");
        workspace.Write("project/rasdl.json", "{}");
        workspace.Write("project/main.rasdl", "import \"../secret.rasdl\";");

        var compilation = workspace.Compile("project/main.rasdl");

        Assert.Equal("RASDL1012", Assert.Single(compilation.GetDiagnostics()).Code);
        Assert.Null(compilation.Model.Lookup("secret"));
    }

    [Fact]
    public void SymbolicLinkThatEscapesTheWorkspaceIsRefused()
    {
        using var workspace = new TempWorkspace();
        var secret = workspace.Write("outside/secret.rasdl", "block secret : cpu { }");
        workspace.Write("project/rasdl.json", "{}");
        workspace.Write("project/main.rasdl", "import \"link/secret.rasdl\";");
        Directory.CreateSymbolicLink(Path.Combine(workspace.Root, "project", "link"), Path.GetDirectoryName(secret)!);

        var compilation = workspace.Compile("project/main.rasdl");

        Assert.Equal("RASDL1012", Assert.Single(compilation.GetDiagnostics()).Code);
    }

    [Fact]
    public void ImportRootsInTheProjectFileAllowMoreFolders()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("shared/ip.rasdl", "block shared_rp : root_port { }");
        workspace.Write("project/rasdl.json", "{ \"importRoots\": [\"../shared\"] }");
        workspace.Write("project/main.rasdl", "import \"../shared/ip.rasdl\";\nblock rp : root_port extends shared_rp { }");

        var compilation = workspace.Compile("project/main.rasdl");

        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Code == "RASDL1012");
        Assert.NotNull(compilation.Model.Lookup("shared_rp"));
    }

    [Fact]
    public void UnreadableRootIsAnIoErrorNotADiagnostic()
    {
        var compilation = Rasdl.Semantics.Compilation.Create("/nonexistent/dir/x.rasdl");

        Assert.NotNull(compilation.Root.IoError);
        Assert.Empty(compilation.SyntaxTrees);
    }

    [Fact]
    public void ProjectFileIsFoundInAParentFolder()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{ \"allowUncontained\": true }");
        workspace.Write("a/b/main.rasdl", "");

        Assert.True(workspace.Compile("a/b/main.rasdl").Configuration.AllowUncontained);
        Assert.Equal(Path.Combine(workspace.Root, ProjectConfiguration.FileName), workspace.Compile("a/b/main.rasdl").Configuration.Path);
    }
}
