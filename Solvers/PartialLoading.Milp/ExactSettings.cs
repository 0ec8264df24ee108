using PartialLoading.Core.Solving;

namespace PartialLoading.Milp;

/// <summary>Settings of the exact solvers beyond the common <see cref="Core.Solving.SolverOptions"/>.</summary>
public sealed record ExactSettings
{
    /// <summary>The defaults.</summary>
    public static ExactSettings Default { get; } = new();

    /// <summary>Time limit when <see cref="Core.Solving.SolverOptions.TimeLimit"/> is not given (60 s).</summary>
    public TimeSpan DefaultTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Tangent points per user before the first round (more: fewer rounds, a heavier model).</summary>
    /// <remarks>6 measured best; 16 made the 30-user bound worse within 60 s.</remarks>
    public int InitialTangentsPerUser
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one tangent per user is needed.");
    } = 6;

    /// <summary>Add the pair and triple conflict cuts (<see cref="ConflictCuts"/>).</summary>
    public bool ConflictCuts { get; init; } = true;

    /// <summary>Let the underlying solver write its own log to the console (stdout).</summary>
    public bool SolverLog { get; init; }

    /// <summary>
    /// The traits of an exact solver run with <paramref name="settings"/>: exact, warm-started, the settings' default time
    /// limit, reproducible when it finishes, every instance within the model-size limit.
    /// </summary>
    internal static SolverTraits TraitsOf(ExactSettings settings, int maxThreads) => new()
    {
        Kind = SolverKind.Exact,
        TakesWarmStart = true,
        DefaultTimeLimit = settings.DefaultTimeLimit,
        Reproducibility = Reproducibility.WhenCompleted,
        MaxThreads = maxThreads,
    };
}
