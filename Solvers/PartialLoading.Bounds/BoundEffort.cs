namespace PartialLoading.Bounds;

/// <summary>How much work <see cref="UpperBound"/> spends on a bound: which relaxations run and how finely.</summary>
public enum BoundEffort
{
    /// <summary>No relaxation runs; the bound is absent.</summary>
    None,

    /// <summary>
    /// The relaxations that cost about as much as reading the instance: serving everybody, the bandwidth knapsack,
    /// time knapsacks per deadline, the scheduling relaxation where it applies, and a coarse Lagrangian search.
    /// </summary>
    Fast,

    /// <summary>Everything <see cref="Fast"/> runs, with a finer Lagrangian search, Held–Karp least loading and the Lagrangian dynamic program.</summary>
    Strong,
}
