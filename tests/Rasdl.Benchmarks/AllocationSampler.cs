using System.Diagnostics.Tracing;

namespace Rasdl.Benchmarks;

/// <summary>
/// Samples allocations in this process through the runtime's AllocationTick event (one event
/// per ~100 KB allocated, naming the type that crossed the mark): a cheap allocation profile.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = [];
    private bool _enabled;

    public bool Sampling { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
            _enabled = true;
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (!Sampling || !_enabled || data.EventName is null || !data.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || data.Payload is null)
        {
            return;
        }

        var name = data.PayloadNames?.IndexOf("TypeName") is { } i and >= 0 ? data.Payload[i] as string ?? "?" : "?";
        var amount = data.PayloadNames?.IndexOf("AllocationAmount64") is { } j and >= 0 ? Convert.ToInt64(data.Payload[j], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
        {
            _bytes[name] = _bytes.GetValueOrDefault(name) + amount;
        }
    }

    public IEnumerable<(string Type, long Bytes)> Top(int count)
    {
        lock (_bytes)
        {
            return [.. _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value))];
        }
    }
}
