using System.Collections.Immutable;
using PartialLoading.Bandwidth;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Planning;

/// <summary>
/// Turns a service order into its <see cref="OrderPlan"/> (docs/model.md §4): forward pass with instant uploads, backward
/// pass for the latest starts, closed-form least bandwidths. Every solver hands its order to this.
/// </summary>
public static class OrderPlanner
{
    /// <summary>Analyses <paramref name="order"/> under the given loading times (default: the instance's).</summary>
    public static OrderPlan Plan(Instance instance, IReadOnlyList<int> order, LoadingTimes? loading = null)
        => Build(instance, order, loading, previous: null);

    /// <summary>
    /// The same plan as <see cref="Plan"/>, bit for bit, reusing <paramref name="previous"/>'s least bandwidth for every
    /// user whose latest start is unchanged: β is a function of the user and its latest start alone, and after a local
    /// change to a long order most latest starts are. The passes stay O(n) arithmetic; only the changed β are evaluated.
    /// </summary>
    /// <param name="instance">The instance.</param>
    /// <param name="order">The order to analyse.</param>
    /// <param name="previous">A plan of another order of the same instance, under the same loading times.</param>
    /// <param name="loading">The loading times (default: the instance's).</param>
    public static OrderPlan Replan(Instance instance, IReadOnlyList<int> order, OrderPlan previous, LoadingTimes? loading = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return Build(instance, order, loading, previous);
    }

    private static OrderPlan Build(Instance instance, IReadOnlyList<int> order, LoadingTimes? loading, OrderPlan? previous)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(order);
        loading ??= instance.LoadingTimes;
        int n = order.Count;
        var deadlines = new double[n];
        var inference = new double[n];
        var loads = new double[n];
        int firstLate = InstantPass.Compute(instance, loading, order, deadlines, inference, loads, new double[n]);

        var latest = new double[n];
        LatestStarts.Compute(deadlines, inference, loads, latest);
        int[]? before = previous is null ? null : PositionsIn(previous, instance.Users.Length);
        var least = new double[n];
        for (int i = 0; i < n; i++)
        {
            int at = before is null ? -1 : before[order[i]];
            if (at >= 0 && previous!.LatestStartsSeconds[at].Equals(latest[i]))
            {
                least[i] = previous.LeastBandwidthsHz[at];
                continue;
            }

            User user = instance.Users[order[i]];
            least[i] = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest[i]);
        }

        return new OrderPlan([.. order], firstLate, ImmutableArray.Create(latest), ImmutableArray.Create(least), instance.Server.BandwidthHz);
    }

    // Position of each user in the plan's order, −1 when absent.
    private static int[] PositionsIn(OrderPlan plan, int users)
    {
        var positions = new int[users];
        Array.Fill(positions, -1);
        for (int p = 0; p < plan.Order.Length; p++)
        {
            int user = plan.Order[p];
            if ((uint)user < (uint)users)
            {
                positions[user] = p;
            }
        }

        return positions;
    }
}
