using System.Diagnostics;

namespace Rasdl.Testing;

/// <summary>
/// Real hostile file-system objects for tests (FIFOs made by mkfifo) and a hard deadline for
/// work that could block on them: a test that would hang fails instead. Shared by the test
/// projects that link it.
/// </summary>
public static class HostileFiles
{
    /// <summary>Makes a FIFO with the system's mkfifo.</summary>
    public static string MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed with {process.ExitCode}");
        }

        return path;
    }

    /// <summary>
    /// Runs a program as a second user, nobody (uid and gid 65534), with setpriv: for tests run
    /// as root that check what another local user can do. HOME points at the working folder.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) RunAsNobody(string workingDirectory, params string[] command)
    {
        var start = new ProcessStartInfo("setpriv")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "--", .. command])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = workingDirectory;
        start.Environment["DOTNET_CLI_HOME"] = workingDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command)} as nobody did not end in 2 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Runs work on its own background thread and fails (throws <see cref="TimeoutException"/>)
    /// when it does not end within the deadline; the FIFOs given are then opened for writing
    /// and closed, so a reader blocked on one is released and the test process can end.
    /// </summary>
    public static T WithinDeadline<T>(TimeSpan deadline, Func<T> work, params string[] fifosToRelease)
    {
        var result = default(T);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        if (!thread.Join(deadline))
        {
            foreach (var fifo in fifosToRelease)
            {
                ReleaseReaders(fifo);
            }

            throw new TimeoutException($"the work did not end within {deadline.TotalSeconds} s (blocked on the file system?)");
        }

        if (failure is not null)
        {
            throw new AggregateException("the work failed", failure);
        }

        return result!;
    }

    /// <summary>Opens the FIFO for writing and closes it on a background thread: a reader blocked on it is released (a failing run), and nothing waits when there is none.</summary>
    public static void ReleaseReaders(string fifo) =>
        new Thread(() =>
        {
            try
            {
                File.WriteAllText(fifo, "");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing to release.
            }
        })
        { IsBackground = true }.Start();
}
