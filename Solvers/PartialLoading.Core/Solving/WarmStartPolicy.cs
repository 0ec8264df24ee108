namespace PartialLoading.Core.Solving;

/// <summary>
/// How the runner starts a solver that <see cref="SolverTraits.TakesWarmStart"/>: it runs these heuristics first,
/// each on a share of the search's time, and hands the best verified schedule on as <see cref="SolverOptions.WarmStart"/>.
/// One policy, applied in one place (<see cref="SolverRunner.Run"/>), so that every caller starts a search alike and the
/// report carries the warm start's own run and time.
/// </summary>
public sealed record WarmStartPolicy
{
    /// <summary>No warm start: searches begin from nothing.</summary>
    public static WarmStartPolicy None { get; } = new([]);

    /// <summary>Creates a policy that runs <paramref name="heuristics"/> and keeps the best schedule (the first on ties).</summary>
    /// <param name="heuristics">
    /// The heuristics to run, in order, cheapest first: one that takes a warm start goes on from the best schedule of
    /// those before it, and a solver in the list is itself started only by those before it. One that refuses the
    /// instance is skipped.
    /// </param>
    public WarmStartPolicy(IReadOnlyList<IScheduleSolver> heuristics)
    {
        ArgumentNullException.ThrowIfNull(heuristics);
        Heuristics = heuristics;
    }

    /// <summary>The heuristics whose best schedule starts the search, in the order they run.</summary>
    public IReadOnlyList<IScheduleSolver> Heuristics { get; }

    /// <summary>
    /// The heuristics that start the solver called <paramref name="solver"/>: those before it when it is one of them
    /// (local search started by the large-neighbourhood search, or by itself, would only split its time with a slower
    /// search), else all.
    /// </summary>
    /// <param name="solver">The name of the solver to be started.</param>
    public IEnumerable<IScheduleSolver> Starting(string solver)
        => Heuristics.TakeWhile(h => !string.Equals(h.Name, solver, StringComparison.Ordinal));

    /// <summary>
    /// The share of the search's time limit (its own default when none is given) each heuristic may take: a tenth, so the
    /// search keeps most of its time.
    /// </summary>
    public double TimeShare
    {
        get;
        init => field = value is > 0.0 and <= 1.0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A share in (0, 1].");
    } = 0.1;

    /// <summary>The most time each heuristic may take, whatever the share (2 s): heuristics need far less except on very large instances.</summary>
    public TimeSpan Cap
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A positive cap.");
    } = TimeSpan.FromSeconds(2);

    /// <summary>The time limit of each heuristic when warm-starting a search that runs for <paramref name="searchLimit"/> (none: 60 s).</summary>
    public TimeSpan HeuristicTimeLimit(TimeSpan? searchLimit)
    {
        TimeSpan share = (searchLimit ?? TimeSpan.FromSeconds(60)) * TimeShare;
        return share < Cap ? share : Cap;
    }
}
