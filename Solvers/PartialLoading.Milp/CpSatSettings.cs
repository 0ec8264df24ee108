namespace PartialLoading.Milp;

/// <summary>Settings of the <c>cpsat</c> solver beyond the common <see cref="Core.Solving.SolverOptions"/>.</summary>
public sealed record CpSatSettings
{
    /// <summary>The defaults: the visit model.</summary>
    public static CpSatSettings Default { get; } = new();

    /// <summary>The CP-SAT model built.</summary>
    public CpSatFormulation Formulation { get; init; } = CpSatFormulation.Visits;

    /// <summary>Settings shared with the <c>milp</c> solver (default time limit, cuts, solver log).</summary>
    public ExactSettings Exact { get; init; } = ExactSettings.Default;
}
