using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>lagrangian-knapsack</c>: the bandwidth budget priced by λ (docs/model.md §10),
/// U(λ) = λ·B + max over schedules Σ (w_k − λ·β_k(LS_k)), with the inner maximum bounded by time knapsacks per
/// deadline (<see cref="DeadlineClasses"/>) on the profits w_k − λ·β̄_k, β̄_k = β_k(T_k − c_k); least over λ.
/// </summary>
/// <remarks>
/// <b>Validity.</b> For λ ≥ 0 and a feasible schedule, Σβ_k(LS_k) ≤ B(1 + 1e-9), so its value Σ w ≤ λB(1 + 1e-9) +
/// Σ (w − λβ(LS)). Each LS_k ≤ T_k − c_k (+1e-9), so β(LS_k) ≥ β̄_k (the shrunk floor of
/// <see cref="RelaxationData.BandwidthFloor"/>) and Σ (w − λβ(LS)) ≤ Σ (w − λβ̄) over the served users, which the
/// deadline classes bound for every feasible schedule. So U(λ) bounds every schedule for every λ, whichever λ the
/// search (<see cref="LagrangianSearch"/>) evaluates. It is at least as strong as the time knapsacks (λ = 0) and,
/// for λ at the knapsack's critical ratio, close to the bandwidth knapsack's LP; in between it prices loading and
/// bandwidth together.
/// </remarks>
public sealed class LagrangianKnapsackBound : IRelaxation
{
    private readonly int _maxClasses;
    private readonly int _gridPoints;
    private readonly int _refinements;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="maxClasses">Deadline thresholds per evaluation of the inner bound.</param>
    /// <param name="gridPoints">Geometric grid points of λ.</param>
    /// <param name="refinements">Golden-section steps after the grid.</param>
    public LagrangianKnapsackBound(int maxClasses = 16, int gridPoints = 8, int refinements = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClasses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridPoints, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(refinements);
        _maxClasses = maxClasses;
        _gridPoints = gridPoints;
        _refinements = refinements;
    }

    /// <inheritdoc/>
    public string Name => "lagrangian-knapsack";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            var classes = new DeadlineClasses(data, _maxClasses);
            return LagrangianSearch.Run(
                data,
                profit => budget.IsSpent ? null : classes.Bound(profit, DeadlineClasses.SortByModelThenProfit(data, profit), budget),
                _gridPoints,
                _refinements,
                budget);
        });
}
