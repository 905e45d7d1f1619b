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
                Release(fifo);
            }

            throw new TimeoutException($"the work did not end within {deadline.TotalSeconds} s (blocked on the file system?)");
        }

        if (failure is not null)
        {
            throw new AggregateException("the work failed", failure);
        }

        return result!;
    }

    private static void Release(string fifo) =>
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
