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
    internal SolveReport(Instance instance, string solver, SolverResult result, ScheduleEvaluation evaluation, TimeSpan runtime)
    {
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

    /// <summary>Solver time, excluding reading the instance.</summary>
    public TimeSpan Runtime { get; }

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

    /// <summary>One line: solver, value, users served, status, bound, gap and runtime.</summary>
    public override string ToString()
    {
        var invariant = CultureInfo.InvariantCulture;
        string bound = Bound is double b ? string.Create(invariant, $", bound {b:0.######}, gap {Gap:0.##%}") : string.Empty;
        return string.Create(invariant, $"{Solver}: value {Value:0.######} ({Served} of {Instance.Users.Length} users served), {Status.ToWord()}{bound}, {Runtime.TotalSeconds:0.###} s");
    }
}
