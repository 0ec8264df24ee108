namespace PartialLoading.Comparison;

/// <summary>
/// One row of a comparison: one solver on one instance with one seed. Rows of solvers that refused the instance or broke their
/// contract carry no value, runtime or gap, and say why in <see cref="Note"/>.
/// </summary>
public sealed record ComparisonRow
{
    /// <summary>The instance's name (its folder's name): rows are keyed by it, with <see cref="Solver"/>.</summary>
    public required string Instance { get; init; }

    /// <summary>K, the instance's number of users.</summary>
    public required int Users { get; init; }

    /// <summary>The solver's name (a catalog name, <see cref="Core.Solving.IScheduleSolver.Name"/>, or the name given to scored schedules).</summary>
    public required string Solver { get; init; }

    /// <summary><c>optimal</c>, <c>feasible</c>, <c>heuristic</c>, or one of <see cref="ComparisonStatus"/>'s words for rows without a result.</summary>
    public required string Status { get; init; }

    /// <summary>
    /// Why the solver stopped (<c>completed</c>, <c>time_limit</c>, <c>cancelled</c>, <c>iteration_limit</c>,
    /// <c>not_applicable</c>; docs/model.md §9); null for a defect.
    /// </summary>
    public string? Termination { get; init; }

    /// <summary>Σ w of the served users; null when the solver gave no result.</summary>
    public double? Value { get; init; }

    /// <summary>Users served; null when the solver gave no result.</summary>
    public int? Served { get; init; }

    /// <summary>The solver's own proved bound, or null.</summary>
    public double? Bound { get; init; }

    /// <summary>Who proved <see cref="Bound"/>: the solver, or the relaxation attached after it (docs/model.md §10); null without a bound.</summary>
    public string? BoundBy { get; init; }

    /// <summary>The best bound known for the instance (see <see cref="BestBounds"/>); the same on every row of an instance.</summary>
    public required double BestBound { get; init; }

    /// <summary>Who proved <see cref="BestBound"/>: a solver's name, <c>library</c> or <c>total-weight</c>.</summary>
    public required string BestBoundBy { get; init; }

    /// <summary>(best bound − value) / best bound, 0 when the best bound is 0; null when the solver gave no result.</summary>
    public double? Gap { get; init; }

    /// <summary>Solver time, s (as <see cref="Core.Solving.SolveReport.Runtime"/>: without reading the instance or the warm start).</summary>
    public double? RuntimeSeconds { get; init; }

    /// <summary>Time of the heuristic that warm-started an exact solver, s; null for the others.</summary>
    public double? WarmStartSeconds { get; init; }

    /// <summary>The time limit the solver ran with, s, or null for its own default.</summary>
    public double? TimeLimitSeconds { get; init; }

    /// <summary>The seed the solver ran with (<see cref="Core.Solving.SolverOptions.Seed"/>).</summary>
    public required int Seed { get; init; }

    /// <summary>The shard that produced the row (<c>1/1</c> for an unsharded run).</summary>
    public required Shard Shard { get; init; }

    /// <summary>Instances in the whole sweep before sharding, so a merge can tell a missing or cut-short shard.</summary>
    public required int SweepInstances { get; init; }

    /// <summary>The solver's note, or why it gave no result; null when there is nothing to say.</summary>
    public string? Note { get; init; }

    /// <summary>True when the solver returned a verified schedule.</summary>
    public bool HasResult => Value is not null;
}
