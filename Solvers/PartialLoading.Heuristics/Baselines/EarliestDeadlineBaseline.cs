using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Heuristics.Baselines;

/// <summary><c>edd</c>: users by earliest deadline (ties by input order), with admission control.</summary>
public sealed class EarliestDeadlineBaseline : IScheduleSolver
{
    /// <inheritdoc/>
    public string Name => "edd";

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new SolverResult(
            AdmissionControl.Admit(instance, ByDeadline(instance), cancellationToken: cancellationToken),
            SolverStatus.Heuristic);
    }

    /// <summary>User indices by deadline, ties by input order (a stable sort).</summary>
    internal static int[] ByDeadline(Instance instance)
    {
        int[] order = [.. Enumerable.Range(0, instance.Users.Length)];
        double[] deadlines = [.. instance.Users.Select(u => u.DeadlineSeconds)];
        return [.. order.OrderBy(k => deadlines[k])];
    }
}
