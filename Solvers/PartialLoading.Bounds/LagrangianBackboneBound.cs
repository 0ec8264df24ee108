using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>lagrangian-dp</c>: for bottom-layer sharing with a common deadline, the bandwidth budget priced by λ with the
/// inner maximum bounded by the busy-time DP (<see cref="BackboneProfitProgram"/>) on the profits w_k − λ·β̄_k,
/// β̄_k = β_k(T − c_k); least over λ (<see cref="LagrangianSearch"/>).
/// </summary>
/// <remarks>
/// <b>Validity.</b> As for <see cref="LagrangianKnapsackBound"/>: a feasible schedule's value is at most λB(1 + 1e-9) +
/// Σ_served (w − λβ̄), and its served set is schedulable with instant uploads, so the DP's value bounds that sum.
/// U(0) is the scheduling relaxation (up to the DP's time steps), and for large λ it tends to the bandwidth knapsack's
/// Lagrangian, so the least U is at least as strong as both up to the discretisation. The price uses
/// β_k(T − c_k) for every position, not the position's own latest start: a DP that priced each position exactly
/// would have to choose the order of models and clusters, which the relaxed objective no longer makes irrelevant.
/// </remarks>
public sealed class LagrangianBackboneBound : IRelaxation
{
    private readonly int _cells;
    private readonly int _gridPoints;
    private readonly int _refinements;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="cells">Busy-time steps of the DP.</param>
    /// <param name="gridPoints">Geometric grid points of λ.</param>
    /// <param name="refinements">Golden-section steps after the grid.</param>
    public LagrangianBackboneBound(int cells = 1024, int gridPoints = 8, int refinements = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridPoints, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(refinements);
        _cells = cells;
        _gridPoints = gridPoints;
        _refinements = refinements;
    }

    /// <inheritdoc/>
    public string Name => "lagrangian-dp";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            if (BackboneLayout.Of(data, out string? whyNot) is not BackboneLayout layout)
            {
                return RelaxationRun.Outcome.NotApplicable(whyNot!);
            }

            var program = new BackboneProfitProgram(data, layout, _cells);
            return LagrangianSearch.Run(data, profit => program.Solve(profit, budget), _gridPoints, _refinements, budget);
        });
}
