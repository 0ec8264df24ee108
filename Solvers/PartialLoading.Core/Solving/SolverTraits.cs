namespace PartialLoading.Core.Solving;

/// <summary>
/// The facts about a solver that callers act on, stated once on the solver (<see cref="IScheduleSolver.Traits"/>):
/// the catalog lists them, the runner warm-starts by them, comparisons and benchmarks pick exact solvers by them.
/// </summary>
public sealed record SolverTraits
{
    /// <summary>Traits of a heuristic that applies to every instance, runs to its end, one thread, always reproducible.</summary>
    public static SolverTraits Heuristic { get; } = new();

    /// <summary>Heuristic, exact, or exact on the instances it accepts.</summary>
    public SolverKind Kind { get; init; } = SolverKind.Heuristic;

    /// <summary>
    /// True when the solver improves on a schedule given as <see cref="SolverOptions.WarmStart"/>, so that the runner
    /// hands it one by <see cref="SolverOptions.WarmStartPolicy"/>.
    /// </summary>
    public bool TakesWarmStart { get; init; }

    /// <summary>The time limit when <see cref="SolverOptions.TimeLimit"/> is not given; null when the solver runs to its end.</summary>
    public TimeSpan? DefaultTimeLimit
    {
        get;
        init => field = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A default time limit must be positive.");
    }

    /// <summary>When the same seed gives the same schedule.</summary>
    public Reproducibility Reproducibility { get; init; } = Reproducibility.Always;

    /// <summary>The most worker threads the solver puts to use (≥ 1); <see cref="SolverOptions.Threads"/> beyond it are idle.</summary>
    public int MaxThreads
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one thread.");
    } = 1;

    /// <summary>
    /// The instances the solver accepts, in a phrase ("bottom-layer sharing with a common deadline"); null when it
    /// accepts every instance. A solver with a restriction refuses the others with <see cref="SolverNotApplicableException"/>.
    /// </summary>
    public string? Restriction { get; init; }

    /// <summary>True when <see cref="Kind"/> is not <see cref="SolverKind.Heuristic"/>: the solver proves bounds.</summary>
    public bool ProvesBounds => Kind != SolverKind.Heuristic;
}
