using System.CommandLine;
using Rasdl.Diagnostics;
using Rasdl.Emit;
using Rasdl.Engine;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>rasdl build FILE -o DIR</c>: check, then write one <c>&lt;profile&gt;.profile.json</c> per
/// profile into DIR, each atomically. Exit 1 on errors, or when a region is uncontained and the
/// project file does not allow it.
/// </summary>
internal static class BuildCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The RASDL file to build (with the files it imports)." };
        var outputDirectory = new Option<string>("--output", "-o") { Description = "The folder to write the profile artefacts into (created if missing).", Required = true };
        var command = new Command("build", "Compile every profile into a JSON artefact (docs/profile-json.md).") { file, outputDirectory };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(outputDirectory)!, output, error));
        return command;
    }

    private static int Run(string file, string directory, TextWriter output, TextWriter error)
    {
        var compilation = Compilation.Create(file);
        if (compilation.Root.IoError is { } problem)
        {
            error.WriteLine($"rasdl: cannot read '{file}': {problem}");
            return RasdlCommandLine.BadUsage;
        }

        var paths = DisplayPaths.CurrentDirectory;
        var diagnostics = compilation.GetDiagnostics().Order(DiagnosticOrder.Instance).ToList();
        DiagnosticTextWriter.Write(error, diagnostics, paths);
        if (diagnostics.Any(d => d.IsError && d.Descriptor.Category != DiagnosticCategory.Containment))
        {
            error.WriteLine($"rasdl: '{file}' has errors; nothing was written");
            return RasdlCommandLine.ErrorsFound;
        }

        if (compilation.Analysis.Profiles.IsEmpty)
        {
            error.WriteLine($"rasdl: '{file}' declares no profile, so there is nothing to build and nothing is proven: add one, e.g. `profile production {{ hypervisor kvm_6_8; }}`");
            return RasdlCommandLine.ErrorsFound;
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var outputRoot = Path.GetFullPath(directory);
            Directory.CreateDirectory(outputRoot);
            foreach (var profile in compilation.Analysis.Profiles)
            {
                var target = ProfileJsonWriter.ArtefactPath(outputRoot, profile.Name);
                AtomicFile.Write(target, stream => ProfileJsonWriter.WriteArtefact(stream, profile, compilation.Analysis.Platform, compilation.Model.Platform?.Name, paths));
                written.Add(target);
                output.WriteLine($"{paths.Show(target)}: {profile.Verdict.Name()}");
            }

            // An artefact of a profile that was renamed or removed would otherwise pass for a current one.
            foreach (var stale in Directory.GetFiles(outputRoot, "*" + ProfileJsonWriter.ArtefactSuffix).Order(StringComparer.Ordinal).Where(f => !written.Contains(f)))
            {
                error.WriteLine($"rasdl: warning: {paths.Show(stale)} is from no profile of '{file}' (an earlier build's?); delete it if the profile is gone");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"rasdl: cannot write into '{directory}': {e.Message}");
            return RasdlCommandLine.BadUsage;
        }

        // Unknown is unsafe: a profile that could not analyse every assigned region fails the
        // build whatever rasdl.json allows for uncontained verdicts.
        if (compilation.Analysis.Profiles.FirstOrDefault(p => !p.LeftOut.IsEmpty) is { } incomplete)
        {
            error.WriteLine($"rasdl: profile '{incomplete.Name}' did not analyse {string.Join(", ", incomplete.LeftOut.Select(l => l.Name))}: its verdict is incomplete, not contained");
            return RasdlCommandLine.ErrorsFound;
        }

        var uncontained = compilation.Analysis.Verdict == ContainmentVerdict.Uncontained;
        if (uncontained && !compilation.Configuration.AllowUncontained)
        {
            error.WriteLine("rasdl: a region is uncontained under some profile (set \"allowUncontained\": true in rasdl.json to accept it)");
            return RasdlCommandLine.ErrorsFound;
        }

        return diagnostics.Any(d => d.IsError && !(uncontained && compilation.Configuration.AllowUncontained && d.Descriptor.Category == DiagnosticCategory.Containment))
            ? RasdlCommandLine.ErrorsFound
            : RasdlCommandLine.Success;
    }
}
