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

    public static TheoryData<string> Names => [.. StressInputs.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void LargeInputStaysWithinItsTimeBound(string name)
    {
        var text = StressInputs.All().Single(s => s.Name == name).Text;

        fixture.Oracle.Check("examples/stress.rasdl", text, Limit);
    }
}
