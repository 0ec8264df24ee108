using System.Diagnostics;
using System.Runtime.CompilerServices;
using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// The frame every relaxation runs in: the shared <see cref="RelaxationData"/> of the instance (built once per
/// instance and kept while the instance lives), the stopwatch, outward rounding of the raw value, and the record.
/// </summary>
internal static class RelaxationRun
{
    private static readonly ConditionalWeakTable<Instance, RelaxationData> Cache = [];

    /// <summary>What a relaxation's body returns: a raw bound (not yet rounded; +∞ for none), whether it finished, a note.</summary>
    public readonly record struct Outcome(double Raw, bool Completed = true, string? Note = null)
    {
        public static Outcome NotApplicable(string why) => new(double.PositiveInfinity, true, $"does not apply: {why}");
    }

    public static RelaxationBound Run(string name, Instance instance, BoundBudget budget, Func<RelaxationData, Outcome> body)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(budget);
        var watch = Stopwatch.StartNew();
        if (budget.IsSpent)
        {
            string why = budget.CancellationToken.IsCancellationRequested ? "stopped before it ran" : "the time limit was reached";
            return new RelaxationBound(name, double.PositiveInfinity, watch.Elapsed, false, $"not run: {why}");
        }

        RelaxationData data = Cache.GetValue(instance, RelaxationData.Of);
        Outcome outcome = data.Count == 0 ? new Outcome(0.0) : body(data);
        return new RelaxationBound(name, OutwardRounding.Round(instance, outcome.Raw), watch.Elapsed, outcome.Completed, outcome.Note);
    }
}
