using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Comparison;

/// <summary>
/// The best bound known for each instance, and every row's gap against it. The candidates are the bounds the
/// solvers of the rows proved, and the bound each row already carries: when a row is made, the lowest of Σ w (serving
/// everybody, <c>total-weight</c>) and the instance's <see cref="ComparisonInstance.KnownBounds"/> (the library's
/// best bound, <c>library</c>, when the instance sits in a library whose <c>results.csv</c> lists it with the same
/// number of users). A merge applies the same rule across files, so a bound proved in one file tightens the gaps of
/// the rows of another.
/// </summary>
public static class BestBounds
{
    /// <summary>The source word of a bound taken from the library's <c>results.csv</c>.</summary>
    public const string Library = "library";

    /// <summary>The bound every instance has before any solver runs: Σ w, or the lowest known bound that applies when lower.</summary>
    /// <param name="instance">The instance read.</param>
    /// <param name="known">Bounds known beforehand (<see cref="ComparisonInstance.KnownBounds"/>).</param>
    public static KnownBound Baseline(Instance instance, IEnumerable<KnownBound> known)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(known);
        var best = new KnownBound(instance.TotalWeight, LibraryResults.TotalWeightBound);
        foreach (KnownBound bound in known)
        {
            if (bound.AppliesTo(instance) && bound.Value < best.Value)
            {
                best = bound;
            }
        }

        return best;
    }

    /// <summary>
    /// The rows with <see cref="ComparisonRow.BestBound"/>, <see cref="ComparisonRow.BestBoundBy"/> and
    /// <see cref="ComparisonRow.Gap"/> recomputed per instance (ties go to a solver's own bound, in row order).
    /// </summary>
    public static List<ComparisonRow> Apply(IEnumerable<ComparisonRow> rows)
    {
        List<ComparisonRow> list = [.. rows];
        var best = new Dictionary<string, (double Bound, string By)>(StringComparer.Ordinal);
        void Consider(string instance, double bound, string by)
        {
            if (!best.TryGetValue(instance, out var current) || bound < current.Bound)
            {
                best[instance] = (bound, by);
            }
        }

        foreach (ComparisonRow row in list)
        {
            if (row.Bound is double own)
            {
                Consider(row.Instance, own, row.BoundBy ?? row.Solver);
            }
        }

        foreach (ComparisonRow row in list)
        {
            Consider(row.Instance, row.BestBound, row.BestBoundBy);
        }

        return [.. list.Select(r =>
        {
            (double bound, string by) = best[r.Instance];
            return r with { BestBound = bound, BestBoundBy = by, Gap = r.Value is double v ? SolveReport.RelativeGap(v, bound) : null };
        })];
    }

    /// <summary>Rows whose value exceeds the best bound: some solver (or the library) is wrong, which is a defect.</summary>
    public static IEnumerable<ComparisonRow> AboveBestBound(IEnumerable<ComparisonRow> rows)
        => rows.Where(r => r.Value is double v && v > r.BestBound + (1e-9 * Math.Max(1.0, Math.Abs(r.BestBound))));
}
