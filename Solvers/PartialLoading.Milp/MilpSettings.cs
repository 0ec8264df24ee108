namespace PartialLoading.Milp;

/// <summary>Settings of the <c>milp</c> solver beyond the common <see cref="Core.Solving.SolverOptions"/>.</summary>
public sealed record MilpSettings
{
    /// <summary>The defaults: SCIP.</summary>
    public static MilpSettings Default { get; } = new();

    /// <summary>The formulation built.</summary>
    public MilpFormulation Formulation { get; init; } = MilpFormulation.Visits;

    /// <summary>The MIP solver MPSolver drives.</summary>
    public MilpBackend Backend { get; init; } = MilpBackend.Scip;

    /// <summary>Settings shared with the CP-SAT solver (default time limit, cuts, solver log).</summary>
    public ExactSettings Exact { get; init; } = ExactSettings.Default;
}
