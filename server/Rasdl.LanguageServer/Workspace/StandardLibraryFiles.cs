using Rasdl.Semantics;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>
/// Gives the standard library's embedded files real paths, so "go to definition" into
/// std/kvm.rasdl works in every client, and gives buffers without a file (untitled, remote)
/// paths of their own. Both live in a private folder of this server: by default a fresh
/// folder under the temporary directory that only this user can enter (mkdtemp, mode 0700),
/// so another user on a shared machine can neither predict nor prepare it (a FIFO or links
/// planted under a predictable name). It is removed when the server ends.
/// </summary>
public sealed class StandardLibraryFiles : IDisposable
{
    private readonly bool _owned;
    private readonly Lazy<string> _root;
    private readonly Lazy<string> _folder;

    /// <param name="folder">A folder to use instead of a fresh private one (tests); it is kept when the server ends.</param>
    public StandardLibraryFiles(string? folder = null)
    {
        _owned = folder is null;
        _root = new Lazy<string>(() => folder is null ? Directory.CreateTempSubdirectory("rasdl-lsp-").FullName : Directory.CreateDirectory(folder).FullName);
        _folder = new Lazy<string>(() => Materialise(Path.Combine(_root.Value, "lib")));
    }

    /// <summary>The folder holding std/…</summary>
    public string Folder => _folder.Value;

    /// <summary>The folder under which buffers without a file get their paths (nothing is written there).</summary>
    public string BufferFolder => Path.Combine(_root.Value, "buffers");

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

    public void Dispose()
    {
        if (_owned && _root.IsValueCreated)
        {
            try
            {
                Directory.Delete(_root.Value, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An editor may still hold a file open; the temporary directory is cleaned later.
            }
        }
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
                // A file an editor holds open on Windows; navigation into it may fail, nothing else does.
            }
        }

        return folder;
    }
}
