using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>
/// What `rasdl fmt` and `rasdl build` leave on disk: a rewrite killed at any moment leaves the
/// old or the new file; links and permissions survive a rewrite; a link planted in the output
/// folder is replaced, never written through.
/// </summary>
public class AtomicOutputTests
{
    // Unformatted (one line per declaration, odd spacing), large enough that formatting takes a while.
    private static string Unformatted(int blocks) =>
        "import \"std/kvm.rasdl\";\n" + string.Concat(Enumerable.Range(0, blocks).Select(i => $"block   b{i} :  cpu {{ on ur (read) -> sea;  on any->sea; }}\n"));

    [Fact]
    public void AFormatKilledAtAnyMomentLeavesTheOldOrTheNewFile()
    {
        using var folder = new TempFolder();
        var original = Unformatted(40_000);
        var expected = folder.Write("expected.rasdl", original);
        Assert.Equal(0, RasdlProcess.Run(folder.Root, "fmt", expected).ExitCode);
        var formatted = File.ReadAllText(expected);
        Assert.NotEqual(original, formatted);

        var file = Path.Combine(folder.Root, "board.rasdl");
        var random = new Random(20261126);
        var killedWhileRunning = 0;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            File.WriteAllText(file, original);
            using var process = RasdlProcess.Start(folder.Root, "fmt", file);
            Thread.Sleep(random.Next(100, 1500));
            if (!process.HasExited)
            {
                process.Kill();
                killedWhileRunning++;
            }

            process.WaitForExit();
            var text = File.ReadAllText(file);
            Assert.True(text == original || text == formatted, $"attempt {attempt}: the file is neither the old nor the new text ({text.Length} characters)");
        }

        Assert.True(killedWhileRunning > 0, "no format was killed while running: make the file larger");
    }

    [Fact]
    public void FormatWritesThroughASymbolicLinkAndKeepsTheLink()
    {
        using var folder = new TempFolder();
        var real = folder.Write("real/board.rasdl", Unformatted(3));
        var link = Path.Combine(folder.Root, "board.rasdl");
        File.CreateSymbolicLink(link, real);

        Assert.Equal(0, RasdlProcess.Run(folder.Root, "fmt", link).ExitCode);

        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.Equal(0, RasdlProcess.Run(folder.Root, "fmt", "--check", real).ExitCode);
    }

    [Fact]
    public void FormatKeepsTheFilesPermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        var file = folder.Write("board.rasdl", Unformatted(3));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(0, RasdlProcess.Run(folder.Root, "fmt", file).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void ALinkPlantedInTheOutputFolderIsReplacedNotWrittenThrough()
    {
        using var folder = new TempFolder();
        var victim = folder.Write("elsewhere/victim.txt", "untouched");
        var source = folder.Write("board.rasdl", "import \"std/kvm.rasdl\";\nprofile production { hypervisor kvm_6_8; }\n");
        var output = Path.Combine(folder.Root, "out");
        Directory.CreateDirectory(output);
        File.CreateSymbolicLink(Path.Combine(output, "production.profile.json"), victim);

        Assert.Equal(0, RasdlProcess.Run(folder.Root, "build", source, "-o", output).ExitCode);

        Assert.Equal("untouched", File.ReadAllText(victim));
        var artefact = new FileInfo(Path.Combine(output, "production.profile.json"));
        Assert.Null(artefact.LinkTarget);
        Assert.Contains("\"profile\": \"production\"", File.ReadAllText(artefact.FullName));
        Assert.Equal(["production.profile.json"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }
}
