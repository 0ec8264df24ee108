namespace PartialLoading.Milp;

/// <summary>The MIP solver behind MPSolver.</summary>
public enum MilpBackend
{
    /// <summary>SCIP (the default): the strongest of the three on these models.</summary>
    Scip,

    /// <summary>HiGHS.</summary>
    Highs,

    /// <summary>COIN-OR CBC.</summary>
    Cbc,
}
