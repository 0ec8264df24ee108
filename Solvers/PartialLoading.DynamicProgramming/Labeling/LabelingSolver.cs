using System.Diagnostics;
using System.Globalization;
using PartialLoading.Core;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// <c>labeling</c>: an exact solver for the general case (any sharing, any deadlines, any positive weights), bandwidth
/// included — a label-setting dynamic program over schedules built from the back (<see cref="SuffixSearch"/>), with
/// dominance between labels (<see cref="LabelStore"/>) and bounds on what still fits in front (<see cref="PrefixBound"/>).
/// </summary>
/// <remarks>
/// <para>
/// It proves instances of tens of users far faster than the MILP and CP-SAT models, whose relaxations know little
/// about sequencing: the ten generated 30-user, 10-model general instances of the exact-solver target in 0.1–5 s each,
/// where CP-SAT proves 2 of them in 60 s. Its weak spot is many users with near-equal deadlines, where labels tie.
/// Any number of users: a served set is one 64-bit word up to 64 users and grows a word per 64 beyond
/// (<see cref="UserSet"/>). Only memory limits it (<see cref="LabelingSettings.MemoryLimitMegabytes"/>): an instance
/// whose tables alone would take more than half the limit is refused with <see cref="SolverNotApplicableException"/>.
/// </para>
/// <para>
/// Anytime: on the time limit (60 s unless given) or cancellation it returns the best schedule so far with status
/// <c>feasible</c> and the largest bound among the labels not yet expanded. A warm start (<see cref="SolverOptions.WarmStart"/>)
/// is the value to beat from the first label on. Every schedule it reports is re-planned by <see cref="OrderPlanner"/>
/// and kept only if the plan is feasible, so floating-point rounding at a deadline never makes it claim a schedule the
/// evaluator rejects.
/// </para>
/// <para>
/// With <see cref="SolverOptions.Threads"/> above 1 the search runs on that many threads (<see cref="ParallelSuffixSearch"/>).
/// One thread is deterministic: every run returns the same schedule, and a search that ends within the root
/// relaxation's delay explores the same labels. On more, a completed search proves the same optimum, but which optimal
/// schedule is returned, and the counts in the note, may differ between runs.
/// </para>
/// <para>
/// A search still running after a moment gets the time-indexed relaxation (<see cref="RootRelaxation"/>,
/// <see cref="LabelingSettings.RootRelaxation"/>): it charges every load of every visit of a model, which the search's
/// own bounds cannot, so the bound reported is often far lower, and an incumbent that meets it ends the search, proved.
/// </para>
/// </remarks>
/// <param name="settings">The memory limit (default: <see cref="LabelingSettings.Default"/>).</param>
public sealed class LabelingSolver(LabelingSettings? settings = null) : IScheduleSolver
{
    /// <summary>Time limit when <see cref="SolverOptions.TimeLimit"/> is not given.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly LabelingSettings _settings = settings ?? LabelingSettings.Default;

    /// <inheritdoc/>
    public string Name => "labeling";

    /// <inheritdoc/>
    public SolverTraits Traits { get; } = new()
    {
        Kind = SolverKind.Exact,
        TakesWarmStart = true,
        DefaultTimeLimit = DefaultTimeLimit,
        Reproducibility = Reproducibility.WhenCompleted,
        MaxThreads = int.MaxValue,
        Restriction = "instances whose tables fit in half its memory limit",
    };

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        TimeSpan limit = options.TimeLimit ?? DefaultTimeLimit;
        const double tolerance = ScheduleEvaluator.DeadlineToleranceSeconds;
        SequencingData data = SequencingData.Prepare(instance);
        int threads = Math.Max(1, Math.Min(options.Threads, data.Count));
        if (data.PathLoad is not null && data.ModelCount > SequencingData.MaxNodePathModels && !TablesFit(data, threads))
        {
            // Above the node relaxations' limit the tables only serve the thresholds: not worth a refusal.
            data = SequencingData.Prepare(instance, SequencingData.MaxNodePathModels);
        }

        ShardedLabelStore store = StoreWithinMemory(data, threads);

        Schedule best = Schedule.Empty;
        double bestValue = 0.0;
        if (options.WarmStart is Schedule warm && OrderPlanner.Plan(instance, warm.Order).IsFeasible)
        {
            best = warm;
            bestValue = warm.Order.Sum(k => instance.Users[k].Weight);
        }

        // Called with the incumbent locked, by whichever thread found the better suffix.
        bool Install(SuffixSearch search, int depth)
        {
            ReadOnlySpan<int> path = search.Path(depth);
            var order = new int[depth];
            for (int j = 0; j < depth; j++)
            {
                order[j] = data.Users[path[depth - 1 - j]];
            }

            OrderPlan plan = OrderPlanner.Plan(instance, order);
            if (!plan.IsFeasible)
            {
                return false;
            }

            best = plan.ToSchedule();
            bestValue = order.Sum(k => instance.Users[k].Weight);
            return true;
        }

        var incumbent = new SharedIncumbent(bestValue);

        using RootRelaxation? root = _settings.RootRelaxation && data.Count > 0
            ? new RootRelaxation(instance, data, RootRelaxationBytes / sizeof(double), limit, threads == 1, cancellationToken, () => incumbent.Value, Repricing)
            : null;
        // Each search thread's re-pricing scratch comes out of the share kept for it; one re-pricing stops with the search.
        SuffixRepricing Repricing(Bounds.TimeIndexedFrontPricing pricing)
            => new(pricing, data, instance, () => new Bounds.BoundBudget(TimeSpan.FromTicks(Math.Max(0L, (limit - watch.Elapsed).Ticks)), cancellationToken))
            {
                MostWorkspaceBytes = RootRelaxationBytes / threads,
            };

        Func<double>? openBound = null;
        var progressGate = new Lock();
        TimeSpan lastReport = TimeSpan.Zero;
        bool Stop()
        {
            TimeSpan elapsed = watch.Elapsed;
            if (options.Progress is { } progress && elapsed - lastReport >= ProgressInterval)
            {
                lock (progressGate)
                {
                    if (elapsed - lastReport >= ProgressInterval)
                    {
                        lastReport = elapsed;
                        progress.Report(new SolverProgress(incumbent.Value, Math.Min(openBound!(), root?.Cap ?? double.PositiveInfinity), elapsed));
                    }
                }
            }

            root?.Poll(elapsed);
            return cancellationToken.IsCancellationRequested || watch.Elapsed >= limit || incumbent.Value >= (root?.Cap ?? double.PositiveInfinity);
        }

        TimeIndexedNodeBound? Prices() => root?.Prices;
        SuffixRepricing? Repriced() => root?.Repricing;

        bool completed;
        long expanded;
        long repriced;
        long repricedAway;
        if (threads == 1)
        {
            SuffixSearch? search = null;
            search = new SuffixSearch(data, incumbent, store, depth => Install(search!, depth), Stop, tolerance, prices: Prices, repricing: Repriced);
            openBound = search.OpenBound;
            search.Run();
            (completed, expanded, repriced, repricedAway) = (search.Completed, search.Expanded, search.Repriced, search.RepricedAway);
        }
        else
        {
            var search = new ParallelSuffixSearch(data, incumbent, store, threads, Install, Stop, tolerance, Prices, Repriced);
            openBound = search.OpenBound;
            search.Run();
            (completed, expanded, repriced, repricedAway) = (search.Completed, search.Expanded, search.Repriced, search.RepricedAway);
        }

        double rootBound = root?.Finish() ?? double.PositiveInfinity;
        bool provedByRoot = !completed && bestValue >= rootBound;
        completed |= provedByRoot;
        double bound = completed ? bestValue : Math.Min(openBound(), rootBound);
        options.Progress?.Report(new SolverProgress(bestValue, bound, watch.Elapsed));
        string how = provedByRoot ? "proved by the time-indexed bound" : completed ? "search complete" : "stopped early";

        // The root bound is named where it told something: it proved the optimum or is the bound reported.
        string rootNote = provedByRoot || (!completed && rootBound <= bound) ? string.Create(CultureInfo.InvariantCulture, $"; time-indexed bound {rootBound:G10}") : string.Empty;
        string note = string.Create(
            CultureInfo.InvariantCulture,
            $"{how}: {expanded} labels expanded, {store.Count} kept{(store.IsFull ? " (label memory full)" : string.Empty)}{(repriced > 0 ? $", {repriced} suffixes re-priced ({repricedAway} dropped)" : string.Empty)}; {data.Count} of {instance.Users.Length} users servable alone{rootNote}; {threads} thread{(threads == 1 ? string.Empty : "s")}");
        return new SolverResult(best, completed ? SolverStatus.Optimal : SolverStatus.Feasible, bound, note: note)
        {
            Termination = TerminationReasonWords.Stopped(completed, cancellationToken),
        };
    }

    /// <summary>
    /// The memory the root relaxation may hold, kept from the labels' share; as much again is kept for the search threads'
    /// re-pricing (<see cref="SuffixRepricing"/>).
    /// </summary>
    private long RootRelaxationBytes => _settings.RootRelaxation ? _settings.MemoryLimitMegabytes * (1L << 20) / LabelingSettings.RootRelaxationMemoryDivisor : 0;

    /// <summary>Whether the tables of <paramref name="threads"/> searches take at most half the memory limit.</summary>
    private bool TablesFit(SequencingData data, int threads) => TableBytes(data, threads) <= _settings.MemoryLimitMegabytes * (1L << 20) / 2;

    /// <summary>The bytes of the instance's tables and of <paramref name="threads"/> searches' own.</summary>
    private static long TableBytes(SequencingData data, int threads) => data.Bytes + (threads * SuffixSearch.BytesPerThread(data));

    /// <summary>The label store the memory limit leaves room for, after the tables of <paramref name="threads"/> searches.</summary>
    /// <exception cref="SolverNotApplicableException">The tables alone take more than half the limit.</exception>
    private ShardedLabelStore StoreWithinMemory(SequencingData data, int threads)
    {
        const long megabyte = 1L << 20;
        long limit = _settings.MemoryLimitMegabytes * megabyte;
        long tables = TableBytes(data, threads);
        if (!TablesFit(data, threads))
        {
            throw new SolverNotApplicableException(string.Create(
                CultureInfo.InvariantCulture,
                $"labeling: {data.Count} users that can be served alone need {(tables + megabyte - 1) / megabyte} MB of tables on {threads} thread{(threads == 1 ? string.Empty : "s")}, more than half the memory limit of {_settings.MemoryLimitMegabytes} MB"));
        }

        return new ShardedLabelStore(threads == 1 ? 1 : 4 * threads, Math.Max(1, limit - tables - (2 * RootRelaxationBytes)), data.Count);
    }
}
