using System.Globalization;

namespace PartialLoading.Comparison;

/// <summary>
/// One part of a sweep split across machines: shard <see cref="Index"/> of <see cref="Count"/>, both 1-based as
/// written (<c>2/4</c>). It takes the instances whose 0-based place in the sweep's sorted order leaves remainder
/// Index − 1 when divided by Count, so the shards are disjoint, cover the sweep, and share large and small
/// instances alike (names like <c>x-10</c>, <c>x-100</c>, <c>x-1000</c> sit next to each other in that order).
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole sweep, as one shard.</summary>
    public static Shard All { get; } = new(1, 1);

    /// <summary>True when the instance at 0-based <paramref name="place"/> of the sorted sweep is in this shard.</summary>
    public bool Contains(int place) => place % Count == Index - 1;

    /// <summary>How many of a sweep of <paramref name="sweepInstances"/> instances fall in this shard.</summary>
    public int SizeOf(int sweepInstances) => sweepInstances >= Index ? ((sweepInstances - Index) / Count) + 1 : 0;

    /// <summary>Parses <c>i/n</c> with 1 ≤ i ≤ n; on failure <paramref name="error"/> says why in a phrase.</summary>
    public static bool TryParse(string text, out Shard shard, out string? error)
    {
        shard = All;
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            error = $"'{text}' is not of the form i/n (e.g. 2/4)";
            return false;
        }

        if (count < 1 || index < 1 || index > count)
        {
            error = $"'{text}' is out of range: i/n needs 1 ≤ i ≤ n (i is 1-based)";
            return false;
        }

        shard = new Shard(index, count);
        error = null;
        return true;
    }

    /// <summary><c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
