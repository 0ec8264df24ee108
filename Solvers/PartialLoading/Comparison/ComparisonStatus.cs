namespace PartialLoading.Comparison;

/// <summary>The status words of rows that hold no result (besides the solver statuses optimal, feasible, heuristic).</summary>
public static class ComparisonStatus
{
    /// <summary>The solver refused the instance (<c>SolverNotApplicableException</c>); the note says why.</summary>
    public const string NotApplicable = "not-applicable";

    /// <summary>The solver broke its contract (an infeasible schedule, a value above its bound); a bug to report.</summary>
    public const string Defect = "defect";

    /// <summary>A schedule made elsewhere and scored breaks the problem's rules; the note names the violations.</summary>
    public const string Infeasible = "infeasible";

    /// <summary>The instance could not be read (bad input); the note gives its first problem. The comparison goes on.</summary>
    public const string InvalidInput = "invalid-input";

    /// <summary>Every status word a row may carry.</summary>
    public static IReadOnlyList<string> All { get; } = ["optimal", "feasible", "heuristic", NotApplicable, Defect, Infeasible, InvalidInput];
}
