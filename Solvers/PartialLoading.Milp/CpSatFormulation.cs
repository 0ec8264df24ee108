namespace PartialLoading.Milp;

/// <summary>Which CP-SAT model <see cref="CpSatSolver"/> builds.</summary>
public enum CpSatFormulation
{
    /// <summary>Batches in slots, users at positions (the default: the strong one).</summary>
    Visits,

    /// <summary>A circuit through the served users (AddCircuit with self-loops for the unserved).</summary>
    Circuit,
}
