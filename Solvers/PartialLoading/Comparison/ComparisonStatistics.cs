namespace PartialLoading.Comparison;

/// <summary>
/// Summaries of comparison rows per solver (<see cref="PerSolver"/>) and per solver and instance over the seeds
/// (<see cref="PerInstance"/>). Over all of a solver's rows the sample is its instance × seed results, so the
/// interval speaks of the mean over this set of instances; per instance it is the seeds, so it speaks of the
/// solver's variation with the seed.
/// </summary>
public static class ComparisonStatistics
{
    /// <summary>One summary per solver over all its rows, solvers in order of first appearance.</summary>
    public static IReadOnlyList<SolverStatistics> PerSolver(IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.GroupBy(r => r.Solver, StringComparer.Ordinal).Select(g => Summarise(g.Key, null, [.. g]))];
    }

    /// <summary>One summary per instance and solver over the seeds, instances and then solvers in order of first appearance.</summary>
    public static IReadOnlyList<SolverStatistics> PerInstance(IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.GroupBy(r => (r.Instance, r.Solver)).Select(g => Summarise(g.Key.Solver, g.Key.Instance, [.. g]))];
    }

    private static SolverStatistics Summarise(string solver, string? instance, List<ComparisonRow> rows)
    {
        ComparisonRow[] results = [.. rows.Where(r => r.HasResult)];
        return results.Length == 0
            ? new SolverStatistics(solver, instance, rows.Count, null, null)
            : new SolverStatistics(solver, instance, rows.Count, SampleSummary.Of(results.Select(r => r.Value!.Value)), SampleSummary.Of(results.Select(r => r.Gap ?? 0.0)));
    }
}
