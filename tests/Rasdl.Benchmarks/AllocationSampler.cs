using System.Diagnostics.Tracing;

namespace Rasdl.Benchmarks;

/// <summary>
/// Samples allocations in this process through the runtime's AllocationTick event (one event
/// per ~100 KB allocated, naming the type that crossed the mark): a cheap allocation profile.
/// The events reach the listener later than they happen, so each is kept with its time stamp
/// and counted if it happened while <see cref="Sampling"/> was on, not if it arrived then.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly List<(DateTime At, string Type, long Bytes)> _events = [];
    private readonly List<(DateTime From, DateTime To)> _windows = [];
    private DateTime? _from;
    private bool _enabled;

    public bool Sampling
    {
        get => _from is not null;
        set
        {
            lock (_events)
            {
                if (value && _from is null)
                {
                    _from = DateTime.UtcNow;
                }
                else if (!value && _from is { } from)
                {
                    _windows.Add((from, DateTime.UtcNow));
                    _from = null;
                }
            }
        }
    }

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
        if (!_enabled || data.EventName is null || !data.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || data.Payload is null)
        {
            return;
        }

        var name = data.PayloadNames?.IndexOf("TypeName") is { } i and >= 0 ? data.Payload[i] as string ?? "?" : "?";
        var amount = data.PayloadNames?.IndexOf("AllocationAmount64") is { } j and >= 0 ? Convert.ToInt64(data.Payload[j], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_events)
        {
            _events.Add((data.TimeStamp.ToUniversalTime(), name, amount));
        }
    }

    public IEnumerable<(string Type, long Bytes)> Top(int count)
    {
        Thread.Sleep(500); // the last events still on their way
        lock (_events)
        {
            return [.. _events.Where(e => _windows.Any(w => e.At >= w.From && e.At <= w.To))
                .GroupBy(e => e.Type)
                .Select(g => (g.Key, g.Sum(e => e.Bytes)))
                .OrderByDescending(p => p.Item2)
                .Take(count)];
        }
    }
}
