using Rasdl.Emit;

namespace Rasdl.Cli.Commands;

/// <summary>Where a command that makes one document puts it: a file written atomically, or standard output.</summary>
internal static class OutputFile
{
    public static int WriteOrPrint(string? path, string text, TextWriter output, TextWriter error)
    {
        if (path is null)
        {
            output.Write(text);
            return RasdlCommandLine.Success;
        }

        try
        {
            AtomicFile.WriteAllText(path, text);
            return RasdlCommandLine.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rasdl: cannot write '{path}': {e.Message}");
            return RasdlCommandLine.BadUsage;
        }
    }
}
