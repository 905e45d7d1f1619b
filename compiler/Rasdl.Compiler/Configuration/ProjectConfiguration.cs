using System.Collections.Immutable;
using System.Text.Json;
using Rasdl.Diagnostics;
using Rasdl.FileSystem;
using Rasdl.Text;

namespace Rasdl.Configuration;

/// <summary>
/// A project's rasdl.json: per-code severities, extra folders imports may read, and whether
/// an uncontained verdict fails a build. Found beside the sources or in a parent folder.
/// </summary>
public sealed record ProjectConfiguration(
    string? Path,
    ImmutableDictionary<string, DiagnosticSeverity> Severities,
    ImmutableArray<string> ImportRoots,
    bool AllowUncontained,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public const string FileName = "rasdl.json";

    public static readonly ProjectConfiguration Default = new(null, ImmutableDictionary<string, DiagnosticSeverity>.Empty, [], false, []);

    /// <summary>The folder the configuration applies to (its own), or null for the default.</summary>
    public string? Directory => Path is null ? null : System.IO.Path.GetDirectoryName(Path);

    public DiagnosticSeverity SeverityOf(DiagnosticDescriptor descriptor) =>
        Severities.TryGetValue(descriptor.Code, out var configured) ? configured : descriptor.DefaultSeverity;

    /// <summary>The largest rasdl.json read: a real one is a few hundred bytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// The nearest rasdl.json in <paramref name="directory"/> or a parent, or <see cref="Default"/>.
    /// The search ends at the first folder that is a repository root (holds .git) or one of
    /// <paramref name="boundaries"/> (the editor's workspace folders), and before any folder other
    /// users may write to (like /tmp): a project file there could be anyone's, and its
    /// importRoots would open the whole disk to imports.
    /// </summary>
    public static ProjectConfiguration Find(string directory, IEnumerable<string>? boundaries = null)
    {
        var stops = new HashSet<string>((boundaries ?? []).Select(b => System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(b))), StringComparer.Ordinal);
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (IsWritableByOthers(dir))
            {
                break;
            }

            var candidate = System.IO.Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate) || System.IO.Directory.Exists(candidate))
            {
                return Load(candidate);
            }

            if (stops.Contains(System.IO.Path.TrimEndingDirectorySeparator(dir.FullName)) || System.IO.Path.Exists(System.IO.Path.Combine(dir.FullName, ".git")))
            {
                break;
            }
        }

        return Default;
    }

    private static bool IsWritableByOthers(DirectoryInfo directory)
    {
        try
        {
            return !OperatingSystem.IsWindows() && directory.Exists && (directory.UnixFileMode & UnixFileMode.OtherWrite) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Reads a project file: a regular file of at most <see cref="MaxFileBytes"/> (a FIFO, a device or an endless file is refused, not waited on).</summary>
    public static ProjectConfiguration Load(string path)
    {
        string text;
        try
        {
            var bytes = RegularFile.ReadAtMost(path, MaxFileBytes + 1);
            if (bytes.Count > MaxFileBytes)
            {
                return Default with { Path = path, Diagnostics = [Problem(path, new SourceText(""), 0, $"the file is larger than {MaxFileBytes} bytes")] };
            }

            text = new System.Text.UTF8Encoding(false).GetString(bytes.AsSpan());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Default with { Path = path, Diagnostics = [Problem(path, new SourceText(""), 0, $"cannot read the file: {e.Message}")] };
        }

        return Parse(path, text);
    }

    public static ProjectConfiguration Parse(string path, string text)
    {
        var source = new SourceText(text);
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        var severities = ImmutableDictionary.CreateBuilder<string, DiagnosticSeverity>(StringComparer.Ordinal);
        var roots = ImmutableArray.CreateBuilder<string>();
        var allowUncontained = false;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Problem(path, source, 0, "the file must hold one JSON object"));
            }
            else
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "diagnostics" when property.Value.ValueKind == JsonValueKind.Object:
                            foreach (var entry in property.Value.EnumerateObject())
                            {
                                if (!DiagnosticCatalogue.TryGet(entry.Name, out var descriptor))
                                {
                                    problems.Add(Problem(path, source, 0, $"'{entry.Name}' is not a RASDL diagnostic code"));
                                }
                                else if (entry.Value.ValueKind != JsonValueKind.String || !DiagnosticSeverityNames.TryParse(entry.Value.GetString()!, out var severity))
                                {
                                    problems.Add(Problem(path, source, 0, $"the severity of {descriptor.Code} must be \"off\", \"info\", \"warning\" or \"error\""));
                                }
                                else
                                {
                                    severities[descriptor.Code] = severity;
                                }
                            }

                            break;
                        case "importRoots" when property.Value.ValueKind == JsonValueKind.Array:
                            foreach (var root in property.Value.EnumerateArray())
                            {
                                if (root.ValueKind == JsonValueKind.String && root.GetString() is { Length: > 0 } folder)
                                {
                                    roots.Add(System.IO.Path.GetFullPath(folder, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!));
                                }
                                else
                                {
                                    problems.Add(Problem(path, source, 0, "\"importRoots\" lists folder paths as strings"));
                                }
                            }

                            break;
                        case "allowUncontained" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                            allowUncontained = property.Value.GetBoolean();
                            break;
                        case "$schema":
                            break;
                        default:
                            problems.Add(Problem(path, source, 0,
                                $"unknown setting or wrong type for '{property.Name}' (settings: \"diagnostics\" object, \"importRoots\" array, \"allowUncontained\" boolean)"));
                            break;
                    }
                }
            }
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var offset = line < source.LineCount ? source.LineStarts[line] + (int)Math.Min(e.BytePositionInLine ?? 0, source.GetLineEnd(line) - source.LineStarts[line]) : 0;
            problems.Add(Problem(path, source, offset, $"not valid JSON: {e.Message.Split(" Path:")[0]}"));
        }

        return new ProjectConfiguration(path, severities.ToImmutable(), roots.ToImmutable(), allowUncontained, problems.ToImmutable());
    }

    private static Diagnostic Problem(string path, SourceText text, int offset, string message) =>
        Diagnostic.Create(DiagnosticCatalogue.InvalidProjectFile, SourceLocation.Create(path, text, new TextSpan(offset, 0)), message);
}
