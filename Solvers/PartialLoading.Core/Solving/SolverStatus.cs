namespace PartialLoading.Core.Solving;

/// <summary>How much a result is worth, reported honestly (docs/model.md §9).</summary>
public enum SolverStatus
{
    /// <summary>Proved optimal: the value equals the bound.</summary>
    Optimal,

    /// <summary>An incumbent with a proved bound that it does not (yet) meet, e.g. on a time limit.</summary>
    Feasible,

    /// <summary>A schedule with no bound.</summary>
    Heuristic,
}

/// <summary>The status words of the command line and the JSON summary.</summary>
public static class SolverStatusWords
{
    /// <summary><c>optimal</c>, <c>feasible</c> or <c>heuristic</c>.</summary>
    public static string ToWord(this SolverStatus status) => status switch
    {
        SolverStatus.Optimal => "optimal",
        SolverStatus.Feasible => "feasible",
        SolverStatus.Heuristic => "heuristic",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
