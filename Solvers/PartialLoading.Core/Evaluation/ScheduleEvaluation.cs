using System.Collections.Immutable;

namespace PartialLoading.Core.Evaluation;

/// <summary>The full timeline of a schedule and whether it is feasible (docs/model.md §3).</summary>
public sealed class ScheduleEvaluation
{
    internal ScheduleEvaluation(ImmutableArray<TimelineEntry> timeline, ImmutableArray<Violation> violations, double value, int served, bool bandwidthDerived)
    {
        Timeline = timeline;
        Violations = violations;
        Value = value;
        Served = served;
        BandwidthDerived = bandwidthDerived;
        double used = 0.0;
        foreach (TimelineEntry entry in timeline)
        {
            used += entry.BandwidthHz;
        }

        BandwidthUsedHz = used;
        MakespanSeconds = timeline.IsEmpty ? 0.0 : timeline[^1].EndSeconds;
    }

    /// <summary>One entry per position, in service order.</summary>
    public ImmutableArray<TimelineEntry> Timeline { get; }

    /// <summary>Every violation; empty iff the schedule is feasible.</summary>
    public ImmutableArray<Violation> Violations { get; }

    /// <summary>True when every deadline is met and the bandwidths fit the budget, with the tolerances of docs/model.md §3.</summary>
    public bool IsFeasible => Violations.IsEmpty;

    /// <summary>Σ w_k over the distinct users listed (the objective when the schedule is feasible).</summary>
    public double Value { get; }

    /// <summary>The number of distinct users listed.</summary>
    public int Served { get; }

    /// <summary>End of the last inference, seconds (0 for the empty schedule).</summary>
    public double MakespanSeconds { get; }

    /// <summary>Σ b_k, Hz.</summary>
    public double BandwidthUsedHz { get; }

    /// <summary>True when no bandwidths were given and each user got exactly β(LS_n) (docs/model.md §8).</summary>
    public bool BandwidthDerived { get; }
}
