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

        ModelSize.Check(Name, data, _settings.Formulation == MilpFormulation.Visits ? ModelSize.Visits(data) : ModelSize.Quadratic(data));

        var loop = new OuterApproximation(data, new MilpRound(data, _settings), _settings.Exact);
        return loop.Run(options, options.TimeLimit ?? _settings.Exact.DefaultTimeLimit, watch, cancellationToken);
    }
}
