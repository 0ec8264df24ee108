namespace PartialLoading.Milp;

/// <summary>The MIP solver behind MPSolver.</summary>
public enum MilpBackend
{
    /// <summary>SCIP (the default), single-threaded: its concurrent mode fails through MPSolver.</summary>
    /// <remarks>
    /// Measured on 10–20-user general instances (60 s): HiGHS with 2 threads proved more of them (7 of 9 against 4 of
    /// 9); SCIP stays the default because it takes the warm start, which HiGHS cannot (see <see cref="Highs"/>).
    /// </remarks>
    Scip,

    /// <summary>HiGHS, multi-threaded; it starts cold: a hint crashes OR-Tools 9.15's HiGHS interface.</summary>
    Highs,

    /// <summary>COIN-OR CBC.</summary>
    /// <remarks>
    /// CBC's time limit counts CPU time, its root LP never checks it and MPSolver cannot interrupt it (measured: 60 s
    /// for a 10 s limit at a load average of 20 on 2 cores; 50 s for 5 s on heterogeneous-100). milp keeps its limit by
    /// starting a CBC round only with 100 times its build time left and no longer waiting for CBC past the limit (see
    /// <see cref="MilpRound"/>); a round given up on runs on, on a core, until it ends.
    /// </remarks>
    Cbc,
}
