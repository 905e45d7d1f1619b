namespace Rasdl.Cli.Tests.Infrastructure;

/// <summary>Whether this run rewrites the baselines and generated documents instead of comparing them.</summary>
public static class BaselineUpdate
{
    /// <summary>True when the tests were asked to rewrite baselines and generated docs instead of comparing them.</summary>
    public static bool Requested => Environment.GetEnvironmentVariable("RASDL_UPDATE_BASELINES") is "1" or "true";

    /// <summary>The command that rewrites every baseline and generated document; failures print it.</summary>
    public const string Command = "RASDL_UPDATE_BASELINES=1 dotnet test tests/Rasdl.Cli.Tests";
}
