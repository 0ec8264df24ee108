using System.Runtime.InteropServices;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// The window search's dominance store: per (served set, first model), the (latest start, Σβ) of the labels seen; a
/// label is dropped when a kept one starts no earlier and needs no more bandwidth (the same set is worth the same).
/// </summary>
/// <remarks>
/// The rule is the labeling search's (<see cref="Labeling.LabelStore"/>), but a window is re-solved thousands of
/// times a second: this store is cleared and reused rather than allocated per search, and it keys on the plain
/// 64-bit set of window candidates.
/// </remarks>
internal sealed class WindowLabels
{
    private readonly Dictionary<(ulong Served, int Model), int> _heads = [];
    private double[] _latestStart = new double[1024];
    private double[] _need = new double[1024];
    private int[] _next = new int[1024];
    private int _count;

    /// <summary>Forgets every label.</summary>
    public void Clear()
    {
        _heads.Clear();
        _count = 0;
    }

    /// <summary>True when a kept label of the key starts no earlier and needs no more; otherwise keeps this one.</summary>
    public bool IsDominatedElseAdd(ulong served, int model, double latestStart, double needHz)
    {
        ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(_heads, (served, model), out bool exists);
        if (!exists)
        {
            head = -1;
        }

        for (int e = head; e >= 0; e = _next[e])
        {
            if (_latestStart[e] >= latestStart && _need[e] <= needHz)
            {
                return true;
            }
        }

        if (_count == _next.Length)
        {
            Array.Resize(ref _latestStart, _count * 2);
            Array.Resize(ref _need, _count * 2);
            Array.Resize(ref _next, _count * 2);
        }

        _latestStart[_count] = latestStart;
        _need[_count] = needHz;
        _next[_count] = head;
        head = _count++;
        return false;
    }
}
