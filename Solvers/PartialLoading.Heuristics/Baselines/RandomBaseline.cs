using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Heuristics.Baselines;

/// <summary>
/// <c>random</c>: users in a random order drawn from the seed, with admission control. The same seed gives the same
/// order (System.Random with a seed is the same generator on every platform and .NET version).
/// </summary>
public sealed class RandomBaseline : IScheduleSolver
{
    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        return new SolverResult(
            AdmissionControl.Admit(instance, Shuffled(instance.Users.Length, options.Seed), cancellationToken: cancellationToken),
            SolverStatus.Heuristic,
            note: $"seed {options.Seed}");
    }

    /// <summary>0 … count−1 shuffled by the seed (Fisher–Yates).</summary>
    internal static int[] Shuffled(int count, int seed)
    {
        int[] order = [.. Enumerable.Range(0, count)];
        new Random(seed).Shuffle(order);
        return order;
    }
}
