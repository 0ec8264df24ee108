using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// A relaxation of the joint scheduling and bandwidth problem (docs/model.md §10): it drops part of the problem and
/// solves or bounds what is left, so its value is at least the optimum. Each implementation's documentation gives
/// its validity argument.
/// </summary>
public interface IRelaxation
{
    /// <summary>A short name for reports, e.g. <c>bandwidth-knapsack</c>.</summary>
    string Name { get; }

    /// <summary>The bound on <paramref name="instance"/>'s optimum, rounded outward; +∞ with a note when the relaxation does not apply.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="budget">Time and cancellation, shared with the other relaxations of the run.</param>
    RelaxationBound Compute(Instance instance, BoundBudget budget);
}
