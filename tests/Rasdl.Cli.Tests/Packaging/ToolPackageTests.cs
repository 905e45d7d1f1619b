using System.Diagnostics;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> makes the <c>rasdl</c> dotnet tool (the package that names one package
/// per runtime, and those: Native AOT for linux-x64; for linux-arm64 Native AOT where the
/// machine has the arm64 cross toolchain, as CI's does, else ReadyToRun; framework-dependent for
/// the rest), and the tool installs from a local folder and runs, help pages included; on
/// linux-x64 what runs is the native binary, and the arm64 one runs under qemu's user-mode
/// emulation where that is installed. The package source is a fresh folder and the install
/// reads only that folder, so nothing else is consulted.
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public void PackedToolInstallsFromALocalFolderAndChecksAnExample()
    {
        using var work = new TempFolder();
        var packages = Path.Combine(work.Root, "packages");
        var tools = Path.Combine(work.Root, "tools");

        Dotnet(Repository.Root, "pack", "compiler/Rasdl.Cli", "-c", "Release", "-o", packages, "-nr:false", "-p:UseSharedCompilation=false");
        Assert.Equal(
            ["rasdl.0.1.0.nupkg", "rasdl.any.0.1.0.nupkg", "rasdl.linux-arm64.0.1.0.nupkg", "rasdl.linux-x64.0.1.0.nupkg"],
            Directory.GetFiles(packages, "rasdl.*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        CheckArm64Package(Path.Combine(packages, "rasdl.linux-arm64.0.1.0.nupkg"), work);

        var config = work.Write("nuget.config",
            $"""<configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>""");
        Dotnet(work.Root, "tool", "install", "--tool-path", tools, "--configfile", config, "rasdl");

        var rasdl = Path.Combine(tools, OperatingSystem.IsWindows() ? "rasdl.exe" : "rasdl");
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            ToolPackageContents.AssertNativeAot(rasdl);
        }

        var check = Run(rasdl, Repository.Root, "check", "examples/server/server.rasdl");
        Assert.Equal(0, check.ExitCode);
        Assert.EndsWith("\nchecked 1 file: 0 errors, 0 warnings, 0 info\n", check.Stdout, StringComparison.Ordinal);

        var unsafeExample = Run(rasdl, Repository.Root, "check", "examples/serror-soc/serror-soc.rasdl");
        Assert.Equal(1, unsafeExample.ExitCode);

        // Help pages ship inside the tool, where DiagnosticCatalogue.HelpBaseUri points.
        var pages = Directory.GetFiles(tools, "RASDL1002.md", SearchOption.AllDirectories);
        Assert.Single(pages);
        Assert.EndsWith(Path.Combine("docs", "diagnostics", "RASDL1002.md"), pages[0]);
    }

    // Which build the arm64 package is, the project says (RasdlArm64Native, from the toolchain it
    // finds); CI installs the toolchain, so there it must be native.
    private static void CheckArm64Package(string package, TempFolder work)
    {
        var native = Output(Repository.Root, "msbuild", "compiler/Rasdl.Cli", "-getProperty:RasdlArm64Native", "-p:RuntimeIdentifier=linux-arm64").Trim();
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.True(native == "true", ".ci/run installs the arm64 cross toolchain: the linux-arm64 package must be Native AOT");
        }

        if (native != "true")
        {
            ToolPackageContents.AssertArm64IsReadyToRun(package);
            return;
        }

        var rasdl = ToolPackageContents.AssertArm64IsNativeAot(package, Directory.CreateDirectory(Path.Combine(work.Root, "arm64")).FullName);
        if (FindOnPath("qemu-aarch64") is not { } qemu)
        {
            return;
        }

        // The cross C library's folder is the arm64 root the emulator loads the binary's libraries from.
        var check = Run(qemu, Repository.Root, "-L", "/usr/aarch64-linux-gnu", rasdl, "check", "examples/server/server.rasdl");
        Assert.True(check.ExitCode == 0, $"the arm64 binary under qemu:\n{check}");
        Assert.EndsWith("\nchecked 1 file: 0 errors, 0 warnings, 0 info\n", check.Stdout, StringComparison.Ordinal);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static string Output(string workingDirectory, params string[] args)
    {
        var result = Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", workingDirectory, args);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed:\n{result}");
        return result.Stdout;
    }

    private static void Dotnet(string workingDirectory, params string[] args) => _ = Output(workingDirectory, args);

    private static CliResult Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into a nested build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 30 minutes");
        }

        return new CliResult(process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"));
    }
}
