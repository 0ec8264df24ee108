using PartialLoading.Comparison;

namespace PartialLoading.Tests.Cli;

public class ShardTests
{
    [Test]
    public void The_shards_of_a_sweep_are_disjoint_cover_it_and_know_their_size()
    {
        for (int count = 1; count <= 7; count++)
        {
            for (int instances = 0; instances <= 20; instances++)
            {
                Shard[] shards = [.. Enumerable.Range(1, count).Select(i => new Shard(i, count))];
                for (int place = 0; place < instances; place++)
                {
                    Assert.That(shards.Count(s => s.Contains(place)), Is.EqualTo(1), $"place {place} of {instances}, {count} shards");
                }

                foreach (Shard shard in shards)
                {
                    Assert.That(shard.SizeOf(instances), Is.EqualTo(Enumerable.Range(0, instances).Count(shard.Contains)), $"{shard} of {instances}");
                }
            }
        }
    }

    [TestCase("1/1", 1, 1)]
    [TestCase("3/8", 3, 8)]
    public void Parses_one_based_i_of_n(string text, int index, int count)
    {
        Assert.That(Shard.TryParse(text, out Shard shard, out string? error), Is.True, error);
        Assert.That(shard, Is.EqualTo(new Shard(index, count)));
        Assert.That(shard.ToString(), Is.EqualTo(text));
    }
}
