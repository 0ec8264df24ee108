using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// The schedule <see cref="LnsSolver"/> starts from without a warm start: the better of two admission passes
/// (<see cref="AdmissionSchedule"/>, O(K log K) together) — earliest deadline first, and the same with each model's users
/// batched (models in order of their earliest deadline), which pays each model's loading once.
/// </summary>
internal static class StartingOrder
{
    /// <summary>The better plan of the two passes over <paramref name="servable"/> (users sorted by deadline).</summary>
    public static OrderPlan Build(Instance instance, IReadOnlyList<int> servable)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(servable);
        int[] batched = [.. servable.GroupBy(u => instance.Users[u].Model).SelectMany(g => g)];
        OrderPlan byDeadline = Admit(instance, servable);
        OrderPlan byModel = Admit(instance, batched);
        return Better(instance, byModel, byDeadline);
    }

    /// <summary>The plan with more value, or as much and less Σβ (the first on a tie).</summary>
    public static OrderPlan Better(Instance instance, OrderPlan first, OrderPlan second)
    {
        double a = first.Order.Sum(k => instance.Users[k].Weight);
        double b = second.Order.Sum(k => instance.Users[k].Weight);
        return b > a || (b == a && second.TotalLeastBandwidthHz < first.TotalLeastBandwidthHz) ? second : first;
    }

    private static OrderPlan Admit(Instance instance, IEnumerable<int> order)
    {
        var schedule = new AdmissionSchedule(instance);
        foreach (int user in order)
        {
            schedule.TryAppend(user);
        }

        return OrderPlanner.Plan(instance, schedule.Order);
    }
}
