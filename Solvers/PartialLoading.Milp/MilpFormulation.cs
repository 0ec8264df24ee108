namespace PartialLoading.Milp;

/// <summary>Which mixed-integer formulation <see cref="MilpSolver"/> builds.</summary>
public enum MilpFormulation
{
    /// <summary>Batches (model visits) in slots, users at positions inside them (the default: much the stronger).</summary>
    Visits,

    /// <summary>Users at positions of one sequence (kept for comparison).</summary>
    Positions,
}
