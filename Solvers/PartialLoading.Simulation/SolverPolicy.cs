using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Simulation;

/// <summary>Any <see cref="IScheduleSolver"/> as a policy, run through <see cref="SolverRunner"/> so every frame's schedule is verified.</summary>
/// <param name="solver">The solver, e.g. <c>new GreedySolver()</c> or one of your own.</param>
public sealed class SolverPolicy(IScheduleSolver solver) : IFramePolicy
{
    private readonly IScheduleSolver _solver = solver ?? throw new ArgumentNullException(nameof(solver));

    /// <inheritdoc/>
    public string Name => _solver.Name;

    /// <inheritdoc/>
    public SolveReport Plan(Instance frame, SolverOptions options, CancellationToken cancellationToken)
        => SolverRunner.Run(_solver, frame, options, cancellationToken);
}
