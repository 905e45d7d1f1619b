using System.CommandLine;
using Rasdl.Import;
using Rasdl.Import.Acpi;
using Rasdl.Import.Pci;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>rasdl import pci|acpi</c>: write a description of what the machine reports (docs/import.md).
/// Importing into an existing file updates its topology and keeps the user's rules.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("import", "Write a description from what a machine reports: its PCI hierarchy, or its ACPI IORT table.");
        command.Subcommands.Add(CreatePci(output, error));
        command.Subcommands.Add(CreateAcpi(output, error));
        return command;
    }

    private static Option<string?> OutputOption() =>
        new("--output", "-o") { Description = "The description to write (updated in place if it exists: your rules are kept). Without it, print to stdout." };

    private static Command CreatePci(TextWriter output, TextWriter error)
    {
        var sysfs = new Option<string?>("--sysfs") { Description = "Read this sysfs tree (a copy of /sys; docs/import.md says how to take one) instead of /sys." };
        var lspci = new Option<string?>("--lspci") { Description = "Read the output of `lspci -vvv -nn -D` from this file ('-' for stdin) instead of sysfs." };
        var assignAll = new Option<bool>("--assign-all") { Description = "Assign every memory BAR to a guest via vfio_pci, not only those of functions bound to vfio-pci now: proves the platform for any assignment." };
        var file = OutputOption();
        var command = new Command("pci", "Import the PCI hierarchy: ports as blocks, functions with memory BARs as endpoints, vfio-pci functions assigned.") { sysfs, lspci, assignAll, file };
        command.SetAction(parse => Run(output, error, parse.GetValue(file), () =>
        {
            if (parse.GetValue(sysfs) is not null && parse.GetValue(lspci) is not null)
            {
                throw new ImportFailure("give --sysfs or --lspci, not both");
            }

            var (inventory, source) = parse.GetValue(lspci) is { } listing
                ? (LspciReader.Read(listing == "-" ? Console.In.ReadToEnd() : ReadInput(listing), listing == "-" ? "stdin" : listing), $"`lspci -vvv -nn -D` output {(listing == "-" ? "on stdin" : listing)}")
                : (SysfsPciReader.Read(parse.GetValue(sysfs) ?? "/sys"), $"sysfs {parse.GetValue(sysfs) ?? "/sys"}");
            foreach (var note in inventory.Notes)
            {
                error.WriteLine($"rasdl: note: {note}");
            }

            return PciDescriptionWriter.Write(PciTopology.Build(inventory), "rasdl import pci", source, parse.GetValue(assignAll));
        }));
        return command;
    }

    private static Command CreateAcpi(TextWriter output, TextWriter error)
    {
        var table = new Argument<string>("table") { Description = "An IORT table: binary (as in /sys/firmware/acpi/tables/IORT, or iasl's .aml) or iasl's disassembly (.dsl)." };
        var file = OutputOption();
        var command = new Command("acpi", "Import an ACPI IORT table: root complexes as blocks with routes, SMMUs and ID mappings as documentation.") { table, file };
        command.SetAction(parse => Run(output, error, parse.GetValue(file), () =>
        {
            var path = parse.GetValue(table)!;
            var iort = IortReader.Read(path);
            return IortDescriptionWriter.Write(iort, "rasdl import acpi", path);
        }));
        return command;
    }

    private static string ReadInput(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFailure($"{path}: {e.Message}");
        }
    }

    private static int Run(TextWriter output, TextWriter error, string? outputPath, Func<string> import)
    {
        try
        {
            var outcome = DescriptionImport.Complete(import(), outputPath);
            foreach (var message in outcome.Messages)
            {
                error.WriteLine($"rasdl: {message}");
            }

            if (outputPath is null)
            {
                output.Write(outcome.Text);
            }
            else
            {
                DescriptionImport.Write(outcome, outputPath);
                output.WriteLine($"{outputPath}: written");
            }

            return RasdlCommandLine.Success;
        }
        catch (ImportFailure failure)
        {
            error.WriteLine($"rasdl: {failure.Message}");
            return RasdlCommandLine.BadUsage;
        }
    }
}
