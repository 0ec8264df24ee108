using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>time-knapsack</c>: for deadline thresholds d, the users served with T_k ≤ d need their inference times plus the
/// least loading of their models within [0, d] (docs/model.md §10); the bound is the least over the thresholds of the
/// class's knapsack bound plus the weight of everybody outside the class.
/// </summary>
/// <remarks>
/// <para>
/// <b>Validity.</b> It drops the order and the bandwidth. In a feasible schedule the served users of class d end by
/// d (+1e-9 s); before that the server ran each of their inferences and, for each of their models, at least one load
/// (none for the initial model, at first) — all disjoint in time. Each load of model i takes at least L_min(i), the
/// least loading of i from the initial memory or from any model that can be in memory. So the class's served set is
/// a feasible choice of the fixed-charge knapsack solved by its LP in <see cref="GroupedKnapsack"/> (see
/// <see cref="DeadlineClasses"/>); users outside the class add at most their weight.
/// </para>
/// <para>
/// <b>Held–Karp refinement</b> (unit weights, a class with at most <see cref="LeastLoadingPaths.MaxModels"/> models):
/// when the class's served users use the model set U, the loading before d is at least the least loading path over
/// U (<see cref="LeastLoadingPaths"/>), so the class serves at most the largest fractional count of its users of U
/// models whose inferences fit in d − LL(U); the maximum over all U bounds the class.
/// </para>
/// </remarks>
public sealed class TimeKnapsackBound : IRelaxation
{
    private readonly int _maxClasses;
    private readonly bool _heldKarp;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="maxClasses">How many deadline thresholds at most (evenly spaced by user count; the last is always kept).</param>
    /// <param name="heldKarp">Whether to refine small classes by Held–Karp least loading (unit weights only).</param>
    public TimeKnapsackBound(int maxClasses = 64, bool heldKarp = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClasses, 1);
        _maxClasses = maxClasses;
        _heldKarp = heldKarp;
    }

    /// <inheritdoc/>
    public string Name => "time-knapsack";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            var classes = new DeadlineClasses(data, _maxClasses);
            int[] order = DeadlineClasses.SortByModelThenProfit(data, data.Weight);
            // Consecutive classes often use the same models: their least loading paths are computed once.
            int[] lastModels = [];
            double[] lastLeast = [];
            double[] LeastLoading(int[] models)
            {
                if (!models.AsSpan().SequenceEqual(lastModels))
                {
                    (lastModels, lastLeast) = (models, LeastLoadingPaths.Compute(data.Instance, models));
                }

                return lastLeast;
            }

            Func<int, double, double>? refine = _heldKarp && data.UnitWeights ? (t, capacity) => HeldKarpCount(data, classes.Members(t), capacity, LeastLoading) : null;
            double value = classes.Bound(data.Weight, order, budget, refine);
            return new RelaxationRun.Outcome(value, !budget.IsSpent);
        });

    /// <summary>max over model sets U of the class of the fractional count fitting in capacity − LL(U); +∞ for large classes.</summary>
    private static double HeldKarpCount(RelaxationData data, ReadOnlySpan<int> members, double capacity, Func<int[], double[]> leastLoading)
    {
        var counts = new Dictionary<int, int>();
        foreach (int k in members)
        {
            counts[data.Model[k]] = counts.GetValueOrDefault(data.Model[k]) + 1;
            if (counts.Count > LeastLoadingPaths.MaxModels)
            {
                return double.PositiveInfinity;
            }
        }

        Instance instance = data.Instance;
        int[] models = [.. counts.Keys.OrderBy(i => instance.Models[i].InferenceSeconds).ThenBy(i => i)];
        double[] least = leastLoading(models);
        double best = 0.0;
        for (int mask = 1; mask < least.Length; mask++)
        {
            double left = capacity - least[mask];
            if (left < 0.0)
            {
                continue;
            }

            // Cheapest inferences first (models are sorted by c): the fractional count is the most users that fit.
            double count = 0.0;
            for (int b = 0; b < models.Length; b++)
            {
                if ((mask & (1 << b)) == 0)
                {
                    continue;
                }

                double c = instance.Models[models[b]].InferenceSeconds;
                int users = counts[models[b]];
                if (c * users <= left)
                {
                    count += users;
                    left -= c * users;
                }
                else
                {
                    count += left / c;
                    left = 0.0;
                }
            }

            best = Math.Max(best, count);
        }

        return best;
    }
}
