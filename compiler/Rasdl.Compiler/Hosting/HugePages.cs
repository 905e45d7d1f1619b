using System.Globalization;
using System.Runtime.InteropServices;

namespace Rasdl.Hosting;

/// <summary>
/// Asks Linux to back the garbage-collected heap with transparent huge pages (2 MB instead of
/// 4 KB), as a JVM does with <c>-XX:+UseTransparentHugePages</c> and jemalloc and mimalloc do for
/// their arenas. Most Linux distributions enable them only where a program asks
/// (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> set to <c>madvise</c>), and the .NET
/// runtime does not ask. A large description's compilation writes to a couple of hundred
/// megabytes of fresh heap, and every 4 KB page of it is a page fault: in a profile of
/// <c>rasdl check</c> at 100k lines, about a seventh of the CPU time was spent taking them.
///
/// The heap is one large reservation the collector makes at start-up and commits from as it
/// grows: the advice is given for the whole of it, before it is used, so the kernel backs each
/// naturally aligned 2 MB of it with one huge page when it is first touched (and falls back to
/// small pages when it has none free). Where huge pages are off, or the call is not there, this
/// does nothing. <c>RASDL_HUGE_PAGES=0</c> in the environment turns it off.
/// </summary>
public static class HugePages
{
    /// <summary>MADV_HUGEPAGE, the same on x86-64 and arm64 (asm-generic/mman-common.h).</summary>
    private const int MadviseHugePage = 14;

    /// <summary>
    /// Anonymous reservations at least this large are the collector's heap: the runtime reserves
    /// its regions' range at start-up (many gigabytes, or a few hundred megabytes under a heap
    /// limit), while glibc's arenas reserve 64 MB and threads' stacks 8 MB.
    /// </summary>
    internal const long MinimumReservation = 256L << 20;

    /// <summary>The environment variable that turns the advice off when set to "0".</summary>
    public const string Switch = "RASDL_HUGE_PAGES";

    /// <summary>Advises huge pages for the collector's heap; returns how many bytes were advised (0 when none was).</summary>
    public static long AdviseHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Switch) == "0")
        {
            return 0;
        }

        try
        {
            long advised = 0;
            foreach (var (start, length) in Reservations(File.ReadLines("/proc/self/maps")))
            {
                if (madvise((nint)start, (nuint)length, MadviseHugePage) == 0)
                {
                    advised += length;
                }
            }

            return advised;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The anonymous private mappings of <paramref name="maps"/> (lines of /proc/self/maps) of
    /// <see cref="MinimumReservation"/> bytes or more: "start-end perms offset device inode", with no path.
    /// </summary>
    internal static IEnumerable<(ulong Start, long Length)> Reservations(IEnumerable<string> maps)
    {
        foreach (var line in maps)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5 || fields[4] != "0" || fields[1].Length != 4 || fields[1][3] != 'p')
            {
                continue;
            }

            var dash = fields[0].IndexOf('-', StringComparison.Ordinal);
            if (dash < 0
                || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
                || end <= start || end - start < MinimumReservation)
            {
                continue;
            }

            yield return (start, (long)(end - start));
        }
    }

    [DllImport("libc")]
    private static extern int madvise(nint address, nuint length, int advice);
}
