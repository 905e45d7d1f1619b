using Rasdl.LanguageServer.Features.Diagnostics;

namespace Rasdl.LanguageServer.Tests;

/// <summary>
/// The collection run while the user pauses: when it collects, and that a collection it asks
/// for does not count as the runtime's budget (which would shrink the budget a little more at
/// every pause, until it collected after every edit).
/// </summary>
[Collection(nameof(IdleCollectionTests))]
public sealed class IdleCollectionTests
{
    private const long MB = 1_000_000;

    [Theory]
    [InlineData(10 * MB, 60 * MB, 6 * MB, false)]
    [InlineData(50 * MB, 60 * MB, 6 * MB, false)]
    [InlineData(54 * MB, 60 * MB, 6 * MB, true)]
    [InlineData(58 * MB, 60 * MB, 6 * MB, true)]
    [InlineData(70 * MB, 60 * MB, 0, true)]
    [InlineData(70 * MB, 0, 6 * MB, false)] // no budget seen yet: no guess
    public void It_collects_when_the_next_edit_would_spend_the_rest_of_the_budget(long spent, long budget, long nextEdit, bool near) =>
        Assert.Equal(near, IdleCollection.IsNear(spent, budget, nextEdit));

    [Fact]
    public void A_near_collection_runs_and_does_not_change_the_budget()
    {
        // A collection the runtime starts by itself meanwhile (the test host allocates too)
        // changes the budget rightly: then the round says nothing, and another is tried.
        for (var round = 0; round < 5; round++)
        {
            // Collections the class counts as the runtime's (it did not ask for them), little
            // allocated between them: the budget, the most of recent ones decaying by a quarter
            // each time, becomes small (under 1 MB from up to 500), and what follows spends it.
            for (var i = 0; i < 24; i++)
            {
                Keep(new byte[16 * 1024]);
                Collect();
            }

            Assert.True(IdleCollection.Budget > 0, "the collections were not seen");
            for (var i = 0; i < 16; i++)
            {
                Keep(new byte[64 * 1024]); // under the large-object size: no collection of its own
            }

            var budget = IdleCollection.Budget;
            var before = GC.CollectionCount(0);
            var said = IdleCollection.CollectIfNear();
            if (GC.CollectionCount(0) != before + 1)
            {
                continue;
            }

            Assert.NotNull(said);
            Assert.Matches(@"^idle: collected while no change was pending \(\d+ of a \d+ MB (full )?budget spent, the next edit may take [\d.]+\): \(gen\d(, compacting)?\) paused [\d.]+ ms and kept [\d.]+ MB of a \d+ MB heap$", said);
            Assert.Equal(budget, IdleCollection.Budget);
            return;
        }

        Assert.Fail("in five rounds, the idle collection never ran alone");
    }

    [Fact]
    public void A_full_collection_runs_in_the_pause_when_the_next_edit_would_start_one()
    {
        for (var round = 0; round < 5; round++)
        {
            // Full collections the class counts as the runtime's, little allocated between them:
            // the full budget is that little, and what follows spends it.
            for (var i = 0; i < 3; i++)
            {
                Keep(new byte[16 * 1024]);
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
            }

            Assert.True(IdleCollection.FullBudget > 0, "the full collections were not seen");
            for (var i = 0; i < 16; i++)
            {
                Keep(new byte[64 * 1024]);
            }

            var (gen2, fullBudget) = (GC.CollectionCount(2), IdleCollection.FullBudget);
            var said = IdleCollection.CollectIfNear();
            if (GC.CollectionCount(2) != gen2 + 1)
            {
                continue;
            }

            Assert.Matches(@"^idle: collected while no change was pending \(\d+ of a \d+ MB full budget spent, the next edit may take [\d.]+\): \(gen2, compacting\) paused [\d.]+ ms and kept [\d.]+ MB of a \d+ MB heap$", said);
            Assert.Equal(fullBudget, IdleCollection.FullBudget); // one it asked for is not the runtime's
            return;
        }

        Assert.Fail("in five rounds, the idle full collection never ran alone");
    }

    [Fact]
    public void After_a_document_is_opened_every_generation_is_collected_and_the_budget_is_unchanged()
    {
        // A collection the runtime starts by itself meanwhile changes the budget rightly: then another round is tried.
        for (var round = 0; round < 5; round++)
        {
            var budget = IdleCollection.Budget;
            var (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
            var said = IdleCollection.CollectAfterOpening();
            Assert.Matches(@"^idle: collected after a document was opened: \(gen2, compacting\) paused [\d.]+ ms and kept [\d.]+ MB of a \d+ MB heap$", said);
            Assert.True(GC.CollectionCount(2) > gen2, "no full collection ran");
            // A full budget is known, guessed from the heap kept if the runtime's were not seen yet.
            Assert.True(IdleCollection.FullBudget > 0, "no full budget after opening");
            if (GC.CollectionCount(0) == gen0 + 1)
            {
                Assert.Equal(budget, IdleCollection.Budget);
                return;
            }
        }

        Assert.Fail("in five rounds, the collection after opening never ran alone");
    }

    private static object? _kept;

    private static void Keep(object value) => _kept = value;

    private static void Collect()
    {
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }
}

/// <summary>Alone: other tests' allocations and collections would move the budget these tests read.</summary>
[CollectionDefinition(nameof(IdleCollectionTests), DisableParallelization = true)]
public sealed class IdleCollectionTestsDefinition;
