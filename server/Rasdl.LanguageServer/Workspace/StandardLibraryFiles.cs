using System.Reflection;
using Rasdl.Semantics;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>
/// Gives the standard library's embedded files real paths, so "go to definition" into
/// std/kvm.rasdl works in every client: each file is written once, read-only, to a folder
/// under the temporary directory named for this compiler build.
/// </summary>
public sealed class StandardLibraryFiles
{
    private readonly Lazy<string> _folder;

    public StandardLibraryFiles(string? folder = null)
    {
        _folder = new Lazy<string>(() => Materialise(folder ?? DefaultFolder()));
    }

    public string Folder => _folder.Value;

    /// <summary>The file on disk for "std/kvm.rasdl".</summary>
    public string ToDiskPath(string standardLibraryPath) =>
        Path.Combine(Folder, standardLibraryPath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>"std/kvm.rasdl" for a path inside the materialised folder, else null.</summary>
    public string? FromDiskPath(string path)
    {
        var relative = Path.GetRelativePath(Folder, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string DefaultFolder()
    {
        var version = typeof(StandardLibrary).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var stamp = File.GetLastWriteTimeUtc(typeof(StandardLibrary).Assembly.Location).Ticks;
        var name = string.Concat($"{version}-{stamp}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        return Path.Combine(Path.GetTempPath(), "rasdl-std-" + name);
    }

    private static string Materialise(string folder)
    {
        foreach (var file in StandardLibrary.Files)
        {
            var target = Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));
            var text = StandardLibrary.ReadText(file) ?? "";
            try
            {
                if (File.Exists(target) && File.ReadAllText(target) == text)
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (File.Exists(target))
                {
                    File.SetAttributes(target, FileAttributes.Normal);
                }

                var temporary = target + "." + Environment.ProcessId + ".tmp";
                File.WriteAllText(temporary, text);
                File.Move(temporary, target, overwrite: true);
                File.SetAttributes(target, FileAttributes.ReadOnly);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another server may be writing the same file; its content is identical.
            }
        }

        return folder;
    }
}
