using System.Reflection;

namespace Rasdl.LanguageServer;

/// <summary>
/// The few arguments rasdl-lsp takes. Without any it serves LSP on stdin/stdout; --help and
/// --version answer and exit, so that a user trying the program in a terminal is not left
/// facing a server silently waiting for a client.
/// </summary>
public static class ServerCommandLine
{
    /// <summary>Exit codes, as the rasdl command line's: 0 success, 2 bad usage.</summary>
    public const int Success = 0;
    public const int BadUsage = 2;

    /// <summary>The server's version, as --version and the initialize result's serverInfo report it.</summary>
    public static string Version { get; } =
        typeof(ServerCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public const string Usage = """
        rasdl-lsp: the RASDL language server.

        Usage: rasdl-lsp [--stdio]

        Speaks the Language Server Protocol on standard input and output; its log goes to
        standard error (and to the client as window/logMessage). Start it from an editor's
        LSP client for *.rasdl files rather than by hand.

        Options:
          --stdio      Serve over standard input and output (the default; accepted because
                       LSP clients commonly pass it).
          --version    Print the version and exit.
          -h, --help   Print this help and exit.
        """;

    /// <summary>Handles ARGS: returns an exit code when the program should end without serving, or null to serve.</summary>
    public static int? Handle(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        foreach (var argument in args)
        {
            switch (argument)
            {
                case "--stdio":
                    continue;
                case "-h" or "--help" or "-?":
                    output.WriteLine(Usage);
                    return Success;
                case "--version":
                    output.WriteLine($"rasdl-lsp {Version}");
                    return Success;
                default:
                    error.WriteLine($"rasdl-lsp: unknown argument '{argument}'. Run 'rasdl-lsp --help' for usage.");
                    return BadUsage;
            }
        }

        return null;
    }
}
