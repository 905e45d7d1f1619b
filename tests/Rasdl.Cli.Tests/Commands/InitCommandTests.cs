using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl init [DIR]</c>: a starter project that checks clean, in canonical layout, never written over an existing one.</summary>
public class InitCommandTests
{
    [Fact]
    public void WritesAStarterThatChecksWithNoDiagnosticAtAll()
    {
        using var folder = new TempFolder();
        var project = Path.Combine(folder.Root, "board0");
        var result = RasdlCli.Run("init", project);

        Assert.Equal(0, result.ExitCode);
        var description = Path.Combine(project, "board0.rasdl");
        Assert.Equal($"created {description}\ncreated {Path.Combine(project, "rasdl.json")}\nnext: rasdl check {description}\n", result.Stdout);

        var check = RasdlCli.Run("check", description);
        Assert.Equal(0, check.ExitCode);
        Assert.DoesNotContain("RASDL", check.Stdout);
        Assert.EndsWith("checked 1 file: 0 errors, 0 warnings, 0 info\n", check.Stdout);
        Assert.Equal(0, RasdlCli.Run("fmt", "--check", description).ExitCode);
    }

    [Fact]
    public void TheStarterHasAPlatformACoreARootPortAnEndpointAndTwoProfiles()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, RasdlCli.Run("init", folder.Root).ExitCode);
        var compilation = Compilation.Create(Directory.GetFiles(folder.Root, "*.rasdl").Single());
        var model = compilation.Model;

        Assert.NotNull(model.Platform);
        var kinds = model.Blocks.Where(b => b.Path == compilation.RootPath).Select(b => b.BlockKind).ToList();
        Assert.Equal(new List<BlockKind?> { BlockKind.Cpu, BlockKind.RootPort }, kinds.Order().ToList());
        Assert.Single(model.Endpoints, e => e.Path == compilation.RootPath);
        Assert.Equal(2, model.Profiles.Length);
        Assert.Empty(compilation.GetDiagnostics());
        // The project file is read as the project's configuration.
        Assert.Equal(Path.Combine(folder.Root, "rasdl.json"), compilation.Configuration.Path);
    }

    [Theory]
    [InlineData("My Board-2", "my_board_2")]
    [InlineData("2026-soc", "p2026_soc")]
    [InlineData("...", "platform_description")]
    public void ThePlatformIsNamedAfterTheFolderInSnakeCase(string folderName, string platform)
    {
        using var folder = new TempFolder();
        var project = Path.Combine(folder.Root, folderName);
        Assert.Equal(0, RasdlCli.Run("init", project).ExitCode);

        var description = Path.Combine(project, $"{platform}.rasdl");
        Assert.Contains($"platform {platform} {{", File.ReadAllText(description));
        Assert.Equal(0, RasdlCli.Run("check", description).ExitCode);
    }

    [Fact]
    public void WithoutAFolderItStartsTheProjectInTheCurrentOne()
    {
        // A separate process, so that its working directory can be an empty folder.
        using var folder = new TempFolder();
        var result = RasdlProcess.Run(folder.Root, "init");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder.Root, "rasdl.json")));
        var description = Assert.Single(Directory.GetFiles(folder.Root, "*.rasdl"));
        Assert.Equal(0, RasdlCli.Run("check", description).ExitCode);
    }

    [Fact]
    public void NeverWritesOverAnExistingProject()
    {
        using var folder = new TempFolder();
        var existing = folder.Write("rasdl.json", "{ \"allowUncontained\": true }\n");
        var result = RasdlCli.Run("init", folder.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already exists; nothing was written", result.Stderr);
        Assert.Equal("{ \"allowUncontained\": true }\n", File.ReadAllText(existing));
        Assert.Empty(Directory.GetFiles(folder.Root, "*.rasdl"));
    }
}
