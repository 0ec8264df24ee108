using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Planning;

/// <summary>
/// The users that can be served on their own: their model loaded first (from i0) meets the deadline, with the
/// tolerance of docs/model.md §3, and their least bandwidth at their own latest start fits in B. Nobody else is in any feasible
/// schedule — putting users before one only delays it and shortens its upload time (docs/model.md §4) — so exact solvers
/// leave the others out of their models.
/// </summary>
public static class ServableUsers
{
    /// <summary>The servable users of <paramref name="instance"/>, by instance index, ascending.</summary>
    public static int[] Alone(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return [.. Enumerable.Range(0, instance.Users.Length).Where(k => IsServableAlone(instance, k))];
    }

    /// <summary>Whether user <paramref name="user"/> of <paramref name="instance"/> can be served on its own.</summary>
    public static bool IsServableAlone(Instance instance, int user)
    {
        ArgumentNullException.ThrowIfNull(instance);
        User u = instance.Users[user];
        double inference = instance.Models[u.Model].InferenceSeconds;

        // The end time as the evaluator computes it (load, then inference), against the deadline with its tolerance.
        return instance.LoadingTimes.FromInitial(u.Model) + inference <= u.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds
            && BandwidthAllocator.Fits(LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, u.DeadlineSeconds - inference), instance.Server.BandwidthHz);
    }
}
