namespace Rasdl.Robustness.Protocol;

/// <summary>Placeholder until the soak run is written.</summary>
public static class SoakRun
{
    public static int Run(int minutes, int documents, TextWriter output) => throw new NotImplementedException();
}
