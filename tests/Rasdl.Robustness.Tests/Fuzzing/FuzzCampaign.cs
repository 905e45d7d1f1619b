using System.Diagnostics;
using CsCheck;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>Where fuzzed inputs come from.</summary>
public enum FuzzSource
{
    /// <summary>The example corpus, mutated.</summary>
    Corpus,

    /// <summary>Grammar-aware generated descriptions.</summary>
    Grammar,

    /// <summary>Random bytes read as a file (size, UTF-8 and binary checks first).</summary>
    Bytes,
}

/// <summary>Totals of one fuzzing run, for the test's assertions and docs/robustness.md.</summary>
public sealed class FuzzStatistics
{
    private long _inputs;
    private long _formatted;
    private long _refusedAsText;
    private long _slowestTicks;

    public long Inputs => Interlocked.Read(ref _inputs);

    public long Formatted => Interlocked.Read(ref _formatted);

    public long RefusedAsText => Interlocked.Read(ref _refusedAsText);

    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    public void Record(PipelineOutcome outcome)
    {
        Interlocked.Increment(ref _inputs);
        if (outcome.Formatted)
        {
            Interlocked.Increment(ref _formatted);
        }

        long seen;
        while (outcome.Elapsed.Ticks > (seen = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, outcome.Elapsed.Ticks, seen) != seen)
        {
        }
    }

    public void RecordRefused()
    {
        Interlocked.Increment(ref _inputs);
        Interlocked.Increment(ref _refusedAsText);
    }

    public override string ToString() =>
        $"{Inputs} inputs, {Formatted} formatted (parsed cleanly), {RefusedAsText} refused as not text, slowest {Slowest.TotalMilliseconds:F0} ms";
}

/// <summary>Runs the oracle over generated inputs with CsCheck: a failure is shrunk and reported as a C# literal.</summary>
public static class FuzzCampaign
{
    public static FuzzStatistics Run(PipelineOracle oracle, FuzzSource source, long inputs = -1, int seconds = -1, string? seed = null, int threads = 1, Action<string>? log = null)
    {
        var statistics = new FuzzStatistics();
        switch (source)
        {
            case FuzzSource.Corpus:
                CorpusMutator.Inputs(oracle.Corpus).Sample(
                    input => statistics.Record(oracle.Check(input.RelativePath, input.Text)),
                    writeLine: log, seed: seed, iter: inputs, time: seconds, threads: threads, print: i => i.ToString());
                break;
            case FuzzSource.Grammar:
                GrammarGenerator.Inputs("examples/generated.rasdl").Sample(
                    input => statistics.Record(oracle.Check(input.RelativePath, input.Text)),
                    writeLine: log, seed: seed, iter: inputs, time: seconds, threads: threads, print: i => i.ToString());
                break;
            case FuzzSource.Bytes:
                Gen.Frequency((20, Gen.Byte[32, 126]), (3, Gen.OneOf((byte)'\n', (byte)'\t', (byte)'\r')), (1, Gen.Byte)).Array[0, 512].Sample(
                    bytes =>
                    {
                        var read = Parsing.SourceReader.Read("bytes.rasdl", bytes);
                        if (read.Text is null)
                        {
                            statistics.RecordRefused();
                            return;
                        }

                        statistics.Record(oracle.Check("examples/bytes.rasdl", read.Text));
                    },
                    writeLine: log, seed: seed, iter: inputs, time: seconds, threads: threads, print: b => Convert.ToHexString(b));
                break;
            default:
                throw new UnreachableException();
        }

        return statistics;
    }
}
