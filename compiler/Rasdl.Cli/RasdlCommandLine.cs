using System.CommandLine;
using Rasdl.Parsing;

namespace Rasdl.Cli;

/// <summary>The `rasdl` command tree. Each command is a thin translation from arguments to the compiler and back to text.</summary>
public static class RasdlCommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("RASDL: describe how a platform converts errors, and prove whether a KVM guest can cause an uncontained error.");
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "RASDL files to check." };
        var check = new Command("check", "Check RASDL files and report diagnostics.") { files };
        check.SetAction(parse =>
        {
            var errors = 0;
            foreach (var path in parse.GetValue(files)!)
            {
                var read = SourceReader.ReadFile(path);
                if (read.IoError is not null)
                {
                    error.WriteLine($"rasdl: {read.IoError}");
                    return 2;
                }

                var diagnostics = read.Diagnostic is { } d ? [d] : Parser.Parse(path, read.Text!).Diagnostics;
                foreach (var diagnostic in diagnostics)
                {
                    output.WriteLine(diagnostic);
                    errors += diagnostic.IsError ? 1 : 0;
                }
            }

            return errors > 0 ? 1 : 0;
        });
        root.Subcommands.Add(check);
        return root.Parse(args).Invoke();
    }
}
