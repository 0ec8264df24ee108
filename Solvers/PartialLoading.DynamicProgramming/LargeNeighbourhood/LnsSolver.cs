using System.Diagnostics;
using System.Globalization;
using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// <c>lns</c>: large-neighbourhood search whose repair is exact. Each iteration empties a window of the schedule (a
/// run of positions chosen by one of several destroy operators, <see cref="DestroyOperator"/>), offers it its own
/// users plus unserved users that could fit there and served users of its models from nearby, at most about 40 in
/// all, and refills it optimally under the window's boundary conditions (<see cref="WindowSearch"/>). A move is
/// kept when the whole new order, re-planned by <see cref="OrderPlanner"/>, is feasible and serves more, or as much
/// with less bandwidth (which leaves the next moves more room).
/// </summary>
/// <remarks>
/// <para>
/// The operators are chosen adaptively (<see cref="OperatorWeights"/>, Ropke &amp; Pisinger's ALNS), and the window
/// size adapts: it shrinks when a window search runs out of its node budget and grows while they finish. A tenth of the
/// iterations ask instead for another filling as good as the current one (a sideways move, kept to walk plateaus), and
/// after 50 iterations without a new best (twice the served count when that is more) the search goes back to the best
/// schedule with a random run of up to 60 % of it (at most 40 positions) removed: an iterated local search, which takes
/// 30-user instances out of the first optimum their windows reach. Choosing a
/// window costs O(log K) plus the window's own size; re-planning an accepted order costs O(n), so at 10,000 users an
/// iteration is about a millisecond.
/// </para>
/// <para>
/// It starts from <see cref="SolverOptions.WarmStart"/> when that is feasible and better than its own start, the
/// better of two admission passes (<see cref="StartingOrder"/>), and is never worse than its start. Anytime: it
/// honours the time limit (10 s unless given; none with an iteration budget alone) and cancellation, returning the
/// best schedule found, and stops early once every user that can be served on its own is served. Deterministic for a
/// seed and an iteration budget. Status <c>heuristic</c>: it proves no bound.
/// </para>
/// </remarks>
public sealed class LnsSolver : IScheduleSolver
{
    // Window searches expand at most this many labels.
    private const int NodeLimit = 1500;

    private const double SmallestWindow = 8.0;
    private const double LargestWindow = 40.0;
    private const double ValueEpsilon = 1e-9;

    // Share of iterations that look for a sideways move (another filling of the same value), to leave plateaus.
    private const double SidewaysShare = 0.1;

    // Iterations without a new best (at least; twice the served count when that is more) after which the search
    // goes back to the best schedule with a run of it removed.
    private const int RestartAfter = 50;

    // Share of the served positions the perturbation removes at most, and the most it removes.
    private const double PerturbedShare = 0.6;
    private const int PerturbedMost = 40;

    /// <summary>A search with the given settings (default: until the time limit).</summary>
    public LnsSolver(LnsSettings? settings = null)
    {
        Settings = settings ?? new LnsSettings();
    }

    /// <summary>The settings.</summary>
    public LnsSettings Settings { get; }

    /// <inheritdoc/>
    public string Name => "lns";

    /// <inheritdoc/>
    public SolverTraits Traits { get; } = new()
    {
        TakesWarmStart = true,
        DefaultTimeLimit = LnsSettings.DefaultTimeLimit,
        Reproducibility = Reproducibility.WithIterationBudget,
    };

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        TimeSpan? limit = options.TimeLimit ?? (Settings.Iterations is null ? LnsSettings.DefaultTimeLimit : null);
        bool timeUp = false;
        bool Stop() => cancellationToken.IsCancellationRequested || (limit is TimeSpan l && (timeUp = timeUp || watch.Elapsed >= l));

        var picker = new WindowPicker(instance);
        double servableWeight = picker.Servable.Sum(k => instance.Users[k].Weight);
        // Cancelled before it starts: nothing of its own, only a warm start if one is given.
        OrderPlan start = cancellationToken.IsCancellationRequested ? OrderPlanner.Plan(instance, []) : StartingOrder.Build(instance, picker.Servable);
        if (!start.IsFeasible)
        {
            start = OrderPlanner.Plan(instance, []);
        }

        string startedFrom = "admission passes";
        if (options.WarmStart is Schedule warm && OrderPlanner.Plan(instance, warm.Order) is { IsFeasible: true } warmPlan
            && StartingOrder.Better(instance, warmPlan, start) == warmPlan)
        {
            start = warmPlan;
            startedFrom = "the warm start";
        }

        var current = new PlannedSequence(instance, start);
        PlannedSequence best = current;
        double startValue = current.Value;
        var random = new Random(options.Seed);
        var weights = new OperatorWeights(Enum.GetValues<DestroyOperator>().Length);
        var search = new WindowSearch(NodeLimit);
        double size = 20.0;
        int iteration = 0;
        int accepted = 0;
        int sinceBest = 0;
        bool Complete() => best.Value >= servableWeight - ValueEpsilon;

        while (!Complete() && !Stop() && (Settings.Iterations is not int budget || iteration < budget))
        {
            iteration++;
            var op = (DestroyOperator)weights.Choose(random);
            WindowChoice choice = picker.Pick(op, current, random, (int)size);
            var problem = new WindowProblem(instance, current, choice.Start, choice.End, choice.Candidates);
            double takenValue = choice.Taken.Sum(k => instance.Users[k].Weight);
            bool sideways = random.NextDouble() < SidewaysShare;
            WindowSolution? solution = search.Solve(problem, problem.CurrentValue + takenValue, sideways ? double.PositiveInfinity : problem.CurrentNeedHz, firstOfBest: sideways);
            size = search.Completed ? Math.Min(LargestWindow, size + 0.25) : Math.Max(SmallestWindow, size - 1.0);
            double score = 0.0;
            if (solution is not null && Refill(instance, current, choice, solution) is { IsFeasible: true } plan)
            {
                bool improves = Improves(instance, plan, current);
                if (improves || (sideways && Value(instance, plan) >= current.Value - ValueEpsilon))
                {
                    current = new PlannedSequence(instance, plan);
                    accepted++;
                    score = improves ? OperatorWeights.Improved : OperatorWeights.Sideways;
                }

                if (current.Value > best.Value + ValueEpsilon)
                {
                    score = OperatorWeights.NewBest;
                    sinceBest = -1;
                    options.Progress?.Report(new SolverProgress(current.Value, null, watch.Elapsed));
                }

                if (current.Value > best.Value + ValueEpsilon || (current.Value >= best.Value - ValueEpsilon && current.TotalLeastHz < best.TotalLeastHz))
                {
                    best = current;
                }
            }

            // Back to the best schedule, shaken, after a walk without a new best: iterated local search (Lourenço,
            // Martin & Stützle 2003). Small schedules are otherwise stuck in the first optimum their windows reach.
            if (++sinceBest >= Math.Max(RestartAfter, 2 * best.Count))
            {
                current = Perturbed(instance, best, random);
                sinceBest = 0;
            }

            weights.Record((int)op, score);
        }

        TerminationReason termination = TerminationReasonWords.OfImprovementSearch(Complete(), timeUp, cancellationToken);
        string stopped = termination.ImprovementSearchPhrase();
        string note = string.Create(
            CultureInfo.InvariantCulture,
            $"{iteration} iterations, {accepted} moves kept (stopped: {stopped}); from {startedFrom} {startValue:0.###} → {best.Value:0.###}; windows of {size:0} candidates at the end; seed {options.Seed}");
        return new SolverResult(best.Plan.ToSchedule(), SolverStatus.Heuristic, note: note) { Termination = termination };
    }

    /// <summary>
    /// <paramref name="best"/> without a random run of its positions (a third to all of 60 % of them, at most 40): removing
    /// users never breaks a schedule (docs/model.md §4), and the windows then refill the gap, often differently.
    /// </summary>
    private static PlannedSequence Perturbed(Instance instance, PlannedSequence best, Random random)
    {
        int n = best.Count;
        if (n < 2)
        {
            return best;
        }

        int most = Math.Clamp((int)(PerturbedShare * n), 1, PerturbedMost);
        int length = random.Next(Math.Max(1, most / 3), most + 1);
        int from = random.Next(n - length + 1);
        int[] kept = [.. best.Order.AsSpan(0, from), .. best.Order.AsSpan(from + length)];
        OrderPlan plan = OrderPlanner.Replan(instance, kept, best.Plan);
        return plan.IsFeasible ? new PlannedSequence(instance, plan) : best;
    }

    /// <summary>The order with the window refilled and the users it took from elsewhere removed, planned.</summary>
    private static OrderPlan Refill(Instance instance, PlannedSequence current, WindowChoice choice, WindowSolution solution)
    {
        var taken = new HashSet<int>(choice.Taken);
        var order = new List<int>(current.Count + solution.Order.Length);
        for (int p = 0; p < choice.Start; p++)
        {
            if (!taken.Contains(current.Order[p]))
            {
                order.Add(current.Order[p]);
            }
        }

        order.AddRange(solution.Order);
        for (int p = choice.End; p < current.Count; p++)
        {
            if (!taken.Contains(current.Order[p]))
            {
                order.Add(current.Order[p]);
            }
        }

        return OrderPlanner.Replan(instance, order, current.Plan);
    }

    private static double Value(Instance instance, OrderPlan plan) => plan.Order.Sum(k => instance.Users[k].Weight);

    /// <summary>More value, or as much with less Σβ by more than rounding.</summary>
    private static bool Improves(Instance instance, OrderPlan plan, PlannedSequence current)
    {
        double value = Value(instance, plan);
        return value > current.Value + ValueEpsilon
            || (value >= current.Value - ValueEpsilon && plan.TotalLeastBandwidthHz < current.TotalLeastHz - (1e-12 * plan.BudgetHz));
    }
}
