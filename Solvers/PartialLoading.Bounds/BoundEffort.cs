namespace PartialLoading.Bounds;

/// <summary>How much work <see cref="UpperBound"/> spends on a bound: which relaxations run and how finely.</summary>
public enum BoundEffort
{
    /// <summary>No relaxation runs; the bound is absent.</summary>
    None,

    /// <summary>
    /// The relaxations that cost about as much as reading the instance: serving everybody, the bandwidth knapsack,
    /// time knapsacks per deadline, the scheduling relaxation where it applies, a coarse Lagrangian search, time
    /// windows, and the latest-start DP on small bottom-layer instances with a common deadline.
    /// </summary>
    Fast,

    /// <summary>Everything <see cref="Fast"/> runs, with a finer Lagrangian search, Held–Karp least loading, the Lagrangian dynamic program and longer multiplier searches.</summary>
    Strong,
}
