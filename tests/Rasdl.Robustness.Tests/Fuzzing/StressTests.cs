namespace Rasdl.Robustness.Fuzzing;

/// <summary>
/// Inputs far larger than any real description go through the whole pipeline (twice: the
/// oracle also checks the formatted text) in a bounded time. Before the fixes they document,
/// an extends chain of 3000 blocks took 17-29 s and a route of 5000 hops 11-26 s here (work
/// that grew with the square or cube of the input); now each input takes one or two seconds.
/// </summary>
public sealed class StressTests(FuzzFixture fixture) : IClassFixture<FuzzFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(8);

    // Two inputs produce 20,000 to 100,000 diagnostics, which the oracle checks and compares
    // for the input and its formatted text: about 4-7 s on a quiet 2-core machine and 9-13 s
    // while the other test assemblies run beside them. Still linear: a quadratic step over
    // 100,000 items would take minutes, far past this bound.
    private static readonly Dictionary<string, TimeSpan> ManyDiagnostics = new()
    {
        ["100000 unknown words"] = TimeSpan.FromSeconds(25),
        ["100000 lines of a long region list"] = TimeSpan.FromSeconds(25),
    };

    public static TheoryData<string> Names => [.. StressInputs.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void LargeInputStaysWithinItsTimeBound(string name)
    {
        var text = StressInputs.All().Single(s => s.Name == name).Text;

        fixture.Oracle.Check("examples/stress.rasdl", text, ManyDiagnostics.GetValueOrDefault(name, Limit));
    }
}
