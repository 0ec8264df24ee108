using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// Held–Karp over a few models: for every subset U of them, the least total loading of a path that starts from the
/// initial memory and loads every model of U once, in the best order.
/// </summary>
/// <remarks>
/// Any schedule that serves users of every model of U loads them (except the initial model, already in memory) in
/// some order of visits, possibly with other models and repeated visits in between. Loading times obey the triangle
/// inequality (<c>S_c \ S_a ⊆ (S_c \ S_b) ∪ (S_b \ S_a)</c>), so dropping the other visits and keeping each model's
/// first visit gives a path over U that loads no more: the schedule's loading up to its last visit of U is at least
/// the value here. O(2^m·m²) time and O(2^m·m) memory.
/// </remarks>
internal static class LeastLoadingPaths
{
    /// <summary>The most models a call accepts (4,096 subsets).</summary>
    public const int MaxModels = 12;

    /// <summary>Least loading per subset mask of <paramref name="models"/> (bit b = models[b]); entry 0 is 0.</summary>
    public static double[] Compute(Instance instance, ReadOnlySpan<int> models)
    {
        int m = models.Length;
        if (m > MaxModels)
        {
            throw new ArgumentOutOfRangeException(nameof(models), m, $"Held–Karp takes at most {MaxModels} models.");
        }

        LoadingTimes loading = instance.LoadingTimes;
        int subsets = 1 << m;
        var path = new double[subsets * m]; // path[mask·m + j]: least loading visiting mask, ending at j ∈ mask
        Array.Fill(path, double.PositiveInfinity);
        for (int j = 0; j < m; j++)
        {
            path[((1 << j) * m) + j] = loading.FromInitial(models[j]);
        }

        var least = new double[subsets];
        for (int mask = 1; mask < subsets; mask++)
        {
            double best = double.PositiveInfinity;
            for (int j = 0; j < m; j++)
            {
                double here = path[(mask * m) + j];
                if (!double.IsFinite(here))
                {
                    continue;
                }

                best = Math.Min(best, here);
                for (int next = 0; next < m; next++)
                {
                    if ((mask & (1 << next)) != 0)
                    {
                        continue;
                    }

                    int to = ((mask | (1 << next)) * m) + next;
                    double cost = here + loading.Seconds(models[j], models[next]);
                    if (cost < path[to])
                    {
                        path[to] = cost;
                    }
                }
            }

            least[mask] = best;
        }

        return least;
    }
}
