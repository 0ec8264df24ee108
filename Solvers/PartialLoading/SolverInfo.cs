using PartialLoading.Core.Solving;

namespace PartialLoading;

/// <summary>A solver of the <see cref="SolverCatalog"/>: its name, what it does, its traits, and how to make one.</summary>
public sealed class SolverInfo
{
    private readonly Func<SolverSettings, IScheduleSolver> _create;

    internal SolverInfo(string summary, Func<SolverSettings, IScheduleSolver> create)
    {
        IScheduleSolver solver = create(SolverSettings.Default);
        Name = solver.Name;
        Traits = solver.Traits;
        Summary = summary;
        _create = create;
    }

    /// <summary>The name <c>plsolve solve --solver</c> and <see cref="Plsolve.Solve(Core.Model.Instance, string, SolverOptions?, SolverSettings?, CancellationToken)"/> know it by.</summary>
    public string Name { get; }

    /// <summary>One phrase on what it does.</summary>
    public string Summary { get; }

    /// <summary>
    /// The solver's facts with the default settings, as the solver itself states them (<see cref="IScheduleSolver.Traits"/>):
    /// kind, warm start, default time limit, reproducibility, threads, where it applies.
    /// </summary>
    public SolverTraits Traits { get; }

    /// <summary>True when the solver proves bounds (status <c>optimal</c>, or <c>feasible</c> with a gap when stopped).</summary>
    public bool IsExact => Traits.ProvesBounds;

    /// <summary>Makes the solver with its part of <paramref name="settings"/> (default: <see cref="SolverSettings.Default"/>).</summary>
    public IScheduleSolver Create(SolverSettings? settings = null) => _create(settings ?? SolverSettings.Default);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
