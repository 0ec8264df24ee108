namespace PartialLoading.Comparison;

/// <summary>
/// One solver's results summarised over a set of rows: the value and the gap to the best bound, each with mean,
/// standard deviation and 95 % t-interval (<see cref="SampleSummary"/>). Rows without a result (refused, defect,
/// infeasible) are counted in <see cref="Runs"/> but are not part of the sample.
/// </summary>
/// <param name="Solver">The solver.</param>
/// <param name="Instance">The instance, for a summary over the seeds of one instance; null for one over all the solver's rows.</param>
/// <param name="Runs">Rows summarised (instances × seeds, or seeds).</param>
/// <param name="Value">Σ w of the served users over the rows with a result; null when none has one.</param>
/// <param name="Gap">Gap to the best bound over the rows with a result; null when none has one.</param>
public sealed record SolverStatistics(string Solver, string? Instance, int Runs, SampleSummary? Value, SampleSummary? Gap)
{
    /// <summary>n: rows with a result, the sample size of <see cref="Value"/> and <see cref="Gap"/>.</summary>
    public int Results => Value?.Count ?? 0;
}
