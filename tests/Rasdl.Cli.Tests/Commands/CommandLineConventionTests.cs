using System.CommandLine;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>
/// What `rasdl` does with a command line it cannot run, the way git and cargo do: the bare
/// command shows the commands, an unknown word gets a did-you-mean drawn from the commands
/// actually registered, and `rasdl help COMMAND` is `rasdl COMMAND --help`.
/// </summary>
public class CommandLineConventionTests
{
    private static IEnumerable<Command> Registered =>
        RasdlCommandLine.Create(TextWriter.Null, TextWriter.Null).Subcommands;

    [Fact]
    public void RasdlAloneShowsTheCommandsAndExitsTwo()
    {
        var result = RasdlCli.Run();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(RasdlCli.Run("--help").Stdout, result.Stdout);
        Assert.DoesNotContain("Required command", result.Stdout + result.Stderr);
        foreach (var command in Registered.Where(c => !c.Hidden))
        {
            Assert.Contains($"  {command.Name}", result.Stdout);
        }
    }

    [Fact]
    public void AnUnknownCommandGetsOneMessageAndNoContradiction()
    {
        var result = RasdlCli.Run("frobnicate", "examples/server/server.rasdl");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("rasdl: 'frobnicate' is not a rasdl command\nRun 'rasdl help' for the commands.\n", result.Stderr);
    }

    public static TheoryData<string> CommandNames() => new(Registered.Where(c => !c.Hidden).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void AMisspeltCommandSuggestsTheRegisteredOne(string name)
    {
        // Swap two letters, the commonest typo; the suggestion comes from the registered commands.
        var typo = name.Length < 3 ? name + "x" : $"{name[0]}{name[2]}{name[1]}{name[3..]}";
        var result = RasdlCli.Run(typo);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"rasdl: '{typo}' is not a rasdl command; did you mean '{name}'?\n", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void HelpCommandPrintsTheCommandsOwnHelp(string name)
    {
        var help = RasdlCli.Run("help", name);

        Assert.Equal(0, help.ExitCode);
        Assert.Equal(RasdlCli.Run(name, "--help").Stdout, help.Stdout);
        Assert.Contains($" {name}", help.Stdout[help.Stdout.IndexOf("Usage:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void HelpAloneListsTheCommandsAndExitsZero()
    {
        var help = RasdlCli.Run("help");

        Assert.Equal(0, help.ExitCode);
        Assert.Equal(RasdlCli.Run("--help").Stdout, help.Stdout);
    }

    [Fact]
    public void HelpForAnUnknownCommandSuggestsOne()
    {
        var help = RasdlCli.Run("help", "chekc");

        Assert.Equal(2, help.ExitCode);
        Assert.Equal("rasdl: 'chekc' is not a rasdl command; did you mean 'check'?\nRun 'rasdl help' for the commands.\n", help.Stderr);
    }

    [Fact]
    public void AMisspeltOptionSuggestsTheCommandsOption()
    {
        var result = RasdlCli.Run("build", "examples/server/server.rasdl", "-o", "out", "--qiuet");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rasdl: unknown option '--qiuet' for 'rasdl build'; did you mean '--quiet'?\n", result.Stderr);
        Assert.EndsWith("Run 'rasdl help build' for its usage.\n", result.Stderr);
    }

    [Fact]
    public void AMisspeltOptionAfterCheckFilesSuggestsTheOption()
    {
        var result = RasdlCli.Run("check", "examples/server/server.rasdl", "--fromat", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--fromat' for 'rasdl check'; did you mean '--format'?", result.Stderr);
    }

    [Fact]
    public void TheShellCompletionDirectiveOffersTheRegisteredCommands()
    {
        // README "Shell completion" hands the line being completed to this directive.
        var result = RasdlCli.Run("[suggest:2]", "ch");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("check\n", result.Stdout);
        Assert.Contains("--profile\n", RasdlCli.Run("[suggest:9]", "check --p").Stdout);
    }
}
