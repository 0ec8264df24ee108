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
internal static class BandwidthRepair
{
    /// <summary>The plan of <paramref name="failed"/>'s order without the fewest top-ranked users that make it feasible.</summary>
    public static (OrderPlan Plan, int Dropped) DropUntilFeasible(Instance instance, OrderPlan failed)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(failed);
        int n = failed.Order.Length;
        double[] least = [.. failed.LeastBandwidthsHz];
        int[] ranking = [.. Enumerable.Range(0, n).OrderByDescending(p => least[p]).ThenByDescending(p => p)];

        int low = 1;
        int high = n;
        OrderPlan? feasible = null;
        int feasibleDrops = -1;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            OrderPlan plan = PlanWithout(instance, failed, ranking, middle);
            if (plan.IsFeasible)
            {
                high = middle;
                feasible = plan;
                feasibleDrops = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return (feasibleDrops == low ? feasible! : PlanWithout(instance, failed, ranking, low), low);
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
