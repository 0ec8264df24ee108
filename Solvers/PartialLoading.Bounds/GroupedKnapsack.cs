namespace PartialLoading.Bounds;

/// <summary>
/// The linear-programming bound of a knapsack whose items come in groups with a fixed charge: taking n ≥ 1 items of
/// group g costs <c>F_g + n·c_g</c> (one load of a model, n inferences) and is worth at most the n largest profits of
/// the group.
/// </summary>
/// <remarks>
/// <para>
/// Each group's choices (size <c>F + n·c</c>, value <c>P(n)</c> = the n largest profits; n = 0 is (0, 0)) are
/// relaxed to their upper concave envelope: from the origin to the n* with the largest ratio P(n)/(F + n·c), then
/// one segment per further item of slope p/c (non-increasing since profits are sorted and n* maximises the ratio).
/// The greedy over all segments by slope, the last one taken fractionally, solves the LP of the multiple-choice
/// knapsack over the envelopes (Sinha &amp; Zoltners), which is at least the best integer choice: any integer choice
/// is a point on or under its group's envelope.
/// </para>
/// </remarks>
internal sealed class GroupedKnapsack
{
    private double[] _slope = new double[64];
    private double[] _size = new double[64];
    private double[] _value = new double[64];
    private int _count;
    private double _free;

    /// <summary>Forgets every group.</summary>
    public void Clear()
    {
        _count = 0;
        _free = 0.0;
    }

    /// <summary>Adds a group; <paramref name="profits"/> are positive and sorted descending.</summary>
    public void AddGroup(double fixedCost, double unitCost, ReadOnlySpan<double> profits)
    {
        if (profits.IsEmpty)
        {
            return;
        }

        if (unitCost <= 0.0)
        {
            double all = 0.0;
            foreach (double p in profits)
            {
                all += p;
            }

            if (fixedCost <= 0.0)
            {
                _free += all;
            }
            else
            {
                Add(all / fixedCost, fixedCost, all);
            }

            return;
        }

        // n* maximises P(n) / (F + n·c); ties go to the larger n (a longer first segment, same envelope).
        double prefix = 0.0;
        double bestRatio = -1.0;
        double bestValue = 0.0;
        int best = 0;
        for (int n = 1; n <= profits.Length; n++)
        {
            prefix += profits[n - 1];
            double ratio = prefix / (fixedCost + (n * unitCost));
            if (ratio >= bestRatio)
            {
                bestRatio = ratio;
                best = n;
                bestValue = prefix;
            }
        }

        Add(bestRatio, fixedCost + (best * unitCost), bestValue);
        for (int n = best; n < profits.Length; n++)
        {
            Add(profits[n] / unitCost, unitCost, profits[n]);
        }
    }

    /// <summary>The LP bound with capacity <paramref name="capacity"/> (groups of size 0 are always taken).</summary>
    public double Bound(double capacity)
    {
        double total = _free;
        if (capacity <= 0.0 || _count == 0)
        {
            return total;
        }

        Span<double> keys = _slope.AsSpan(0, _count);
        int[] order = new int[_count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Descending slope: sort the negated keys.
        double[] negated = new double[_count];
        for (int i = 0; i < negated.Length; i++)
        {
            negated[i] = -keys[i];
        }

        Array.Sort(negated, order);
        double left = capacity;
        foreach (int s in order)
        {
            if (_size[s] <= left)
            {
                total += _value[s];
                left -= _size[s];
            }
            else
            {
                total += _slope[s] * left;
                break;
            }
        }

        return total;
    }

    private void Add(double slope, double size, double value)
    {
        if (_count == _slope.Length)
        {
            Array.Resize(ref _slope, _count * 2);
            Array.Resize(ref _size, _count * 2);
            Array.Resize(ref _value, _count * 2);
        }

        _slope[_count] = slope;
        _size[_count] = size;
        _value[_count] = value;
        _count++;
    }
}
