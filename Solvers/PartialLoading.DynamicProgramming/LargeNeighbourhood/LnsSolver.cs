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
/// best schedule found, and stops early once every user that can be served on its own is served. Status
/// <c>heuristic</c>: it proves no bound.
/// </para>
/// <para>
/// With two threads (<see cref="SolverOptions.Threads"/> ≥ 2) two chains (<see cref="LnsChain"/>) walk independently,
/// the second on a random stream of its own, and meet every <see cref="IterationsBetweenMeetings"/> iterations, where
/// each takes the better of the two bests (the first chain's on a tie); an iteration budget is split between them.
/// Deterministic for a seed, an iteration budget and a thread count: one thread and two give different schedules.
/// </para>
/// </remarks>
public sealed class LnsSolver : IScheduleSolver
{
    /// <summary>Iterations each chain runs between two meetings, when there are several.</summary>
    public const int IterationsBetweenMeetings = 250;

    private const double ValueEpsilon = 1e-9;

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
        MaxThreads = 2,
    };

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        int? iterations = Settings.IterationsFor(instance.Users.Length);
        TimeSpan? limit = options.TimeLimit ?? (iterations is null ? LnsSettings.DefaultTimeLimit : null);
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

        var first = new PlannedSequence(instance, start);
        double startValue = first.Value;
        var gate = new Lock();
        double reported = startValue;
        void Report(PlannedSequence best)
        {
            lock (gate)
            {
                if (best.Value > reported + ValueEpsilon)
                {
                    reported = best.Value;
                    options.Progress?.Report(new SolverProgress(best.Value, null, watch.Elapsed));
                }
            }
        }

        // Chain 0 draws from the seed itself, so one thread walks as it always has; further chains from seeds of their own.
        int chainCount = Math.Clamp(options.Threads, 1, Traits.MaxThreads);
        LnsChain[] chains = [.. Enumerable.Range(0, chainCount).Select(c => new LnsChain(instance, first, ChainSeed(options.Seed, c), Report))];
        PlannedSequence best = first;
        bool Complete() => best.Value >= servableWeight - ValueEpsilon;
        int Budget(int c) => iterations is int total ? (total / chainCount) + (c < total % chainCount ? 1 : 0) : int.MaxValue;
        while (!Complete() && !Stop() && chains.Select((chain, c) => chain.Iterations < Budget(c)).Any(left => left))
        {
            // Between meetings the chains share nothing; at a meeting each takes the best of all (the first chain's
            // on a tie), so with an iteration budget the result depends on the seed and the thread count only.
            int Leg(int c) => chainCount == 1 ? Budget(c) - chains[c].Iterations : Math.Min(IterationsBetweenMeetings, Budget(c) - chains[c].Iterations);
            if (chainCount == 1)
            {
                chains[0].Run(Leg(0), Stop, servableWeight);
            }
            else
            {
                Parallel.For(0, chainCount, new ParallelOptions { MaxDegreeOfParallelism = chainCount }, c => chains[c].Run(Leg(c), Stop, servableWeight));
            }

            foreach (LnsChain chain in chains)
            {
                best = LnsChain.Better(chain.Best, best) ? chain.Best : best;
            }

            foreach (LnsChain chain in chains)
            {
                chain.Adopt(best);
            }
        }

        int iteration = chains.Sum(c => c.Iterations);
        int accepted = chains.Sum(c => c.Accepted);
        double size = chains[0].WindowSize;
        string threads = chainCount == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {chainCount} chains on their own threads, meeting every {IterationsBetweenMeetings} iterations");
        TerminationReason termination = TerminationReasonWords.OfImprovementSearch(Complete(), timeUp, cancellationToken);
        string stopped = termination.ImprovementSearchPhrase();
        string note = string.Create(
            CultureInfo.InvariantCulture,
            $"{iteration} iterations, {accepted} moves kept (stopped: {stopped}); from {startedFrom} {startValue:0.###} → {best.Value:0.###}; windows of {size:0} candidates at the end; seed {options.Seed}{threads}");
        return new SolverResult(best.Plan.ToSchedule(), SolverStatus.Heuristic, note: note) { Termination = termination };
    }

    /// <summary>Chain 0's seed is the run's; the others' are spread from it.</summary>
    private static int ChainSeed(int seed, int chain) => chain == 0 ? seed : unchecked(seed + (chain * (int)0x9E3779B9u));
}
