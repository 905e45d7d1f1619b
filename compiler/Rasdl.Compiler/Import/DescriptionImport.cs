using Rasdl.Emit;

namespace Rasdl.Import;

/// <summary>What an import wrote (or would print), and what it has to tell the user.</summary>
public sealed record ImportOutcome(string Text, IReadOnlyList<string> Messages);

/// <summary>
/// The last step of every importer: format the generated description, merge it into the file
/// already at the output path (keeping the user's rules, <see cref="DescriptionMerge"/>), and
/// write it atomically.
/// </summary>
public static class DescriptionImport
{
    public static ImportOutcome Complete(string generated, string? outputPath)
    {
        var fileName = outputPath is null ? "import.rasdl" : Path.GetFileName(outputPath);
        var formatted = RasdlText.Format(generated, fileName);
        if (outputPath is null || !File.Exists(outputPath))
        {
            return new ImportOutcome(formatted, []);
        }

        string existing;
        try
        {
            existing = File.ReadAllText(outputPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFailure($"{outputPath}: cannot read the existing description: {e.Message}");
        }

        var merged = DescriptionMerge.Merge(existing, formatted, outputPath);
        return new ImportOutcome(RasdlText.Format(merged.Text, fileName), merged.Messages);
    }

    /// <summary>Writes the outcome to <paramref name="outputPath"/> atomically (temporary file, then rename).</summary>
    public static void Write(ImportOutcome outcome, string outputPath)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new ImportFailure($"{outputPath}: the folder does not exist");
            }

            AtomicFile.WriteAllText(outputPath, outcome.Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFailure($"{outputPath}: cannot write: {e.Message}");
        }
    }
}
