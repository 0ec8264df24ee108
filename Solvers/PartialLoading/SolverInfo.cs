using PartialLoading.Core.Solving;

namespace PartialLoading;

/// <summary>A solver of the <see cref="SolverCatalog"/>: its name, what it does, and how to make one.</summary>
public sealed class SolverInfo
{
    private readonly Func<SolverSettings, IScheduleSolver> _create;

    internal SolverInfo(string name, string summary, bool exact, bool warmStarted, Func<SolverSettings, IScheduleSolver> create)
    {
        Name = name;
        Summary = summary;
        IsExact = exact;
        IsWarmStarted = warmStarted;
        _create = create;
    }

    /// <summary>The name <c>plsolve solve --solver</c> and <see cref="Plsolve.Solve(Core.Model.Instance, string, SolverOptions?, SolverSettings?, CancellationToken)"/> know it by.</summary>
    public string Name { get; }

    /// <summary>One phrase on what it does.</summary>
    public string Summary { get; }

    /// <summary>
    /// True when the solver proves bounds (status <c>optimal</c>, or <c>feasible</c> with a gap when stopped);
    /// false for heuristics, whose status is always <c>heuristic</c>.
    /// </summary>
    public bool IsExact { get; }

    /// <summary>
    /// True when <see cref="Plsolve.Solve(Core.Model.Instance, IScheduleSolver, SolverOptions?, CancellationToken)"/>
    /// starts it from a heuristic's schedule (<see cref="SolverCatalog.WarmStartHeuristic"/>) unless
    /// <see cref="SolverOptions.WarmStart"/> is given: the exact searches, which otherwise begin from nothing.
    /// </summary>
    public bool IsWarmStarted { get; }

    /// <summary>Makes the solver with its part of <paramref name="settings"/> (default: <see cref="SolverSettings.Default"/>).</summary>
    public IScheduleSolver Create(SolverSettings? settings = null) => _create(settings ?? SolverSettings.Default);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
