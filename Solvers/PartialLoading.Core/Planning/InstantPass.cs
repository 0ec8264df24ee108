using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Planning;

/// <summary>
/// The forward pass of docs/model.md §4 with instant uploads: per position the deadline, the inference time, the loading
/// that precedes it and the end of its inference. What <see cref="OrderPlanner"/> and the local search's feasibility
/// checks start from, before the backward pass of latest starts.
/// </summary>
public static class InstantPass
{
    /// <summary>Fills the four spans (one entry per position of <paramref name="order"/>).</summary>
    /// <returns>The first 0-based position that misses its deadline (with the 1e-9 s tolerance), or −1.</returns>
    /// <exception cref="ArgumentException">A span's length differs from the order's.</exception>
    public static int Compute(
        Instance instance,
        LoadingTimes loading,
        IReadOnlyList<int> order,
        Span<double> deadlines,
        Span<double> inference,
        Span<double> loads,
        Span<double> ends)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(loading);
        ArgumentNullException.ThrowIfNull(order);
        int n = order.Count;
        if (deadlines.Length != n || inference.Length != n || loads.Length != n || ends.Length != n)
        {
            throw new ArgumentException("Deadlines, inference times, loading times and ends need one entry per position.");
        }

        int previous = instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;
        double end = 0.0;
        int firstLate = -1;
        for (int i = 0; i < n; i++)
        {
            User user = instance.Users[order[i]];
            deadlines[i] = user.DeadlineSeconds;
            inference[i] = instance.Models[user.Model].InferenceSeconds;
            loads[i] = loading.Seconds(previous, user.Model);
            previous = user.Model;
            end += loads[i] + inference[i];
            ends[i] = end;
            if (firstLate < 0 && end > user.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds)
            {
                firstLate = i;
            }
        }

        return firstLate;
    }
}
