using System.Diagnostics;
using System.Globalization;
using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// <c>dp</c>: the exact dynamic program of docs/model.md §5 for bottom-layer (backbone) sharing with a common deadline.
/// It solves the scheduling relaxation (instant uploads) exactly in O(|M|·K) for unit or equal weights, or in
/// pseudo-polynomial time for integer weights (<see cref="BusyTimeProgram"/>), orders the result
/// (<see cref="ServiceOrder"/>) and runs the bandwidth test of docs/model.md §4 on it; if that fails, it re-chooses each
/// batch's users by an exact assignment (<see cref="BatchAssignment"/>) and tests again. The relaxation's value bounds every
/// schedule, so when the order passes the test the result is <c>optimal</c> for the joint problem; when it fails,
/// the users are re-chosen with their bandwidth priced (<see cref="PricedSelection"/>), or dropped (largest least
/// bandwidth first, <see cref="BandwidthRepair"/>) when that serves more, then re-chosen for a fixed batch sequence with
/// each user priced at its own latest start (<see cref="OrderedSelection"/>), and the result is <c>feasible</c> with the
/// relaxation's value as its proved bound (docs/model.md §5).
/// </summary>
/// <remarks>
/// Other instances are refused with a <see cref="SolverNotApplicableException"/> whose one-line message names the
/// failing condition (general sharing with a witness block, differing deadlines, non-integer weights). The time limit
/// and the cancellation token are checked between two models of the program; stopped there, the solver returns
/// the empty schedule. Stopped later, it skips or cuts short the repairs that follow (the drop repair still makes one
/// plan, so the result is feasible) and reports <c>time_limit</c> or <c>cancelled</c>.
/// </remarks>
public sealed class DynamicProgrammingSolver : IScheduleSolver
{
    /// <inheritdoc/>
    public string Name => "dp";

    /// <inheritdoc/>
    public SolverTraits Traits { get; } = new()
    {
        Kind = SolverKind.ExactWhenApplicable,
        Restriction = "bottom-layer sharing with a common deadline and integer weights",
    };

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
        bool Stop() => cancellationToken.IsCancellationRequested || (options.TimeLimit is TimeSpan limit && watch.Elapsed > limit);
        RelaxedOptimum? relaxed = BusyTimeProgram.Solve(problem, Stop);
        if (relaxed is null)
        {
            return new SolverResult(Schedule.Empty, SolverStatus.Heuristic, note: "stopped before the dynamic program finished; nothing is served")
            {
                Termination = TerminationReasonWords.Stopped(finished: false, cancellationToken),
            };
        }

        double bound = relaxed.Value * problem.WeightUnit;
        OrderPlan plan = OrderPlanner.Plan(instance, ServiceOrder.Build(problem, relaxed.Counts));
        if (!plan.IsFeasible && plan.MeetsDeadlinesWithInstantUploads && !Stop() && BatchAssignment.Refine(problem, plan) is int[] refined)
        {
            OrderPlan exact = OrderPlanner.Plan(instance, refined);
            if (exact.TotalLeastBandwidthHz < plan.TotalLeastBandwidthHz)
            {
                plan = exact;
            }
        }

        options.Progress?.Report(new SolverProgress(plan.IsFeasible ? bound : 0.0, null, watch.Elapsed));
        if (plan.IsFeasible)
        {
            return new SolverResult(plan.ToSchedule(), SolverStatus.Optimal, bound);
        }

        // The relaxation's value still bounds every schedule (docs/model.md §5), so the repaired schedule comes with it.
        (OrderPlan repaired, int dropped, _) = BandwidthRepair.DropUntilFeasible(instance, plan, Stop);
        (OrderPlan? priced, int tries) = PricedSelection.Search(problem, plan, relaxed.States, Stop);
        string how = string.Create(CultureInfo.InvariantCulture, $"dropped {dropped} of {plan.Order.Length} users, largest least bandwidth first");
        if (priced is not null && PricedSelection.Value(instance, priced) > PricedSelection.Value(instance, repaired))
        {
            how = string.Create(CultureInfo.InvariantCulture, $"re-chose the users with their bandwidth priced ({tries} prices tried), serving {priced.Order.Length}");
            repaired = priced;
        }

        // Then, for the best batch sequence so far, the users re-chosen with each priced at its own latest start.
        // Then the users re-chosen, each priced at its own latest start, for the priced search's best batch sequence and,
        // up to OrderedSelection.SecondSequenceUpTo users (or without the first), the DP's own batches sorted by upload demand.
        var references = new List<OrderPlan>();
        if (priced is not null)
        {
            references.Add(priced);
        }

        if (priced is null || instance.Users.Length <= OrderedSelection.SecondSequenceUpTo)
        {
            references.Add(OrderPlanner.Plan(instance, PricedSelection.ByUploadDemand(problem, [.. plan.Order])));
        }

        foreach (OrderPlan reference in references)
        {
            if (OrderedSelection.Search(problem, reference, Stop) is OrderPlan ordered && PricedSelection.Value(instance, ordered) > PricedSelection.Value(instance, repaired))
            {
                how = string.Create(CultureInfo.InvariantCulture, $"re-chose the users of a batch sequence, each priced at its latest start, serving {ordered.Order.Length}");
                repaired = ordered;
            }
        }

        Schedule schedule = repaired.ToSchedule();
        SolverStatus status = schedule.Order.Sum(k => instance.Users[k].Weight) >= bound ? SolverStatus.Optimal : SolverStatus.Feasible;
        // Past the limit here, some repair above was skipped or cut short (each leaves a feasible plan behind).
        return new SolverResult(schedule, status, bound, note: RepairNote(plan, how, bound))
        {
            Termination = TerminationReasonWords.Stopped(finished: !Stop(), cancellationToken),
        };
    }

    private static string RepairNote(OrderPlan failed, string how, double bound)
    {
        var invariant = CultureInfo.InvariantCulture;
        string why = failed.MeetsDeadlinesWithInstantUploads
            ? string.Create(invariant, $"its users need {Megahertz(failed.TotalLeastBandwidthHz)} MHz of {Megahertz(failed.BudgetHz)} MHz")
            : "it misses the deadline by rounding";
        return string.Create(
            invariant,
            $"the DP's order fails the bandwidth test ({why}); {how}; the scheduling relaxation bounds the value by {bound.ToString("0.######", invariant)}");
    }

    private static string Megahertz(double hz) => double.IsPositiveInfinity(hz) ? "inf" : (hz / 1e6).ToString("0.######", CultureInfo.InvariantCulture);
}
