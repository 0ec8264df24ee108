namespace PartialLoading.Bounds;

/// <summary>
/// The deadline classes of docs/model.md §10's time knapsacks: for a threshold d, the servable users with T_k ≤ d. In
/// a feasible schedule they all end by d, so their inferences and one load of each of their models (at least
/// <see cref="RelaxationData.LeastIncomingLoad"/>, all disjoint in time) fit in [0, d]. For any profits p, the
/// schedule's Σ p over served users is then at most the <see cref="GroupedKnapsack"/> bound of the class plus Σ p⁺
/// over the users outside it — for every threshold, so the least over the thresholds bounds it too. Any subset of
/// thresholds is valid; more of them only tighten the bound.
/// </summary>
internal sealed class DeadlineClasses
{
    private readonly RelaxationData _data;
    private readonly int[] _byDeadline; // servable users by deadline ascending
    private readonly int[] _classEnd;   // class t is _byDeadline[0 .. _classEnd[t] − 1]
    private readonly GroupedKnapsack _knapsack = new();

    public DeadlineClasses(RelaxationData data, int maxClasses)
    {
        _data = data;
        _byDeadline = [.. Enumerable.Range(0, data.Count).OrderBy(k => data.Deadline[k]).ThenBy(k => k)];
        var ends = new List<int>();
        for (int i = 0; i < _byDeadline.Length; i++)
        {
            if (i == _byDeadline.Length - 1 || data.Deadline[_byDeadline[i + 1]] > data.Deadline[_byDeadline[i]])
            {
                ends.Add(i + 1);
            }
        }

        if (ends.Count > maxClasses)
        {
            // Evenly spaced by user count, always keeping the class of everybody.
            var kept = new SortedSet<int>();
            for (int t = 1; t <= maxClasses; t++)
            {
                kept.Add(ends[(int)(((long)t * ends.Count / maxClasses) - 1)]);
            }

            ends = [.. kept];
        }

        _classEnd = [.. ends];
    }

    /// <summary>The number of thresholds.</summary>
    public int Count => _classEnd.Length;

    /// <summary>The threshold d of class <paramref name="t"/>.</summary>
    public double Threshold(int t) => _data.Deadline[_byDeadline[_classEnd[t] - 1]];

    /// <summary>The members of class <paramref name="t"/> (servable indices).</summary>
    public ReadOnlySpan<int> Members(int t) => _byDeadline.AsSpan(0, _classEnd[t]);

    /// <summary>
    /// min over the thresholds of (class LP + Σ p⁺ outside): a bound on Σ p over the served users of any feasible
    /// schedule. <paramref name="byModelThenProfit"/> lists the servable users grouped by model, profits descending.
    /// Returns the best so far when the budget runs out (still a bound: each term is one).
    /// </summary>
    public double Bound(double[] profit, int[] byModelThenProfit, BoundBudget budget, Func<int, double, double>? refine = null)
    {
        int n = _data.Count;

        // Σ p⁺ of the users with deadline above each class's threshold, from the back of the deadline order.
        var above = new double[n + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            above[i] = above[i + 1] + Math.Max(0.0, profit[_byDeadline[i]]);
        }

        var inClass = new bool[n];
        var buffer = new double[n];
        double best = above[0];
        int marked = 0;
        for (int t = 0; t < _classEnd.Length; t++)
        {
            if (budget.IsSpent && t > 0)
            {
                break;
            }

            for (; marked < _classEnd[t]; marked++)
            {
                inClass[_byDeadline[marked]] = true;
            }

            double capacity = RelaxationData.Capacity(Threshold(t));
            _knapsack.Clear();
            int i = 0;
            while (i < byModelThenProfit.Length)
            {
                int model = _data.Model[byModelThenProfit[i]];
                int count = 0;
                for (; i < byModelThenProfit.Length && _data.Model[byModelThenProfit[i]] == model; i++)
                {
                    int k = byModelThenProfit[i];
                    if (inClass[k] && profit[k] > 0.0)
                    {
                        buffer[count++] = profit[k];
                    }
                }

                if (count > 0)
                {
                    _knapsack.AddGroup(_data.LeastIncomingLoad[model], _data.Inference[byModelThenProfit[i - 1]], buffer.AsSpan(0, count));
                }
            }

            double inside = _knapsack.Bound(capacity);
            if (refine is not null)
            {
                inside = Math.Min(inside, refine(t, capacity));
            }

            best = Math.Min(best, inside + above[_classEnd[t]]);
        }

        return best;
    }

    /// <summary>The servable users grouped by model (ascending), profits descending, ties by index.</summary>
    public static int[] SortByModelThenProfit(RelaxationData data, double[] profit)
    {
        int[] order = [.. Enumerable.Range(0, data.Count)];
        Array.Sort(order, (a, b) =>
        {
            int byModel = data.Model[a].CompareTo(data.Model[b]);
            if (byModel != 0)
            {
                return byModel;
            }

            int byProfit = profit[b].CompareTo(profit[a]);
            return byProfit != 0 ? byProfit : a.CompareTo(b);
        });
        return order;
    }
}
