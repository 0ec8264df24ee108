namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// A <see cref="LabelStore"/> that several search threads share: the keys are split over shards by hash, each shard
/// behind its own lock, so two threads wait for each other only when they touch the same shard at the same moment.
/// Dominance between labels of different threads is as valid as within one thread: a label is dropped only for a kept
/// one that has every completion it has, and a kept label's subtree is searched by the thread that kept it.
/// </summary>
internal sealed class ShardedLabelStore
{
    private readonly LabelStore[] _shards;
    private readonly int _mask;

    /// <param name="shards">How many shards (rounded up to a power of two); 1 for a single thread.</param>
    /// <param name="maxBytes">Bytes the shards may hold together (<see cref="LabelStore(long, int)"/>).</param>
    /// <param name="users">Users a key's set may hold.</param>
    public ShardedLabelStore(int shards, long maxBytes, int users)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        int count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)shards);
        long each = Math.Max(1, maxBytes / count);
        _shards = [.. Enumerable.Range(0, count).Select(_ => new LabelStore(each, users))];
        _mask = count - 1;
    }

    /// <summary>Labels kept, including those later beaten.</summary>
    public long Count => _shards.Sum(s => s.Count);

    /// <summary>Whether the store is full (a full store still checks new labels, it keeps none).</summary>
    public bool IsFull => _shards.Any(s => s.IsFull);

    /// <inheritdoc cref="LabelStore.IsDominatedElseAdd"/>
    public bool IsDominatedElseAdd(UserSet relevantServed, int model, double latestStart, double bandwidth, double value)
    {
        if (_mask == 0)
        {
            return _shards[0].IsDominatedElseAdd(relevantServed, model, latestStart, bandwidth, value);
        }

        LabelStore shard = _shards[(relevantServed.GetHashCode() ^ model) & _mask];
        lock (shard)
        {
            return shard.IsDominatedElseAdd(relevantServed, model, latestStart, bandwidth, value);
        }
    }
}
