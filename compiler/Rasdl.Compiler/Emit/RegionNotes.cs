using Rasdl.Engine;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit;

/// <summary>What a region's verdict alone does not say, in words every output shares (text report, JSON, hover).</summary>
public static class RegionNotes
{
    public static IEnumerable<string> For(RegionResult region)
    {
        if (region.Run.FaultsUnknown)
        {
            yield return $"{region.Assignment.Endpoint.Name} declares no faults, so nothing is known of what it produces: unknown is unsafe (write `faults none;` if it can produce none)";
        }

        if (region.Run.Refused)
        {
            yield return $"{region.Hypervisor} refuses to map it (stage 2 {Stage2Table.Name(region.Stage2)} for {Words.Drivers.TextOf(region.Driver)} on this platform): no guest access reaches it";
        }

        if (region.Run.CompletionTimeoutStalls)
        {
            yield return "a read that meets a completion timeout is answered with all-ones data, but only when the root port's completion timer expires: the vCPU stalls until then (PCIe allows up to about 64 s)";
        }
    }
}
