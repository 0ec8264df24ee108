using System.Diagnostics;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Solving;

/// <summary>
/// Runs a solver, times it, and re-verifies its schedule with the <see cref="ScheduleEvaluator"/> before anything
/// is reported: a solver that returns an infeasible schedule, or a value above its own bound, is a defect and is
/// stopped here rather than shown to a user. It is the one way a solve is reported: the command line, the
/// <c>PartialLoading</c> package's <c>Plsolve.Solve</c> and the tests all go through it. It also applies the
/// <see cref="SolverOptions.WarmStartPolicy"/>, so a warm start is decided in this one place.
/// </summary>
public static class SolverRunner
{
    /// <summary>Solves and verifies.</summary>
    /// <param name="solver">The solver.</param>
    /// <param name="instance">The instance.</param>
    /// <param name="options">Time limit, threads, seed, progress and warm start (default: <see cref="SolverOptions.Default"/>).</param>
    /// <param name="cancellationToken">Stops the solver early; the best schedule found so far is then reported.</param>
    /// <remarks>
    /// Whatever the solver reports on the way, <see cref="SolverOptions.Progress"/> is told the verified outcome last
    /// (value, bound, solver time), so a progress display always ends on the number that is reported. A warm start's
    /// wall time counts against the time limit (given, or the solver's default): the solver gets what is left.
    /// </remarks>
    /// <exception cref="SolverNotApplicableException">The solver refuses the instance.</exception>
    /// <exception cref="SolverDefectException">The solver's result does not hold up.</exception>
    public static SolveReport Run(IScheduleSolver solver, Instance instance, SolverOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(instance);
        options ??= SolverOptions.Default;
        var watch = Stopwatch.StartNew();
        SolveReport? warmStart = WarmStart(solver, instance, options, cancellationToken);
        if (warmStart is not null)
        {
            options = options with { WarmStart = warmStart.Schedule, TimeLimit = TimeLeft(options.TimeLimit ?? solver.Traits.DefaultTimeLimit, watch.Elapsed) };
        }

        watch.Restart();
        SolverResult result = solver.Solve(instance, options, cancellationToken);
        watch.Stop();

        ScheduleEvaluation evaluation = new ScheduleEvaluator(instance, result.LoadingRule).Evaluate(result.Schedule);
        if (!evaluation.IsFeasible)
        {
            throw new SolverDefectException(solver.Name, $"returned an infeasible schedule: {string.Join("; ", evaluation.Violations)}");
        }

        if (result.Bound is double bound && evaluation.Value > bound + (1e-9 * Math.Max(1.0, Math.Abs(bound))))
        {
            throw new SolverDefectException(solver.Name, $"returned value {evaluation.Value} above its own bound {bound}");
        }

        if (result.Status == SolverStatus.Optimal && result.Bound is double proved && evaluation.Value < proved - (1e-9 * Math.Max(1.0, Math.Abs(proved))))
        {
            throw new SolverDefectException(solver.Name, $"claims optimality with value {evaluation.Value} below its bound {proved}");
        }

        options.Progress?.Report(new SolverProgress(evaluation.Value, result.Bound, watch.Elapsed));
        return new SolveReport(instance, solver.Name, result, evaluation, watch.Elapsed, warmStart);
    }

    /// <summary>
    /// What is left of <paramref name="limit"/> after the warm start's <paramref name="spent"/>: the warm start counts
    /// against the search's limit, so warm start and search together keep to it. Never below a millisecond (a limit must
    /// be positive; the search then stops at once with the warm start's schedule). Null when there is no limit.
    /// </summary>
    private static TimeSpan? TimeLeft(TimeSpan? limit, TimeSpan spent)
    {
        if (limit is not TimeSpan total)
        {
            return null;
        }

        TimeSpan left = total - spent;
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>
    /// The warm start <see cref="Run"/> gives <paramref name="solver"/>: when it <see cref="SolverTraits.TakesWarmStart"/>
    /// and <paramref name="options"/> carry no schedule, the best verified run of the policy's heuristics, in order (each
    /// with <see cref="WarmStartPolicy.HeuristicTimeLimit"/> and no progress reports; one that takes a warm start goes on
    /// from the best schedule of those before it). Heuristics that refuse the instance are skipped; the solver's own name
    /// and those after it in the policy are not run. Null when there is none to give.
    /// </summary>
    /// <param name="solver">The solver to be started.</param>
    /// <param name="instance">The instance.</param>
    /// <param name="options">The search's options: its time limit sets the heuristics' share.</param>
    /// <param name="cancellationToken">Stops the heuristics early.</param>
    public static SolveReport? WarmStart(IScheduleSolver solver, Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        if (options.WarmStart is not null || !solver.Traits.TakesWarmStart || options.WarmStartPolicy is not { } policy)
        {
            return null;
        }

        var heuristicOptions = options with
        {
            Progress = null,
            WarmStartPolicy = null,
            TimeLimit = policy.HeuristicTimeLimit(options.TimeLimit ?? solver.Traits.DefaultTimeLimit),
        };
        SolveReport? best = null;
        TimeSpan spent = TimeSpan.Zero;
        foreach (IScheduleSolver heuristic in policy.Starting(solver.Name))
        {
            SolveReport report;
            try
            {
                // Each search goes on from the best schedule so far, so a later, stronger search need not find it again.
                SolverOptions started = heuristic.Traits.TakesWarmStart && best is not null ? heuristicOptions with { WarmStart = best.Schedule } : heuristicOptions;
                report = Run(heuristic, instance, started, cancellationToken);
            }
            catch (SolverNotApplicableException)
            {
                continue;
            }

            spent += report.Runtime;
            if (best is null || report.Value > best.Value)
            {
                best = report;
            }
        }

        return best?.WithRuntime(spent);
    }
}

/// <summary>A solver broke its contract (infeasible schedule, value above its bound). Always a bug to report.</summary>
public sealed class SolverDefectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SolverDefectException(string solver, string message)
        : base($"solver '{solver}' {message}")
    {
        Solver = solver;
    }

    /// <summary>The solver at fault.</summary>
    public string Solver { get; }
}
