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

    /// <summary>Time limit when <see cref="Core.Solving.SolverOptions.TimeLimit"/> is not given.</summary>
    public TimeSpan DefaultTimeLimit { get; init; } = TimeSpan.FromSeconds(60);
}
