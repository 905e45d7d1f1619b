namespace Rasdl.Cli.Tests.Infrastructure;

/// <summary>What one run of <c>rasdl</c> returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
