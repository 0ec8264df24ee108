namespace PartialLoading.Core.Solving;

/// <summary>What a solver's result is worth, as a fact about the solver (docs/model.md §9).</summary>
public enum SolverKind
{
    /// <summary>Finds schedules and proves nothing about them: status <c>heuristic</c> (or <c>feasible</c> when a bound is attached).</summary>
    Heuristic,

    /// <summary>Proves the optimum when it finishes; otherwise reports its incumbent with a proved bound.</summary>
    Exact,

    /// <summary>
    /// Exact on the instances it accepts, but its answer may fall short of the optimum on some of them (the DP, whose
    /// order can fail the bandwidth test): status <c>optimal</c> only when its bound is met.
    /// </summary>
    ExactWhenApplicable,
}
