using System.Diagnostics;
using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// <c>local</c>: starts from the greedy schedule and improves it with feasibility-preserving moves (see
/// <see cref="Neighbourhood"/>), then iterates ruin and improve: drop a few users at
/// random, re-insert and improve again, keep the result when it serves at least as much as the current schedule (a
/// walk on plateaus), and go back to the best schedule after <see cref="LocalSearchSettings.RestartAfter"/>
/// iterations without progress.
/// </summary>
/// <remarks>
/// Anytime: it honours the time limit (default 2 s) and cancellation and returns the best schedule found, which is
/// never worse than greedy's or EDD's (the better of the two is the first best) or than
/// <see cref="SolverOptions.WarmStart"/>: a warm start that serves more than both is where the descent begins (the
/// catalog's runner gives it dp's schedule where dp applies, far ahead of greedy on bottom-layer sharing with a
/// common deadline at scale). Deterministic for a seed and an
/// iteration budget.
/// It stops early once every user that can be served on its own is served, since nothing can be better.
/// </remarks>
public sealed class LocalSearchSolver : IScheduleSolver
{
    // Progress is reported on every new best and at least this often.
    private const int ProgressEvery = 64;

    /// <summary>A local search with the given settings (default: until the time limit).</summary>
    public LocalSearchSolver(LocalSearchSettings? settings = null)
    {
        Settings = settings ?? new LocalSearchSettings();
    }

    /// <summary>The settings.</summary>
    public LocalSearchSettings Settings { get; }

    /// <inheritdoc/>
    public string Name => "local";

    /// <inheritdoc/>
    public SolverTraits Traits { get; } = new()
    {
        TakesWarmStart = true,
        DefaultTimeLimit = LocalSearchSettings.DefaultTimeLimit,
        Reproducibility = Reproducibility.WithIterationBudget,
    };

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        TimeSpan? limit = options.TimeLimit ?? (Settings.Iterations is null ? LocalSearchSettings.DefaultTimeLimit : null);
        bool timeUp = false;
        bool Stop() => cancellationToken.IsCancellationRequested || (limit is TimeSpan l && (timeUp = timeUp || watch.Elapsed >= l));

        // The search descends from greedy's schedule, whose same-model batches leave room to insert; EDD's, when it
        // serves more (deadline-driven instances), is the best known from the start, so neither is ever beaten.
        GreedyRun greedy = GreedyConstruction.Run(instance, Settings.StartRule, cancellationToken);
        var current = new ServiceSequence(instance, instance.LoadingTimes, greedy.Schedule.Order);
        Schedule eddSchedule = AdmissionControl.Admit(instance, EarliestDeadlineBaseline.ByDeadline(instance), cancellationToken: cancellationToken);
        var edd = new ServiceSequence(instance, instance.LoadingTimes, eddSchedule.Order);
        bool eddFirst = edd.Value > current.Value;
        ServiceSequence best = (eddFirst ? edd : current).Clone();
        Schedule bestSchedule = eddFirst ? eddSchedule : greedy.Schedule.ToSchedule();
        var moves = new Neighbourhood(instance, instance.LoadingTimes, new Random(options.Seed), Stop);
        double greedyValue = current.Value;
        string foundBy = eddFirst ? "edd" : "greedy";
        string warmed = string.Empty;

        // A warm start that serves more than both is where the descent begins (another search's result, continued);
        // one that does not is ignored, so a warm start never makes the result worse.
        if (options.WarmStart is Schedule warm && warm.Count > 0 && OrderPlanner.Plan(instance, warm.Order) is { IsFeasible: true } warmPlan)
        {
            var warmSequence = new ServiceSequence(instance, instance.LoadingTimes, warmPlan.Order);
            warmed = $", warm start {Format(warmSequence.Value)}";
            if (warmSequence.Score.CompareTo(best.Score) > 0)
            {
                current = warmSequence;
                (best, bestSchedule, foundBy) = (warmSequence.Clone(), warmPlan.ToSchedule(), "the warm start");
            }
        }

        bool Improves(ServiceSequence candidate, int iteration)
        {
            if (candidate.Score.CompareTo(best.Score) <= 0)
            {
                return false;
            }

            // The planner is the arbiter: a candidate is kept only if its own recomputation is feasible.
            OrderPlan plan = OrderPlanner.Plan(instance, candidate.Order);
            if (!plan.IsFeasible)
            {
                return false;
            }

            (best, bestSchedule) = (candidate.Clone(), plan.ToSchedule());
            foundBy = iteration == 0 ? "the first descent" : $"iteration {iteration}";
            options.Progress?.Report(new SolverProgress(best.Value, null, watch.Elapsed));
            return true;
        }

        bool Complete() => best.Value >= moves.ServableWeight - 1e-9;

        if (!Complete())
        {
            moves.Descend(current, shuffled: false);
            Improves(current, 0);
        }

        int iteration = 0;
        int sinceBest = 0;
        while (!Complete() && !Stop() && (Settings.Iterations is not int budget || iteration < budget))
        {
            iteration++;
            ServiceSequence candidate = current.Clone();
            moves.Ruin(candidate);
            moves.Descend(candidate, shuffled: true);
            if (candidate.Value >= current.Value)
            {
                current = candidate;
            }

            if (Improves(candidate, iteration))
            {
                sinceBest = 0;
            }
            else if (++sinceBest >= Settings.RestartAfter)
            {
                current = best.Clone();
                sinceBest = 0;
            }

            if (iteration % ProgressEvery == 0)
            {
                options.Progress?.Report(new SolverProgress(best.Value, null, watch.Elapsed));
            }
        }

        TerminationReason termination = TerminationReasonWords.OfImprovementSearch(Complete(), timeUp, cancellationToken);
        string stopped = termination.ImprovementSearchPhrase();
        string note = $"{iteration} iterations (stopped: {stopped}); greedy {Format(greedyValue)}, edd {Format(edd.Value)}{warmed} → {Format(best.Value)}, best found by {foundBy}; seed {options.Seed}";
        return new SolverResult(bestSchedule, SolverStatus.Heuristic, note: note) { Termination = termination };
    }

    private static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
