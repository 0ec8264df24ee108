using System.Diagnostics;

namespace PartialLoading.Bounds;

/// <summary>
/// The time a bound computation may take and the token that stops it, shared by every relaxation of one run: the
/// clock starts when the budget is made. A relaxation stopped by it returns the best bound it has proved so far
/// (every intermediate value of an anytime relaxation is itself valid) or none.
/// </summary>
public sealed class BoundBudget
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts a budget.</summary>
    /// <param name="timeLimit">The wall-clock time allowed, or null for no limit.</param>
    /// <param name="cancellationToken">Stops the computation early.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time limit is negative.</exception>
    public BoundBudget(TimeSpan? timeLimit = null, CancellationToken cancellationToken = default)
    {
        if (timeLimit is TimeSpan limit && limit < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeLimit), limit, "The time limit must not be negative.");
        }

        TimeLimit = timeLimit;
        CancellationToken = cancellationToken;
    }

    /// <summary>An unlimited budget.</summary>
    public static BoundBudget Unlimited => new();

    /// <summary>The time allowed, or null.</summary>
    public TimeSpan? TimeLimit { get; }

    /// <summary>The caller's token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Time since the budget was made.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>True once the time is up or the token is cancelled.</summary>
    public bool IsSpent => CancellationToken.IsCancellationRequested || (TimeLimit is TimeSpan limit && _clock.Elapsed > limit);
}
