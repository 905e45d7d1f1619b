using Rasdl.Hosting;

namespace Rasdl.Compiler.Tests.Hosting;

public partial class HugePagesTests
{
    [Fact]
    public void OnlyLargeAnonymousPrivateMappingsAreTakenForTheHeap()
    {
        string[] maps =
        [
            "7f93b5801000-7f9f77bae000 ---p 00000000 00:00 0 ", // the collector's reservation: 47 GB
            "7f93b2c00000-7f93b4c00000 rw-p 00000000 00:00 0", // 32 MB: too small
            "7f93a8021000-7f93ac000000 ---p 00000000 00:00 0", // a glibc arena's 64 MB
            "7f0000000000-7f0040000000 rw-s 00000000 00:05 1234 /dev/zero (deleted)", // shared, and a file
            "7f1000000000-7f1040000000 r--p 00000000 08:01 5678 /usr/lib/big.so", // a file
            "7f2000000000-7f2010000000 rw-p 00000000 00:00 0", // exactly 256 MB: taken
            "7f3000000000-7f2000000000 rw-p 00000000 00:00 0", // end before start: ignored
            "not a mapping",
        ];

        var taken = HugePages.Reservations(maps).ToList();

        Assert.Equal([(0x7f93b5801000UL, 0x7f9f77bae000L - 0x7f93b5801000L), (0x7f2000000000UL, 256L << 20)], taken);
    }

    [Fact]
    public void TheHeapOfThisProcessIsAdvisedWhereLinuxHasHugePages()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/sys/kernel/mm/transparent_hugepage/enabled"))
        {
            Assert.Equal(0, HugePages.AdviseHeap());
            return;
        }

        // A collection that gives part of the heap back to the system maps that part anew,
        // without the advice: none may run (another test's allocations) until the flags are read.
        var noCollection = StartNoCollection();
        long advised;
        List<long> flagged;
        try
        {
            advised = HugePages.AdviseHeap();
            flagged = AdvisedMappings();
        }
        finally
        {
            if (noCollection && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }

        Assert.True(advised >= HugePages.MinimumReservation, $"advised {advised} bytes");
        // The kernel marks an advised mapping "hg" among its flags. The collector's later commits
        // and protections split a mapping in pieces that keep the flag, so the pieces are summed.
        Assert.True(flagged.Sum() >= HugePages.MinimumReservation, $"advised {advised} bytes; mappings flagged: {string.Join(", ", flagged)}");
    }

    [Fact]
    public void TheSwitchTurnsTheAdviceOff()
    {
        var was = Environment.GetEnvironmentVariable(HugePages.Switch);
        try
        {
            Environment.SetEnvironmentVariable(HugePages.Switch, "0");

            Assert.Equal(0, HugePages.AdviseHeap());
        }
        finally
        {
            Environment.SetEnvironmentVariable(HugePages.Switch, was);
        }
    }

    private static bool StartNoCollection()
    {
        try
        {
            return GC.TryStartNoGCRegion(256L << 20);
        }
        catch (InvalidOperationException)
        {
            return false; // a region already started: collections are held off anyway
        }
    }

    /// <summary>The sizes of this process's mappings whose flags include "hg" (huge pages advised), from /proc/self/smaps.</summary>
    private static List<long> AdvisedMappings()
    {
        var sizes = new List<long>();
        long size = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            // Each mapping starts with its "start-end perms …" line; its "VmFlags:" line comes last.
            if (Header().Match(line) is { Success: true } header)
            {
                size = (long)(Convert.ToUInt64(header.Groups[2].Value, 16) - Convert.ToUInt64(header.Groups[1].Value, 16));
            }
            else if (line.StartsWith("VmFlags:", StringComparison.Ordinal) && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("hg"))
            {
                sizes.Add(size);
            }
        }

        return sizes;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^([0-9a-f]+)-([0-9a-f]+) ")]
    private static partial System.Text.RegularExpressions.Regex Header();
}
