using PartialLoading.DynamicProgramming.Labeling;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// The label store's memory limit counts what it allocates (its arrays grow by doubling, its key table has free slots),
/// never more than it is given; once full it keeps no label but still drops the ones its kept labels beat.
/// </summary>
public class LabelStoreTests
{
    [TestCase(1L << 20, 40)]
    [TestCase(3_000_000L, 40)]
    [TestCase(1L << 20, 150)]
    public void It_fills_up_to_its_bytes_and_no_further(long maxBytes, int users)
    {
        var store = new LabelStore(maxBytes, users);
        var random = new Random(7);
        int added = 0;
        for (int i = 0; i < 200_000 && !store.IsFull; i++)
        {
            // Every fourth label a new key; the others share keys and do not beat each other (later start, more bandwidth).
            UserSet key = UserSet.FromLow((ulong)(i / 4) + 1);
            if (!store.IsDominatedElseAdd(key, i % 3, i, i, random.NextDouble()) && !store.IsFull)
            {
                added++; // (the label that finds the store full is not kept)
            }

            Assert.That(store.HeldBytes, Is.LessThanOrEqualTo(maxBytes), $"after {i + 1} labels");
        }

        Assert.That(store.IsFull, Is.True, "200,000 labels are more than the limit holds");
        Assert.That(store.Count, Is.EqualTo(added));
        Assert.That(store.HeldBytes, Is.GreaterThan(maxBytes / 2), "a store that grows by doubling fills at least half its bytes");
    }

    [Test]
    public void A_full_store_still_drops_what_a_kept_label_beats_and_keeps_nothing_new()
    {
        var store = new LabelStore(64 * 1024, 40);
        UserSet kept = UserSet.FromLow(1);
        Assert.That(store.IsDominatedElseAdd(kept, 0, latestStart: 5.0, bandwidth: 1.0, value: 3.0), Is.False);
        for (ulong k = 2; !store.IsFull; k++)
        {
            store.IsDominatedElseAdd(UserSet.FromLow(k), 0, 1.0, 1.0, 1.0);
        }

        long count = store.Count;

        Assert.That(store.IsDominatedElseAdd(kept, 0, latestStart: 4.0, bandwidth: 2.0, value: 2.0), Is.True, "beaten by the first label");
        Assert.That(store.IsDominatedElseAdd(kept, 0, latestStart: 6.0, bandwidth: 1.0, value: 3.0), Is.False, "not beaten");
        Assert.That(store.IsDominatedElseAdd(kept, 0, latestStart: 6.0, bandwidth: 1.0, value: 3.0), Is.False, "not kept, so not beaten by itself either");
        Assert.That(store.Count, Is.EqualTo(count));
    }
}
