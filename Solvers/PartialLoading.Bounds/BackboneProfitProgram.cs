namespace PartialLoading.Bounds;

/// <summary>
/// An upper bound on max Σ_{k∈S} p_k over the sets S that bottom-layer sharing with a common deadline can serve with
/// instant uploads, for any profits p (only positive ones can help): a knapsack DP over busy time cut into
/// <c>cells</c> equal steps, two arrays per cluster (backbone paid or not) as in docs/model.md §5.
/// </summary>
/// <remarks>
/// <b>Validity.</b> By <see cref="BackboneLayout"/> a schedulable S satisfies Σ c + Σ_{i used} h'_i + Σ_{q used}
/// b'_q ≤ T. Every time is rounded <i>down</i> to whole cells (the backbone, the head, and x inferences of one model
/// as one term), and the capacity is <c>cells</c> whole cells of (T + tolerances)/cells: a sum of rounded-down terms
/// is at most the rounded-down sum, so every schedulable S is a feasible choice of the DP. A model serving x users
/// is credited with its x largest profits, at least what any x of its users are worth.
/// </remarks>
internal sealed class BackboneProfitProgram
{
    private readonly RelaxationData _data;
    private readonly BackboneLayout _layout;
    private readonly int _cells;
    private readonly double _cell;
    private readonly double[] _closed;
    private readonly double[] _open;
    private readonly double[] _source;
    private readonly double[] _profits;

    public BackboneProfitProgram(RelaxationData data, BackboneLayout layout, int cells)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 1);
        _data = data;
        _layout = layout;
        _cells = cells;
        _cell = RelaxationData.Capacity(layout.Deadline) / cells;
        _closed = new double[cells + 1];
        _open = new double[cells + 1];
        _source = new double[cells + 1];
        _profits = new double[data.Count];
    }

    /// <summary>The bound for profits <paramref name="profit"/> (per servable user), or null when the budget ran out.</summary>
    public double? Solve(double[] profit, BoundBudget budget)
    {
        int g = _cells;
        Array.Clear(_closed); // the empty set: profit 0 at any busy time
        for (int q = 0; q < _layout.Clusters.Count; q++)
        {
            Array.Fill(_open, double.NegativeInfinity);
            int backbone = Cells(_layout.BackboneSeconds[q]);
            foreach (int m in _layout.Clusters[q])
            {
                if (budget.IsSpent)
                {
                    return null;
                }

                int n = PositiveProfitsDescending(_layout.UsersOf[m], profit);
                if (n == 0)
                {
                    continue;
                }

                for (int t = 0; t <= g; t++)
                {
                    _source[t] = Math.Max(_open[t], t >= backbone ? _closed[t - backbone] : double.NegativeInfinity);
                }

                int head = Cells(_layout.HeadSeconds[m]);
                double c = _data.Instance.Models[m].InferenceSeconds;

                // Descending t so that _open[t − …] still holds the value before this model (each model once).
                for (int t = g; t >= 0; t--)
                {
                    double best = _open[t];
                    double value = 0.0;
                    for (int x = 1; x <= n; x++)
                    {
                        value += _profits[x - 1];
                        int from = t - head - Cells(x * c);
                        if (from < 0)
                        {
                            break;
                        }

                        double candidate = _source[from] + value;
                        if (candidate > best)
                        {
                            best = candidate;
                        }
                    }

                    _open[t] = best;
                }
            }

            for (int t = 0; t <= g; t++)
            {
                _closed[t] = Math.Max(_closed[t], _open[t]);
            }
        }

        return _closed[g];
    }

    // The quotient may round up by an ulp across an integer; shrinking it first keeps every term rounded down.
    private int Cells(double seconds) => (int)Math.Min(int.MaxValue / 2, Math.Floor(seconds / _cell * (1.0 - 1e-12)));

    /// <summary>Writes the positive profits of <paramref name="users"/> into the buffer, descending; returns how many.</summary>
    private int PositiveProfitsDescending(List<int> users, double[] profit)
    {
        int n = 0;
        foreach (int k in users)
        {
            if (profit[k] > 0.0)
            {
                _profits[n++] = profit[k];
            }
        }

        Array.Sort(_profits, 0, n);
        Array.Reverse(_profits, 0, n);
        return n;
    }
}
