using PartialLoading.Core;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Heuristics.Admission;

namespace PartialLoading.Heuristics.Baselines;

/// <summary>
/// The admission control every baseline shares (docs/model.md §6): users are offered in a fixed order, and a user who would
/// miss its deadline or break the bandwidth budget (its own or an earlier user's) is skipped.
/// </summary>
internal static class AdmissionControl
{
    /// <summary>Offers <paramref name="candidates"/> in order and returns the schedule of those admitted.</summary>
    public static Schedule Admit(Instance instance, IEnumerable<int> candidates, LoadingTimes? loading = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(candidates);
        var schedule = new AdmissionSchedule(instance, loading);
        foreach (int user in candidates)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break; // what has been admitted so far is still a feasible schedule
            }

            schedule.TryAppend(user);
        }

        return schedule.ToSchedule();
    }
}
