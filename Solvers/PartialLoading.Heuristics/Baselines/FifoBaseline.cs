using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Heuristics.Baselines;

/// <summary><c>fifo</c>: users in input order, with admission control.</summary>
public sealed class FifoBaseline : IScheduleSolver
{
    /// <inheritdoc/>
    public string Name => "fifo";

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new SolverResult(
            AdmissionControl.Admit(instance, Enumerable.Range(0, instance.Users.Length), cancellationToken: cancellationToken),
            SolverStatus.Heuristic);
    }
}
