using PartialLoading.Core.Loading;

namespace PartialLoading.Core.Solving;

/// <summary>What a solver returns: the schedule, its status and, for exact solvers, the proved bound.</summary>
public sealed class SolverResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="schedule">The schedule (feasible; the runner re-verifies it).</param>
    /// <param name="status">Optimal, feasible (with a bound) or heuristic.</param>
    /// <param name="bound">The proved upper bound on the value, or null for heuristics.</param>
    /// <param name="loadingRule">The loading rule the schedule is meant for (full loading for the no-sharing baseline).</param>
    /// <param name="note">A short remark for people (why a status, which formulation), or null.</param>
    public SolverResult(Schedule schedule, SolverStatus status, double? bound = null, LoadingRule loadingRule = LoadingRule.SharedBlocks, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (status != SolverStatus.Heuristic && bound is null)
        {
            throw new ArgumentException("An optimal or feasible status needs a bound.", nameof(bound));
        }

        Schedule = schedule;
        Status = status;
        Bound = bound;
        LoadingRule = loadingRule;
        Note = note;
    }

    /// <summary>The schedule.</summary>
    public Schedule Schedule { get; }

    /// <summary>The status.</summary>
    public SolverStatus Status { get; }

    /// <summary>The proved upper bound, or null.</summary>
    public double? Bound { get; }

    /// <summary>The loading rule the schedule is evaluated under.</summary>
    public LoadingRule LoadingRule { get; }

    /// <summary>A short remark, or null.</summary>
    public string? Note { get; }

    /// <summary>
    /// Who proved <see cref="Bound"/> when it is not the solver itself: a relaxation's name (docs/model.md §10), attached
    /// by <see cref="SolveReport.WithProvedBound"/>; null when the solver proved it or there is no bound.
    /// </summary>
    public string? BoundSource { get; init; }

    /// <summary>Why the solver stopped (default: it ran to its end).</summary>
    public TerminationReason Termination
    {
        get;
        init => field = value != TerminationReason.NotApplicable ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A refusal has no result.");
    } = TerminationReason.Completed;
}
