using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Milp;

/// <summary>
/// <c>milp</c>: the joint problem, bandwidth included, proved optimal with a mixed-integer program on SCIP (or HiGHS,
/// CBC) through OR-Tools' MPSolver. Reports incumbent, bound and gap when the time limit stops it first.
/// </summary>
/// <param name="settings">The formulation, the backend and the exact solvers' settings (default: <see cref="MilpSettings.Default"/>).</param>
public sealed class MilpSolver(MilpSettings? settings = null) : IScheduleSolver
{
    private readonly MilpSettings _settings = settings ?? MilpSettings.Default;

    /// <inheritdoc/>
    public string Name => "milp";

    /// <inheritdoc/>
    public SolverTraits Traits => ExactSettings.TraitsOf(_settings.Exact, maxThreads: _settings.Backend == MilpBackend.Highs ? int.MaxValue : 1);

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
        => OuterApproximation.Solve(
            Name,
            instance,
            options,
            _settings.Exact,
            data => _settings.Formulation == MilpFormulation.Visits ? ModelSize.Visits(data) : ModelSize.Quadratic(data),
            data => new MilpRound(data, _settings),
            cancellationToken);
}
