using System.Globalization;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Solving;

/// <summary>
/// A verified solve: the solver's result, the evaluator's timeline of it, and the time it took. Made by
/// <see cref="SolverRunner.Run"/>, so the schedule has been recomputed from the instance and found feasible.
/// </summary>
public sealed class SolveReport
{
    internal SolveReport(Instance instance, string solver, SolverResult result, ScheduleEvaluation evaluation, TimeSpan runtime, SolveReport? warmStart = null, TimeSpan boundTime = default)
    {
        BoundTime = boundTime;
        WarmStart = warmStart;
        Instance = instance;
        Solver = solver;
        Result = result;
        Evaluation = evaluation;
        Runtime = runtime;
    }

    /// <summary>The instance solved.</summary>
    public Instance Instance { get; }

    /// <summary>The solver's name.</summary>
    public string Solver { get; }

    /// <summary>What the solver returned.</summary>
    public SolverResult Result { get; }

    /// <summary>The evaluator's recomputation of the schedule (always feasible here).</summary>
    public ScheduleEvaluation Evaluation { get; }

    /// <summary>Solver time, excluding reading the instance and the <see cref="WarmStart"/>.</summary>
    public TimeSpan Runtime { get; }

    /// <summary>
    /// The heuristic run that warm-started the solver by <see cref="SolverOptions.WarmStartPolicy"/> (the best of the
    /// policy's heuristics; its <see cref="Runtime"/> is all of them together), or null when none ran.
    /// </summary>
    public SolveReport? WarmStart { get; }

    /// <summary>The warm start's time (zero when none ran).</summary>
    public TimeSpan WarmStartTime => WarmStart?.Runtime ?? TimeSpan.Zero;

    /// <summary>The time spent proving a bound after the solve (<see cref="WithProvedBound"/>); zero when none was attached.</summary>
    public TimeSpan BoundTime { get; }

    /// <summary>Who proved <see cref="Bound"/>: the solver's name, or the relaxation that <see cref="WithProvedBound"/> attached; null without a bound.</summary>
    public string? BoundSource => Bound is null ? null : Result.BoundSource ?? Solver;

    /// <summary>
    /// This report with <paramref name="bound"/>, proved elsewhere (a relaxation of docs/model.md §10), when it is
    /// tighter than the solver's own: the status becomes <c>optimal</c> when the value meets it, else <c>feasible</c>.
    /// The schedule, its evaluation, the runtime and the termination reason stay as they are.
    /// </summary>
    /// <param name="bound">A proved upper bound on the optimum; +∞ (nothing proved) leaves the report as it is.</param>
    /// <param name="source">Who proved it, e.g. <c>time-knapsack</c>.</param>
    /// <param name="time">How long proving it took.</param>
    /// <exception cref="SolverDefectException">The bound lies below this verified schedule's value: the relaxation is wrong.</exception>
    public SolveReport WithProvedBound(double bound, string source, TimeSpan time)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (double.IsNaN(bound))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "A bound is a number.");
        }

        double tolerance = 1e-9 * Math.Max(1.0, Math.Abs(Value));
        if (bound < Value - tolerance)
        {
            throw new SolverDefectException(source, $"proved bound {bound} below the verified value {Value} of {Solver}'s schedule");
        }

        if (double.IsPositiveInfinity(bound) || Status == SolverStatus.Optimal || (Bound is double own && own <= bound))
        {
            return new SolveReport(Instance, Solver, Result, Evaluation, Runtime, WarmStart, BoundTime + time);
        }

        SolverStatus status = Value >= bound - tolerance ? SolverStatus.Optimal : SolverStatus.Feasible;
        var result = new SolverResult(Result.Schedule, status, Math.Max(bound, Value), Result.LoadingRule, Result.Note)
        {
            Termination = Result.Termination,
            BoundSource = source,
        };
        return new SolveReport(Instance, Solver, result, Evaluation, Runtime, WarmStart, BoundTime + time);
    }

    /// <summary>Why the solver stopped.</summary>
    public TerminationReason Termination => Result.Termination;

    /// <summary>The schedule: served users in service order and their bandwidths.</summary>
    public Schedule Schedule => Result.Schedule;

    /// <summary>The status: optimal, feasible (with a bound) or heuristic.</summary>
    public SolverStatus Status => Result.Status;

    /// <summary>The number of users served.</summary>
    public int Served => Evaluation.Served;

    /// <summary>Σ w of the served users.</summary>
    public double Value => Evaluation.Value;

    /// <summary>The proved bound, or null.</summary>
    public double? Bound => Result.Bound;

    /// <summary>Relative gap (bound − value) / bound, 0 when both are 0; null without a bound.</summary>
    public double? Gap => Bound is double bound ? RelativeGap(Value, bound) : null;

    /// <summary>
    /// (bound − value) / bound, never negative; 0 when the bound is 0 (nothing can be served). The one definition of
    /// the gap that reports, comparisons and benchmarks print.
    /// </summary>
    public static double RelativeGap(double value, double bound) => bound > 0.0 ? Math.Max(0.0, bound - value) / bound : 0.0;

    /// <summary>The solver's short remark (why a status, which formulation), or null.</summary>
    public string? Note => Result.Note;

    /// <summary>This report with another runtime: a warm start's total over the heuristics it tried.</summary>
    internal SolveReport WithRuntime(TimeSpan runtime) => new(Instance, Solver, Result, Evaluation, runtime, WarmStart, BoundTime);

    /// <summary>One line: solver, value, users served, status, bound, gap, runtime and the warm start's time.</summary>
    public override string ToString()
    {
        var invariant = CultureInfo.InvariantCulture;
        string warm = WarmStart is null ? string.Empty : string.Create(invariant, $" (+ {WarmStartTime.TotalSeconds:0.###} s warm start)");
        string bound = Bound is double b ? string.Create(invariant, $", bound {b:0.######}, gap {Gap:0.##%}") : string.Empty;
        return string.Create(invariant, $"{Solver}: value {Value:0.######} ({Served} of {Instance.Users.Length} users served), {Status.ToWord()}{bound}, {Runtime.TotalSeconds:0.###} s{warm}");
    }
}
