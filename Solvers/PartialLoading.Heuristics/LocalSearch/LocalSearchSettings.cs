using PartialLoading.Heuristics.Greedy;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>Settings of the <c>local</c> solver beyond <see cref="Core.Solving.SolverOptions"/>.</summary>
public sealed record LocalSearchSettings
{
    /// <summary>The time limit when neither an iteration budget nor <see cref="Core.Solving.SolverOptions.TimeLimit"/> is given.</summary>
    public static TimeSpan DefaultTimeLimit { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Ruin-and-improve iterations to run. When set, the run is reproducible for a seed whatever the machine's speed
    /// (no default time limit applies; an explicit one still stops it). Null: run until the time limit.
    /// </summary>
    public int? Iterations
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The iteration budget cannot be negative.");
    }

    /// <summary>The greedy rule of the starting schedule.</summary>
    public GreedyRule StartRule { get; init; } = GreedyRule.LeastLoading;

    /// <summary>Iterations without a new best after which the search restarts from the best schedule.</summary>
    public int RestartAfter
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one iteration.");
    } = 50;
}
