using PartialLoading.Core.Solving;

namespace PartialLoading.Bounds;

/// <summary>
/// The minimum of several valid bounds (itself valid, docs/model.md §10), the relaxation that gave it, and each
/// relaxation's own value and time, so a report can show what each contributes.
/// </summary>
/// <param name="Value">The least bound; +∞ when no relaxation proved one (only when none ran).</param>
/// <param name="Source">The name of the relaxation that gave <see cref="Value"/> (the first in run order on ties), or null.</param>
/// <param name="Parts">Every relaxation that ran, in run order.</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
public sealed record CombinedBound(double Value, string? Source, IReadOnlyList<RelaxationBound> Parts, TimeSpan Elapsed)
{
    /// <summary>True when <see cref="Value"/> is a finite bound.</summary>
    public bool HasValue => double.IsFinite(Value);

    /// <summary>The relative gap (bound − value) / bound of a schedule of value <paramref name="value"/>, 0 when the bound is 0; null without a bound.</summary>
    public double? GapOf(double value) => HasValue ? SolveReport.RelativeGap(value, Value) : null;
}
