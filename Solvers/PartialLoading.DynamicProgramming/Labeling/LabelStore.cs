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
    /// <summary>Labels kept at most by the parameterless constructor (about 2 GB with their keys up to 64 users).</summary>
    public const int DefaultCapacity = 1 << 25;

    private readonly Dictionary<(UserSet Served, int Model), int> _heads = [];
    private double[] _latestStart;
    private double[] _bandwidth;
    private double[] _value;
    private int[] _next;
    private int _count;

    /// <summary>A store of at most <see cref="DefaultCapacity"/> labels.</summary>
    public LabelStore()
        : this(DefaultCapacity)
    {
    }

    /// <param name="capacity">Labels kept at most; beyond it new labels are still checked against the kept ones but not kept.</param>
    public LabelStore(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        int initial = Math.Min(capacity, 1 << 16);
        _latestStart = new double[initial];
        _bandwidth = new double[initial];
        _value = new double[initial];
        _next = new int[initial];
    }

    /// <summary>Labels kept at most.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Bytes a kept label takes at most among <paramref name="users"/> users: its four numbers, its share of the key
    /// table, its key's words beyond the first 64 users, and the slack of arrays that grow by doubling.
    /// </summary>
    public static long BytesPerLabel(int users)
    {
        int high = UserSet.HighWords(users);
        long numbers = (3 * sizeof(double)) + sizeof(int);
        long entry = 48 + (high == 0 ? 0 : 24 + (8L * high));
        return 2 * (numbers + entry);
    }

    /// <summary>Labels kept, including those later beaten.</summary>
    public long Count => _count;

    /// <summary>
    /// True when a kept label of the same key starts no earlier, needs no more bandwidth and is worth no less;
    /// otherwise keeps the new label, unlinks the kept ones it beats, and returns false.
    /// </summary>
    public bool IsDominatedElseAdd(UserSet relevantServed, int model, double latestStart, double bandwidth, double value)
    {
        if (_count == Capacity)
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

        if (_count == _next.Length)
        {
            int size = (int)Math.Min(Capacity, _count * 2L);
            Array.Resize(ref _latestStart, size);
            Array.Resize(ref _bandwidth, size);
            Array.Resize(ref _value, size);
            Array.Resize(ref _next, size);
        }

        _latestStart[_count] = latestStart;
        _bandwidth[_count] = bandwidth;
        _value[_count] = value;
        _next[_count] = head;
        head = _count++;
        return false;
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
