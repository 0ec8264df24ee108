namespace PartialLoading.Core.Solving;

/// <summary>Why a solver stopped (docs/model.md §9): the exit condition of its result.</summary>
public enum TerminationReason
{
    /// <summary>It ran to its natural end: a heuristic built its schedule, an exact search proved its answer.</summary>
    Completed,

    /// <summary>The time limit stopped it; the result is the best found by then.</summary>
    TimeLimit,

    /// <summary>Cancellation (Ctrl-C) stopped it; the result is the best found by then.</summary>
    Cancelled,

    /// <summary>Its iteration budget ran out.</summary>
    IterationLimit,

    /// <summary>The solver refused the instance; there is no result (used by comparisons, never on a <see cref="SolverResult"/>).</summary>
    NotApplicable,
}

/// <summary>The words of <see cref="TerminationReason"/> in <c>summary.json</c> and comparison tables.</summary>
public static class TerminationReasonWords
{
    /// <summary><c>completed</c>, <c>time_limit</c>, <c>cancelled</c>, <c>iteration_limit</c> or <c>not_applicable</c>.</summary>
    public static string ToWord(this TerminationReason reason) => reason switch
    {
        TerminationReason.Completed => "completed",
        TerminationReason.TimeLimit => "time_limit",
        TerminationReason.Cancelled => "cancelled",
        TerminationReason.IterationLimit => "iteration_limit",
        TerminationReason.NotApplicable => "not_applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>
    /// The reason an anytime solver stopped before its natural end: cancellation wins over the clock (the person
    /// asked), and neither is the case when it finished.
    /// </summary>
    /// <param name="finished">True when the search ran to its end.</param>
    /// <param name="cancellationToken">The token the solver was given.</param>
    public static TerminationReason Stopped(bool finished, CancellationToken cancellationToken)
        => finished ? TerminationReason.Completed
            : cancellationToken.IsCancellationRequested ? TerminationReason.Cancelled : TerminationReason.TimeLimit;

    /// <summary>
    /// Why an improvement search that runs to a time limit or an iteration budget stopped (<c>local</c>, <c>lns</c>):
    /// everybody servable is served, cancellation, the clock, or else its iteration budget — in that order.
    /// </summary>
    /// <param name="everybodyServed">True when every user that can be served alone is served: nothing can be better.</param>
    /// <param name="timeUp">True when the time limit was reached.</param>
    /// <param name="cancellationToken">The token the search was given.</param>
    public static TerminationReason OfImprovementSearch(bool everybodyServed, bool timeUp, CancellationToken cancellationToken)
        => everybodyServed ? TerminationReason.Completed
            : cancellationToken.IsCancellationRequested ? TerminationReason.Cancelled
            : timeUp ? TerminationReason.TimeLimit
            : TerminationReason.IterationLimit;

    /// <summary>The phrase an improvement search's note gives for <see cref="OfImprovementSearch"/>'s reason (<c>stopped: …</c>).</summary>
    public static string ImprovementSearchPhrase(this TerminationReason reason) => reason switch
    {
        TerminationReason.Completed => "every servable user is served",
        TerminationReason.Cancelled => "cancelled",
        TerminationReason.TimeLimit => "time limit",
        _ => "iteration budget",
    };
}
