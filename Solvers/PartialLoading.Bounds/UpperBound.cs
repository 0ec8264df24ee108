using System.Diagnostics;
using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// Combines relaxations into one proved upper bound: runs each (by <see cref="BoundEffort"/>, or a list of one's own)
/// and keeps the least value, which is valid because each is (docs/model.md §10). This is what a solver run attaches
/// to a heuristic's result: <c>UpperBound.Compute(instance, BoundEffort.Fast)</c>.
/// </summary>
public static class UpperBound
{
    /// <summary>The relaxations run at <paramref name="effort"/>, cheapest first.</summary>
    public static IReadOnlyList<IRelaxation> Relaxations(BoundEffort effort) => effort switch
    {
        BoundEffort.None => [],
        BoundEffort.Fast =>
        [
            new ServingEverybodyBound(),
            new BandwidthKnapsackBound(),
            new TimeKnapsackBound(maxClasses: 64),
            new SchedulingRelaxationBound(cells: 2048),
            new LagrangianKnapsackBound(maxClasses: 8, gridPoints: 6, refinements: 4),
            new TimeWindowBound(blocks: 24, iterations: 100, deadlineWindows: 8, maxWork: 1e7),
            new LatestStartBound(cells: 1024, levels: 256, iterations: 100, maxWork: 1e7),
        ],
        BoundEffort.Strong =>
        [
            new ServingEverybodyBound(),
            new BandwidthKnapsackBound(),
            new TimeKnapsackBound(maxClasses: 256, heldKarp: true),
            new SchedulingRelaxationBound(cells: 8192),
            new LagrangianKnapsackBound(maxClasses: 32, gridPoints: 10, refinements: 10),
            new LagrangianBackboneBound(cells: 2048, gridPoints: 10, refinements: 10),
            new TimeWindowBound(blocks: 48, iterations: 300, deadlineWindows: 16, maxWork: 5e8),
            new LatestStartBound(),
            new TimeIndexedBound(iterations: 500, coarseSteps: 1000),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(effort), effort, null),
    };

    /// <summary>The least bound of the relaxations of <paramref name="effort"/> on <paramref name="instance"/>.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="effort">Which relaxations run.</param>
    /// <param name="timeLimit">Wall-clock time for all of them together; relaxations not yet run when it is up are skipped.</param>
    /// <param name="cancellationToken">Stops the run; what was proved so far is kept.</param>
    public static CombinedBound Compute(Instance instance, BoundEffort effort = BoundEffort.Fast, TimeSpan? timeLimit = null, CancellationToken cancellationToken = default)
        => Compute(instance, Relaxations(effort), new BoundBudget(timeLimit, cancellationToken));

    /// <summary>The least bound of <paramref name="relaxations"/>, run in order within <paramref name="budget"/>.</summary>
    public static CombinedBound Compute(Instance instance, IEnumerable<IRelaxation> relaxations, BoundBudget budget)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(relaxations);
        ArgumentNullException.ThrowIfNull(budget);
        var watch = Stopwatch.StartNew();
        var parts = new List<RelaxationBound>();
        double best = double.PositiveInfinity;
        string? source = null;
        foreach (IRelaxation relaxation in relaxations)
        {
            RelaxationBound part = relaxation.Compute(instance, budget);
            parts.Add(part);
            if (part.Value < best)
            {
                best = part.Value;
                source = part.Relaxation;
            }
        }

        return new CombinedBound(best, source, parts, watch.Elapsed);
    }
}
