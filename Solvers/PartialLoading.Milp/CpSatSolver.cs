using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Milp;

/// <summary>
/// <c>cpsat</c>: the joint problem as a CP-SAT circuit model (times in integer microseconds, rounded into a
/// relaxation and re-checked exactly), bandwidth by the same outer approximation as <see cref="MilpSolver"/>.
/// </summary>
public sealed class CpSatSolver(CpSatFormulation formulation = CpSatFormulation.Visits, ExactSettings? settings = null) : IScheduleSolver
{
    private readonly ExactSettings _settings = settings ?? ExactSettings.Default;

    /// <inheritdoc/>
    public string Name => "cpsat";

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var data = new ExactModelData(instance);
        if (data.UserCount == 0)
        {
            return new SolverResult(Schedule.Empty, SolverStatus.Optimal, 0.0, note: "no user can be served even alone");
        }

        ModelSize.Check(Name, data, formulation == CpSatFormulation.Visits ? ModelSize.Visits(data) : ModelSize.Quadratic(data));

        var loop = new OuterApproximation(data, new CpSatRound(data, formulation, _settings, options.Seed), _settings);
        return loop.Run(options, options.TimeLimit ?? _settings.DefaultTimeLimit, watch, cancellationToken);
    }
}
