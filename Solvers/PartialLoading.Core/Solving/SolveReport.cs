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
    internal SolveReport(Instance instance, string solver, SolverResult result, ScheduleEvaluation evaluation, TimeSpan runtime, SolveReport? warmStart = null)
    {
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
    internal SolveReport WithRuntime(TimeSpan runtime) => new(Instance, Solver, Result, Evaluation, runtime, WarmStart);

    /// <summary>One line: solver, value, users served, status, bound, gap, runtime and the warm start's time.</summary>
    public override string ToString()
    {
        var invariant = CultureInfo.InvariantCulture;
        string warm = WarmStart is null ? string.Empty : string.Create(invariant, $" (+ {WarmStartTime.TotalSeconds:0.###} s warm start)");
        string bound = Bound is double b ? string.Create(invariant, $", bound {b:0.######}, gap {Gap:0.##%}") : string.Empty;
        return string.Create(invariant, $"{Solver}: value {Value:0.######} ({Served} of {Instance.Users.Length} users served), {Status.ToWord()}{bound}, {Runtime.TotalSeconds:0.###} s{warm}");
    }
}
