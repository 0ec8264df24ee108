namespace PartialLoading.Milp;

/// <summary>The MIP solver behind MPSolver.</summary>
public enum MilpBackend
{
    /// <summary>SCIP (the default): the strongest of the three on these models.</summary>
    Scip,

    /// <summary>HiGHS.</summary>
    Highs,

    /// <summary>COIN-OR CBC.</summary>
    /// <remarks>
    /// CBC's time limit counts CPU time and MPSolver cannot interrupt it, so on a busy machine it overruns the
    /// wall-clock limit (measured: 60 s for a 10 s limit, with 9 s of CPU, at a load average of 20 on 2 cores).
    /// </remarks>
    Cbc,
}
