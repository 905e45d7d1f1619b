using System.Diagnostics;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>
/// Invocations and interruptions a CI job or a user can produce: empty paths, folders that
/// cannot be written, descriptions holding terminal control characters, builds stopped with
/// SIGTERM or killed outright. Each ends with exit code 2 and one line saying why (never a stack
/// trace), or leaves no temporary files behind.
/// </summary>
public class HostileInvocationTests
{
    private const string Board = """
        import "std/kvm.rasdl";
        platform board { features ras, iesb; }
        block core : cpu { on slverr (read) -> serror(uc); }
        block rc : root_port { on any (read) -> all_ones; on any (write) -> drop; }
        route core -> rc;
        profile production { hypervisor kvm_6_8; }
        endpoint nic : pcie_endpoint under rc { region bar mmio size 4K; faults ur; }
        assign nic.bar to guest via vfio_pci;
        """;

    [Fact]
    public void CheckOfAnEmptyPathIsBadUsageWithoutAStackTrace()
    {
        var result = RasdlProcess.Run(Repository.Root, "check", "");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rasdl: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildIntoAnEmptyPathIsBadUsageWithoutAStackTrace()
    {
        using var folder = new TempFolder();
        var board = folder.Write("board.rasdl", Board);

        var result = RasdlProcess.Run(folder.Root, "build", board, "-o", "");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rasdl: cannot write into ''", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatReportsAFileItCannotWriteAndFormatsTheOthers()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var folder = new TempFolder();
        var locked = folder.Write("locked/a.rasdl", "block a : cpu {}\n");
        var free = folder.Write("free/b.rasdl", "block b : cpu {}\n");
        CliResult result;
        if (Environment.UserName == "root")
        {
            // Root writes anywhere: a second user (nobody) owns only the free folder.
            Chown(Path.GetDirectoryName(free)!);
            Chown(free);
            result = AsNobody(folder.Root, "fmt", locked, free);
        }
        else
        {
            File.SetUnixFileMode(Path.GetDirectoryName(locked)!, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            result = RasdlProcess.Run(folder.Root, "fmt", locked, free);
            File.SetUnixFileMode(Path.GetDirectoryName(locked)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"rasdl: cannot write '{locked}'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("block a : cpu {}\n", File.ReadAllText(locked));
        Assert.Equal("block b : cpu { }\n", File.ReadAllText(free));
    }

    [Fact]
    public void FormatAsRootKeepsAnotherUsersFileTheirsAndKeepsHardLinksTogether()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return; // Only root can give a file to another user, or be the user who takes it over.
        }

        using var folder = new TempFolder();
        var single = folder.Write("single.rasdl", "block a : cpu {}\n");
        var linked = folder.Write("linked.rasdl", "block b : cpu {}\n");
        var twin = Path.Combine(folder.Root, "twin.rasdl");
        Run("ln", linked, twin);
        Chown(single);
        Chown(linked);

        var result = RasdlProcess.Run(folder.Root, "fmt", single, linked);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("block a : cpu { }\n", File.ReadAllText(single));
        Assert.Equal("block b : cpu { }\n", File.ReadAllText(twin));
        Assert.Equal("65534:65534 1", Stat(single));
        Assert.Equal("65534:65534 2", Stat(linked));
    }

    [Fact]
    public void ControlCharactersFromADescriptionReachTheTerminalEscaped()
    {
        using var folder = new TempFolder();
        // An OSC title change (ESC ] 0 ; … BEL), a line erase (ESC [ 2 K) and a bidirectional override in an import path.
        var board = folder.Write("board.rasdl", "import \"\u001b]0;pwned\u0007\u001b[2K\u202Eevil.rasdl\";\n");

        var result = RasdlProcess.Run(folder.Root, "check", board);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(result.Stdout, c => c is '\u001b' or '\u0007' or '\u202E');
        Assert.Contains("\\x1b]0;pwned\\x07\\x1b[2K\\u202eevil.rasdl", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ABuildStoppedWithSigtermLeavesNoTemporaryFile()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var folder = new TempFolder();
        var (board, output) = LargeBuild(folder);
        var stopped = 0;
        for (var attempt = 0; attempt < 5 && stopped == 0; attempt++)
        {
            using var process = RasdlProcess.Start(folder.Root, "build", board, "-o", output);
            if (!WaitForTemporary(output, process))
            {
                continue;
            }

            Signal("TERM", process.Id);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "rasdl did not end after SIGTERM");
            stopped++;
            Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
        }

        Assert.True(stopped > 0, "no build was caught writing: make the board larger");
    }

    [Fact]
    public void TheNextBuildRemovesWhatAKilledBuildLeftAndNamesArtefactsOfProfilesThatAreGone()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var folder = new TempFolder();
        var (board, output) = LargeBuild(folder);
        folder.Write("out/renamed.profile.json", "{}");
        string[] left = [];
        for (var attempt = 0; attempt < 5 && left.Length == 0; attempt++)
        {
            using var process = RasdlProcess.Start(folder.Root, "build", board, "-o", output);
            if (WaitForTemporary(output, process))
            {
                Signal("KILL", process.Id);
            }

            process.WaitForExit();
            left = Directory.GetFiles(output, "*.tmp");
        }

        Assert.NotEmpty(left);
        foreach (var temporary in left)
        {
            // Stale: written long enough ago (a write under way holds its file locked as well).
            File.SetLastWriteTimeUtc(temporary, DateTime.UtcNow.AddMinutes(-5));
        }

        var result = RasdlProcess.Run(folder.Root, "build", board, "-o", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
        Assert.Contains("renamed.profile.json is from no profile of", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("production.profile.json is from", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A board whose artefact takes long enough to write to be caught at it, and an empty output folder.</summary>
    private static (string Board, string Output) LargeBuild(TempFolder folder)
    {
        var board = folder.Write("board.rasdl", LargeBoard());
        folder.Write("rasdl.json", """{ "allowUncontained": true }""");
        var output = Path.Combine(folder.Root, "out");
        Directory.CreateDirectory(output);
        return (board, output);
    }

    private static string LargeBoard() =>
        Board + string.Concat(Enumerable.Range(0, 1500).Select(i => $"\nendpoint e{i} : pcie_endpoint under rc {{ region bar mmio size 4K; faults ur, ca, cto, poison; }}\nassign e{i}.bar to guest via vfio_pci;"));

    /// <summary>Waits until the build has a temporary file open in the folder; false if it ended first.</summary>
    private static bool WaitForTemporary(string folder, Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (Directory.GetFiles(folder, "*.tmp").Length > 0)
            {
                return true;
            }

            Thread.Sleep(2);
        }

        return false;
    }

    private static void Signal(string signal, int pid) => Run("kill", $"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void Chown(string path) => Run("chown", "65534:65534", path);

    /// <summary>"owner:group links" of a file, from stat(1).</summary>
    private static string Stat(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%u:%g %h", path]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }

    private static CliResult AsNobody(string workingDirectory, params string[] args)
    {
        var (exitCode, stdout, stderr) = HostileFiles.RunAsNobody(workingDirectory, [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", RasdlProcess.Program, .. args]);
        return new CliResult(exitCode, stdout, stderr);
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { UseShellExecute = false })!;
        process.WaitForExit();
    }
}
