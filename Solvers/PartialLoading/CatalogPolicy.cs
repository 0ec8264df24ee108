using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Simulation;

namespace PartialLoading;

/// <summary>
/// A solver of the <see cref="SolverCatalog"/> as a simulation policy: each frame is solved as
/// <see cref="Plsolve.Solve(Instance, string, SolverOptions?, SolverSettings?, CancellationToken)"/> does (warm start
/// of the exact solvers included, every schedule verified).
/// </summary>
public sealed class CatalogPolicy : IFramePolicy
{
    private readonly SolverSettings _settings;

    /// <summary>The catalog solver called <paramref name="solver"/>, with <paramref name="settings"/> (default: <see cref="SolverSettings.Default"/>).</summary>
    /// <exception cref="ArgumentException">No solver has that name.</exception>
    public CatalogPolicy(string solver, SolverSettings? settings = null)
    {
        Name = SolverCatalog.Get(solver).Name;
        _settings = settings ?? SolverSettings.Default;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public SolveReport Plan(Instance frame, SolverOptions options, CancellationToken cancellationToken)
        => Plsolve.Solve(frame, Name, options, _settings, cancellationToken);
}
