using System.Diagnostics;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>
/// <c>rasdl completion bash</c>: the script is sourced into a real bash, with the built rasdl on
/// PATH, and asked for completions the way bash's programmable completion asks.
/// </summary>
public class ShellCompletionTests
{
    [Theory]
    [InlineData("rasdl ch", "check")]
    [InlineData("rasdl ", "build check completion explain fmt graph help import init paths report stage2 vocabulary")]
    [InlineData("rasdl pa", "paths")]
    [InlineData("rasdl paths examples/server/server.rasdl --al", "--all")]
    [InlineData("rasdl check --form", "--format")]
    [InlineData("rasdl check --format ", "json sarif text")]
    [InlineData("rasdl help b", "build")]
    [InlineData("rasdl check ", "")] // no command or value here: bash completes file names
    public void BashCompletesCommandsOptionsAndValues(string line, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // bash completion is for Unix shells
        }

        using var folder = new TempFolder();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var wrapper = folder.Write("bin/rasdl", $"#!/bin/sh\nexec \"{dotnet}\" \"{RasdlProcess.Program}\" \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        folder.Write("completion.bash", RasdlCli.Run("completion", "bash").Stdout);

        // What bash sets before it calls a completion function.
        var ask = $$"""
            source completion.bash
            COMP_LINE='{{line}}'; COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"; [[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _rasdl_complete
            echo "${COMPREPLY[*]}"
            """;
        var start = new ProcessStartInfo("bash", ["-c", ask]) { WorkingDirectory = folder.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = $"{Path.Combine(folder.Root, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        var errors = bash.StandardError.ReadToEnd();
        Assert.True(bash.WaitForExit(TimeSpan.FromMinutes(1)));

        Assert.True(bash.ExitCode == 0, errors);
        Assert.Equal(expected + "\n", output);
    }

    [Fact]
    public void ZshScriptLoadsBashCompletionFirst()
    {
        var zsh = RasdlCli.Run("completion", "zsh");

        Assert.Equal(0, zsh.ExitCode);
        Assert.Contains("bashcompinit", zsh.Stdout);
        Assert.EndsWith(RasdlCli.Run("completion", "bash").Stdout, zsh.Stdout);
    }

    [Fact]
    public void AnUnknownShellIsBadUsage() => Assert.Equal(2, RasdlCli.Run("completion", "tcsh").ExitCode);
}
