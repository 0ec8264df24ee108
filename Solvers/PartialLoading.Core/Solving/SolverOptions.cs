namespace PartialLoading.Core.Solving;

/// <summary>Options every solver understands. Solver-specific settings go to the solver's constructor.</summary>
public sealed record SolverOptions
{
    /// <summary>The defaults: no time limit beyond the solver's own, one thread, seed 0.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>Wall-clock limit for the solve; null lets the solver use its default. Honoured by anytime solvers.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Worker threads a solver may use (≥ 1).</summary>
    public int Threads
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one thread is needed.");
    } = 1;

    /// <summary>Seed for randomised solvers: the same seed (and iteration budget) gives the same result.</summary>
    public int Seed { get; init; }

    /// <summary>Receives progress (objective, bound, elapsed) from long-running solvers; may be null.</summary>
    public IProgress<SolverProgress>? Progress { get; init; }

    /// <summary>A feasible schedule to start from (e.g. greedy's for an exact solver); may be null.</summary>
    public Schedule? WarmStart { get; init; }

    /// <summary>
    /// How <see cref="SolverRunner.Run"/> finds a <see cref="WarmStart"/> for a solver that takes one when none is given;
    /// null (or <see cref="WarmStartPolicy.None"/>) starts it cold. The <c>PartialLoading</c> facade fills in its catalog's
    /// policy when this is null.
    /// </summary>
    public WarmStartPolicy? WarmStartPolicy { get; init; }
}
