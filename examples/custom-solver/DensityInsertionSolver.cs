using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;

/// <summary>
/// A heuristic of one's own, built on the toolkit's public building blocks. Phase 1 is a density greedy: next, among
/// the users that still fit (<see cref="AdmissionSchedule.CanAppend"/>), the one with the most weight per second of
/// server time — loading its model after the one in memory (<see cref="LoadingTimes.Seconds"/>) plus its inference.
/// Phase 2 tries every user left out at every position of the order and keeps an insertion when
/// <see cref="OrderPlanner.Plan"/> says the longer order still meets every deadline within the bandwidth budget
/// (least bandwidths, docs/model.md §4).
/// </summary>
internal sealed class DensityInsertionSolver : IScheduleSolver
{
    public string Name => "density-insertion";

    // Deterministic, no time limit of its own, one thread: the default traits of a heuristic say so.
    public SolverTraits Traits => SolverTraits.Heuristic;

    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        LoadingTimes loading = instance.LoadingTimes;
        var schedule = new AdmissionSchedule(instance);
        var left = new HashSet<int>(Enumerable.Range(0, instance.Users.Length));
        while (!cancellationToken.IsCancellationRequested)
        {
            int from = schedule.Count == 0 ? instance.Server.InitialModel ?? LoadingTimes.EmptyMemory : schedule.LastModel;
            int next = left
                .Where(schedule.CanAppend)
                .OrderByDescending(k => Density(instance, loading, from, k))
                .ThenBy(k => instance.Users[k].DeadlineSeconds)
                .DefaultIfEmpty(-1)
                .First();
            if (next < 0)
            {
                break;
            }

            schedule.TryAppend(next);
            left.Remove(next);
        }

        List<int> order = [.. schedule.Order];
        OrderPlan best = OrderPlanner.Plan(instance, order, loading);
        foreach (int user in left.OrderByDescending(k => instance.Users[k].Weight).ThenBy(k => k))
        {
            for (int place = 0; place <= order.Count && !cancellationToken.IsCancellationRequested; place++)
            {
                order.Insert(place, user);
                OrderPlan plan = OrderPlanner.Plan(instance, order, loading);
                if (plan.IsFeasible)
                {
                    best = plan;
                    break;
                }

                order.RemoveAt(place);
            }
        }

        return new SolverResult(best.ToSchedule(), SolverStatus.Heuristic);
    }

    private static double Density(Instance instance, LoadingTimes loading, int from, int user)
    {
        User u = instance.Users[user];
        double busy = loading.Seconds(from, u.Model) + instance.Models[u.Model].InferenceSeconds;
        return busy > 0 ? u.Weight / busy : double.PositiveInfinity;
    }
}
