using System.Runtime.InteropServices;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// The labels kept so far, per key (relevant served set, first model): a new label is dropped when a kept one of its
/// key starts no earlier, needs no more bandwidth and is worth no less — it has no completion the kept one lacks
/// (the dominance rule of label-setting algorithms).
/// </summary>
/// <remarks>
/// <para>
/// The key holds only the suffix's <em>relevant</em> users: those that would pass <see cref="PrefixBound"/>'s candidate
/// test were they not served. Why that is enough: say A and B share h and the key, and A starts no earlier, needs no
/// more bandwidth and is worth no less. Every user B can put in front passes B's test; the test only gets easier with a
/// later start and more bandwidth left, so a user of A that B could use would be relevant to A, hence in the shared
/// key, hence served by B too — so whatever goes in front of B avoids A's users and fits in front of A as well.
/// Users that no longer matter to what fits in front (an early deadline, too much bandwidth) thus stop telling labels
/// apart. A label never meets one of its own ancestors: those are worth strictly less.
/// </para>
/// <para>
/// Labels live in flat arrays chained per key (not a list per key): the search keeps millions of them and a list
/// object per key would double the memory.
/// </para>
/// </remarks>
internal sealed class LabelStore
{
    /// <summary>Bytes a store may hold when no memory limit chooses them (2 GiB).</summary>
    public const long DefaultBytes = 2L << 30;

    /// <summary>A label's own numbers: latest start, bandwidth and value (doubles) and its chain link.</summary>
    private const int LabelBytes = (3 * sizeof(double)) + sizeof(int);

    /// <summary>
    /// A key's slot in the dictionary: the entry (hash, link, the key's set and model, the chain's head: 36 bytes,
    /// aligned to 40) and its bucket (4), rounded up.
    /// </summary>
    private const int SlotBytes = 48;

    private readonly Dictionary<(UserSet Served, int Model), int> _heads;
    private readonly long _maxBytes;
    private readonly int _keyBytes;
    private double[] _latestStart;
    private double[] _bandwidth;
    private double[] _value;
    private int[] _next;
    private int _count;

    /// <param name="maxBytes">Bytes the store may hold, counted as allocated (arrays that grow by doubling, the key
    /// table's free slots); once growing would pass it, new labels are still checked against the kept ones but not
    /// kept.</param>
    /// <param name="users">Users a key's set may hold (its words beyond the first 64 are counted per key).</param>
    public LabelStore(long maxBytes, int users)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1L);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        _maxBytes = maxBytes;
        int high = UserSet.HighWords(users);
        _keyBytes = SlotBytes + (high == 0 ? 0 : 24 + (8 * high));
        _heads = [];
        int initial = (int)Math.Clamp(maxBytes / 2 / (LabelBytes + _keyBytes), 1, 1 << 16);
        _heads.EnsureCapacity(initial);
        _latestStart = new double[initial];
        _bandwidth = new double[initial];
        _value = new double[initial];
        _next = new int[initial];
    }

    /// <summary>Whether growing would have passed the byte limit: new labels are then checked but not kept.</summary>
    public bool IsFull { get; private set; }

    /// <summary>Bytes held now, counted as <see cref="LabelStore(long, int)"/> says.</summary>
    public long HeldBytes => ((long)_next.Length * LabelBytes) + ((long)_heads.Capacity * _keyBytes);

    /// <summary>Labels kept, including those later beaten.</summary>
    public long Count => _count;

    /// <summary>
    /// True when a kept label of the same key starts no earlier, needs no more bandwidth and is worth no less;
    /// otherwise keeps the new label, unlinks the kept ones it beats, and returns false.
    /// </summary>
    public bool IsDominatedElseAdd(UserSet relevantServed, int model, double latestStart, double bandwidth, double value)
    {
        if (IsFull || (_count == _next.Length && !GrowLabels()) || (_heads.Count == _heads.Capacity && !GrowKeys()))
        {
            return _heads.TryGetValue((relevantServed, model), out int first) && Beaten(first, latestStart, bandwidth, value);
        }

        ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(_heads, (relevantServed, model), out bool exists);
        if (exists)
        {
            if (Beaten(head, latestStart, bandwidth, value))
            {
                return true;
            }

            // Unlink the labels the new one beats, so later look-ups stay short.
            int previous = -1;
            for (int e = head; e >= 0; e = _next[e])
            {
                if (_latestStart[e] <= latestStart && _bandwidth[e] >= bandwidth && _value[e] <= value)
                {
                    if (previous < 0)
                    {
                        head = _next[e];
                    }
                    else
                    {
                        _next[previous] = _next[e];
                    }
                }
                else
                {
                    previous = e;
                }
            }
        }
        else
        {
            head = -1;
        }

        _latestStart[_count] = latestStart;
        _bandwidth[_count] = bandwidth;
        _value[_count] = value;
        _next[_count] = head;
        head = _count++;
        return false;
    }

    /// <summary>Doubles the label arrays, or grows them as far as the limit allows; false (and full) when it allows none.</summary>
    private bool GrowLabels()
    {
        long room = (_maxBytes - HeldBytes) / LabelBytes;
        int size = (int)Math.Min(Math.Min(_count * 2L, _count + room), Array.MaxLength);
        if (size <= _count)
        {
            IsFull = true;
            return false;
        }

        Array.Resize(ref _latestStart, size);
        Array.Resize(ref _bandwidth, size);
        Array.Resize(ref _value, size);
        Array.Resize(ref _next, size);
        return true;
    }

    /// <summary>
    /// Grows the key table ahead of the dictionary's own doubling, so the limit holds; false (and full) when it allows no
    /// room. (A key only beats others while the table has a free slot, so the check is made before every new label.)
    /// </summary>
    private bool GrowKeys()
    {
        int capacity = _heads.Capacity;
        long room = (_maxBytes - HeldBytes) / _keyBytes;
        // The dictionary rounds a capacity up to the next prime of its table (at most about 1.22 times it above 300) or,
        // past the table, to the next prime (gaps below 400): ask that much less, so the prime stays within the room.
        long wanted = Math.Min(capacity * 2L, capacity + (long)((room - 400) / 1.25));
        if (wanted <= capacity)
        {
            IsFull = true;
            return false;
        }

        _heads.EnsureCapacity((int)Math.Min(wanted, int.MaxValue / 2));
        return true;
    }

    private bool Beaten(int head, double latestStart, double bandwidth, double value)
    {
        for (int e = head; e >= 0; e = _next[e])
        {
            if (_latestStart[e] >= latestStart && _bandwidth[e] <= bandwidth && _value[e] >= value)
            {
                return true;
            }
        }

        return false;
    }
}
