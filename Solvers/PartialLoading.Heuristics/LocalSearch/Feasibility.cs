using System.Buffers;
using PartialLoading.Bandwidth;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// Feasibility of a whole order (docs/model.md §4) for the local search's moves: no β is evaluated when a deadline is missed,
/// and the sum stops as soon as it breaks the budget (β ≥ 0, so it only grows).
/// </summary>
/// <remarks>
/// A candidate order of the local search differs from the current one in a few places, and every latest start that
/// comes out the same is the same number (the backward pass is the same arithmetic on the same data), so its β is
/// taken from the current sequence instead of the Lambert W formula: the result is the same to the last bit.
/// </remarks>
internal static class Feasibility
{
    /// <summary>True when <paramref name="order"/> is feasible; then <paramref name="score"/> is its score.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="loading">Its loading times.</param>
    /// <param name="order">The order to evaluate.</param>
    /// <param name="score">The score of a feasible order.</param>
    /// <param name="known">A sequence whose cached β are reused where a user keeps its latest start.</param>
    public static bool Evaluate(Instance instance, LoadingTimes loading, IReadOnlyList<int> order, out SequenceScore score, ServiceSequence? known = null)
    {
        score = default;
        int n = order.Count;
        double[] rented = ArrayPool<double>.Shared.Rent(5 * n); // the search evaluates many candidates: no garbage per call
        try
        {
            Span<double> deadlines = rented.AsSpan(0, n);
            Span<double> inference = rented.AsSpan(n, n);
            Span<double> loads = rented.AsSpan(2 * n, n);
            Span<double> ends = rented.AsSpan(3 * n, n);
            Span<double> latest = rented.AsSpan(4 * n, n);
            if (InstantPass.Compute(instance, loading, order, deadlines, inference, loads, ends) >= 0)
            {
                return false;
            }

            LatestStarts.Compute(deadlines, inference, loads, latest);
            double limit = instance.Server.BandwidthHz * (1.0 + BandwidthAllocator.BudgetTolerance);
            double least = 0.0;
            for (int i = 0; i < n && least <= limit; i++)
            {
                User user = instance.Users[order[i]];
                least += known?.LeastBandwidthOf(order[i], latest[i]) ?? LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest[i]);
            }

            if (!(least <= limit))
            {
                return false;
            }

            double value = 0.0;
            foreach (int user in order)
            {
                value += instance.Users[user].Weight;
            }

            score = new SequenceScore(value, n > 0 ? ends[n - 1] : 0.0, least);
            return true;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
