namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>Settings of the <c>lns</c> solver beyond <see cref="Core.Solving.SolverOptions"/>.</summary>
public sealed record LnsSettings
{
    /// <summary>The time limit when neither an iteration budget nor <see cref="Core.Solving.SolverOptions.TimeLimit"/> is given.</summary>
    public static TimeSpan DefaultTimeLimit { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Windows to re-solve. When set, the run is reproducible for a seed whatever the machine's speed (no default time
    /// limit applies; an explicit one still stops it). Null: run until the time limit.
    /// </summary>
    public int? Iterations
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The iteration budget cannot be negative.");
    }

    /// <summary>
    /// Windows to re-solve per user of the instance, when <see cref="Iterations"/> is not set: a budget that grows with
    /// the schedule it covers, reproducible as <see cref="Iterations"/> is. Null: no such budget.
    /// </summary>
    public int? IterationsPerUser
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The iteration budget cannot be negative.");
    }

    /// <summary>The iteration budget on <paramref name="users"/> users: <see cref="Iterations"/>, else <see cref="IterationsPerUser"/> times the users, else none.</summary>
    /// <param name="users">The instance's users.</param>
    public int? IterationsFor(int users)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        return Iterations ?? (IterationsPerUser is int perUser ? (int)Math.Min(int.MaxValue, (long)perUser * users) : null);
    }
}
