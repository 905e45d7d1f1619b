using System.CommandLine;
using Rasdl.Diagnostics;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary><c>rasdl explain CODE</c>: the help page of a diagnostic code; without a code, the whole catalogue.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var code = new Argument<string?>("code") { Arity = ArgumentArity.ZeroOrOne, Description = "A diagnostic code, e.g. RASDL2001 or 2001." };
        var command = new Command("explain", "Explain a diagnostic code (or list them all).") { code };
        command.SetAction(parse =>
        {
            var requested = parse.GetValue(code);
            if (requested is null)
            {
                foreach (var descriptor in DiagnosticCatalogue.All)
                {
                    output.WriteLine($"{descriptor.Code}  {descriptor.DefaultSeverity.ToName(),-7}  {descriptor.Title}");
                }

                return RasdlCommandLine.Success;
            }

            if (!DiagnosticCatalogue.TryGet(requested, out var found))
            {
                var suggestion = NameSuggestions.Closest(requested.ToUpperInvariant(), DiagnosticCatalogue.All.Select(d => d.Code));
                error.WriteLine($"rasdl: '{requested}' is not a RASDL diagnostic code{NameSuggestions.Hint(suggestion)} ('rasdl explain' lists them)");
                return RasdlCommandLine.BadUsage;
            }

            output.Write(DiagnosticHelp.ToMarkdown(found));
            return RasdlCommandLine.Success;
        });
        return command;
    }
}
