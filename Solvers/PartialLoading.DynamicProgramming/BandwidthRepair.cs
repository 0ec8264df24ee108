using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// What docs/model.md §5 does when the DP's order fails the bandwidth test: drop users, the largest least bandwidth first,
/// until it passes. The users are ranked once by their β in the failed order and the fewest drops that pass are
/// found by bisection: dropping a user only lengthens the latest starts of the users before it (β falls) and removes
/// its own β, so Σβ is non-increasing in the number dropped and the instant pass stays met. O(K log K) β evaluations
/// instead of O(K²) for re-ranking after every drop.
/// </summary>
/// <remarks>
/// The bisection starts from a count known to pass: since no kept user's β grows, the kept users need at most the sum
/// of their β in the failed order, so dropping the top-ranked users until that sum fits the budget passes. That plan is
/// made first, so a search told to stop still returns a feasible schedule after one plan (at 100,000 users a plan takes
/// tens of milliseconds and the whole bisection half a second).
/// </remarks>
internal static class BandwidthRepair
{
    /// <summary>The plan of <paramref name="failed"/>'s order without the fewest top-ranked users that make it feasible.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="failed">A plan that meets every deadline with instant uploads and fails the bandwidth test.</param>
    /// <param name="stop">Polled between plans: true ends the bisection at the fewest drops found to pass so far.</param>
    /// <returns>The plan, the users dropped, and whether the fewest drops were found (false when stopped before).</returns>
    public static (OrderPlan Plan, int Dropped, bool Fewest) DropUntilFeasible(Instance instance, OrderPlan failed, Func<bool> stop)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(stop);
        int n = failed.Order.Length;
        double[] least = [.. failed.LeastBandwidthsHz];
        int[] ranking = [.. Enumerable.Range(0, n).OrderByDescending(p => least[p]).ThenByDescending(p => p)];

        int low = 1;
        int high = EnoughDrops(least, ranking, failed.BudgetHz);
        OrderPlan? feasible = PlanWithout(instance, failed, ranking, high);
        if (!feasible.IsFeasible)
        {
            // Only when the failed order misses a deadline by rounding: then the whole range is searched, as before.
            (low, high, feasible) = (Math.Min(high + 1, n), n, null);
        }

        int feasibleDrops = feasible is null ? -1 : high;
        while (low < high)
        {
            if (feasible is not null && stop())
            {
                return (feasible, feasibleDrops, false);
            }

            int middle = low + ((high - low) / 2);
            OrderPlan plan = PlanWithout(instance, failed, ranking, middle);
            if (plan.IsFeasible)
            {
                (high, feasible, feasibleDrops) = (middle, plan, middle);
            }
            else
            {
                low = middle + 1;
            }
        }

        return (feasibleDrops == low ? feasible! : PlanWithout(instance, failed, ranking, low), low, true);
    }

    /// <summary>The fewest top-ranked drops after which the kept users' β in the failed order sum to at most the budget.</summary>
    private static int EnoughDrops(double[] least, int[] ranking, double budgetHz)
    {
        // Summed from the cheapest up, so that the sum of what is kept is exact to rounding at every count.
        double kept = 0.0;
        int n = ranking.Length;
        int drops = n;
        for (int r = n - 1; r >= 0; r--)
        {
            kept += least[ranking[r]];
            if (!(kept <= budgetHz))
            {
                break;
            }

            drops = r;
        }

        return drops;
    }

    private static OrderPlan PlanWithout(Instance instance, OrderPlan failed, int[] ranking, int drops)
    {
        var dropped = new bool[failed.Order.Length];
        for (int r = 0; r < drops; r++)
        {
            dropped[ranking[r]] = true;
        }

        var kept = new List<int>(failed.Order.Length - drops);
        for (int p = 0; p < failed.Order.Length; p++)
        {
            if (!dropped[p])
            {
                kept.Add(failed.Order[p]);
            }
        }

        return OrderPlanner.Plan(instance, kept);
    }
}
