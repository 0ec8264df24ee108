using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Solving;

/// <summary>A verified solve: the solver's result, the evaluator's timeline of it, and the time it took.</summary>
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

    /// <summary>The status.</summary>
    public SolverStatus Status => Result.Status;

    /// <summary>Σ w of the served users.</summary>
    public double Value => Evaluation.Value;

    /// <summary>The proved bound, or null.</summary>
    public double? Bound => Result.Bound;

    /// <summary>Relative gap (bound − value) / bound, 0 when both are 0; null without a bound.</summary>
    public double? Gap => Bound is double bound ? (bound > 0.0 ? Math.Max(0.0, bound - Value) / bound : 0.0) : null;
}
