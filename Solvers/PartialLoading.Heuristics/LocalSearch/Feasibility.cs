using PartialLoading.Bandwidth;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// Feasibility of a whole order (SPEC §4) for the local search's moves: no β is evaluated when a deadline is missed,
/// and the sum stops as soon as it breaks the budget (β ≥ 0, so it only grows).
/// </summary>
internal static class Feasibility
{
    /// <summary>True when <paramref name="order"/> is feasible; then <paramref name="score"/> is its score.</summary>
    public static bool Evaluate(Instance instance, LoadingTimes loading, IReadOnlyList<int> order, out SequenceScore score)
    {
        score = default;
        int n = order.Count;
        var deadlines = new double[n];
        var inference = new double[n];
        var loads = new double[n];
        var ends = new double[n];
        if (InstantPass.Compute(instance, loading, order, deadlines, inference, loads, ends) >= 0)
        {
            return false;
        }

        var latest = new double[n];
        LatestStarts.Compute(deadlines, inference, loads, latest);
        double limit = instance.Server.BandwidthHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        double least = 0.0;
        for (int i = 0; i < n && least <= limit; i++)
        {
            User user = instance.Users[order[i]];
            least += LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest[i]);
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

        score = new SequenceScore(value, n > 0 ? ends[^1] : 0.0, least);
        return true;
    }
}
