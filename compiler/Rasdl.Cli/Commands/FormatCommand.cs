using System.CommandLine;
using Rasdl.Emit;
using Rasdl.Formatting;
using Rasdl.Parsing;

namespace Rasdl.Cli.Commands;

/// <summary><c>rasdl fmt FILE...</c>: rewrite files in the canonical layout (atomically), or check that they are.</summary>
internal static class FormatCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "RASDL files to format." };
        var check = new Option<bool>("--check") { Description = "Do not write; exit 1 if any file is not formatted (for CI)." };
        var stdout = new Option<bool>("--stdout") { Description = "Print the formatted text instead of rewriting the file." };
        var command = new Command("fmt", "Format RASDL files in place.") { files, check, stdout };
        command.SetAction(parse =>
        {
            var exit = RasdlCommandLine.Success;
            foreach (var path in parse.GetValue(files)!)
            {
                var read = SourceReader.ReadFile(path);
                if (read.IoError is not null || read.Diagnostic is not null)
                {
                    error.WriteLine($"rasdl: cannot format '{path}': {read.IoError ?? read.Diagnostic!.Message}");
                    exit = RasdlCommandLine.BadUsage;
                    continue;
                }

                var tree = Parser.Parse(path, read.Text!);
                var formatted = Formatter.Format(tree);
                if (formatted is null)
                {
                    error.WriteLine($"rasdl: '{path}' has syntax errors; run 'rasdl check {path}' and fix them first");
                    exit = Math.Max(exit, RasdlCommandLine.ErrorsFound);
                }
                else if (parse.GetValue(stdout))
                {
                    output.Write(formatted);
                }
                else if (formatted != read.Text)
                {
                    if (parse.GetValue(check))
                    {
                        output.WriteLine($"{path}: not formatted");
                        exit = Math.Max(exit, RasdlCommandLine.ErrorsFound);
                    }
                    else
                    {
                        // The user named this file: format the file a link leads to, and keep the link.
                        // A file that cannot be written is reported and the other files are still formatted.
                        try
                        {
                            var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
                            AtomicFile.Rewrite(target, formatted);
                            output.WriteLine($"{path}: formatted");
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            error.WriteLine($"rasdl: cannot write '{path}': {e.Message}");
                            exit = RasdlCommandLine.BadUsage;
                        }
                    }
                }
            }

            return exit;
        });
        return command;
    }
}
