namespace PartialLoading.Milp;

/// <summary>One solve of a relaxation of the joint problem with the tangent cuts collected so far.</summary>
internal interface IRelaxationRound
{
    /// <summary>Solves with <paramref name="cuts"/>, hinting <paramref name="hint"/> (local users in order) when given.</summary>
    /// <param name="cuts">The tangent cuts collected so far.</param>
    /// <param name="hint">The best verified schedule so far, as local users in order, or null.</param>
    /// <param name="timeLeft">The time left, read just before the backend starts (building the model takes time too).</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="onBound">Told every improved dual bound the backend reports while it runs (may be never).</param>
    /// <param name="cancellationToken">Interrupts the round; it then returns what it has.</param>
    RoundResult Solve(IReadOnlyList<TangentCut> cuts, IReadOnlyList<int>? hint, Func<TimeSpan> timeLeft, int threads, Action<double> onBound, CancellationToken cancellationToken);

    /// <summary>
    /// Forbids exactly this sequence (local users in order) in later rounds: for a schedule the exact evaluator
    /// rejects for a reason no tangent separates (a deadline missed by less than the model's rounding or tolerance).
    /// </summary>
    void Exclude(int[] order);
}

/// <summary>How a round ended.</summary>
internal enum RoundStatus
{
    /// <summary>The relaxation was solved to optimality: <see cref="RoundResult.Bound"/> is its optimum.</summary>
    Optimal,

    /// <summary>Stopped (time, interrupt) with a solution and a valid dual bound.</summary>
    Stopped,

    /// <summary>Stopped without a solution; the bound is still valid.</summary>
    NoSolution,
}

/// <summary>The result of a round: the relaxation's best order (local users), and a valid upper bound.</summary>
internal readonly record struct RoundResult(RoundStatus Status, int[]? Order, double Bound);
