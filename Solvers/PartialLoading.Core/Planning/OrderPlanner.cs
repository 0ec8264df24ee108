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
        var least = new double[n];
        for (int i = 0; i < n; i++)
        {
            User user = instance.Users[order[i]];
            least[i] = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest[i]);
        }

        return new OrderPlan([.. order], firstLate, ImmutableArray.Create(latest), ImmutableArray.Create(least), instance.Server.BandwidthHz);
    }
}
