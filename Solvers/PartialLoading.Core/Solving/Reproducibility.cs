namespace PartialLoading.Core.Solving;

/// <summary>When two runs of a solver with the same seed give the same schedule.</summary>
public enum Reproducibility
{
    /// <summary>Always: the solver has no clock and no thread races (greedy, the baselines, the DP).</summary>
    Always,

    /// <summary>When it finishes within its time limit; a run cut short by the clock may stop anywhere (the exact searches).</summary>
    WhenCompleted,

    /// <summary>With an iteration budget instead of a time limit (the local searches).</summary>
    WithIterationBudget,
}
