using System.CommandLine;
using System.Collections.Immutable;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary><c>--profile NAME</c> (repeatable): analyse and report only the named profiles.</summary>
internal static class ProfileSelection
{
    public static Option<string[]> Create() => new("--profile", "-p")
    {
        Description = "Analyse only this profile (repeat for several; default: every profile).",
        HelpName = "name",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static CompilationOptions Options(string[]? names) =>
        names is { Length: > 0 } ? new CompilationOptions(Profiles: [.. names]) : CompilationOptions.Default;

    /// <summary>False, with a message naming the profiles there are, when no file checked declares a requested profile.</summary>
    public static bool AllDeclared(IReadOnlyList<Compilation> compilations, string[]? names, TextWriter error)
    {
        var declared = compilations.SelectMany(c => c.Model.Profiles).Select(p => p.Name).Distinct().ToImmutableArray();
        var ok = true;
        foreach (var name in names ?? [])
        {
            if (!declared.Contains(name))
            {
                var choices = declared.IsEmpty ? "no profile is declared" : $"declared: {string.Join(", ", declared)}";
                error.WriteLine($"rasdl: no profile '{name}'{NameSuggestions.Hint(NameSuggestions.Closest(name, declared))} ({choices})");
                ok = false;
            }
        }

        return ok;
    }
}
