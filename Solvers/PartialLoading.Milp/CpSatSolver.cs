using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Milp;

/// <summary>
/// <c>cpsat</c>: the joint problem as a CP-SAT model (batches in slots by default, or a circuit; times in integer
/// microseconds, rounded into a relaxation and re-checked exactly), bandwidth by the same outer approximation as
/// <see cref="MilpSolver"/>. Reports incumbent, bound and gap when the time limit stops it first.
/// </summary>
/// <param name="settings">The model and the exact solvers' settings (default: <see cref="CpSatSettings.Default"/>).</param>
public sealed class CpSatSolver(CpSatSettings? settings = null) : IScheduleSolver
{
    private readonly CpSatSettings _settings = settings ?? CpSatSettings.Default;

    /// <inheritdoc/>
    public string Name => "cpsat";

    /// <inheritdoc/>
    public SolverTraits Traits => ExactSettings.TraitsOf(_settings.Exact, maxThreads: int.MaxValue);

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
        => OuterApproximation.Solve(
            Name,
            instance,
            options,
            _settings.Exact,
            data => _settings.Formulation == CpSatFormulation.Visits ? ModelSize.Visits(data) : ModelSize.Quadratic(data),
            data => new CpSatRound(data, _settings.Formulation, _settings.Exact, options.Seed),
            cancellationToken);
}
