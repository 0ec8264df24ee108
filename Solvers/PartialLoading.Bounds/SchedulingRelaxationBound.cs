using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>scheduling-dp</c>: the scheduling relaxation (uploads instant, bandwidth free) of bottom-layer sharing with a
/// common deadline (docs/model.md §5, §10): exact by the count DP for unit weights (<see cref="BackboneCountProgram"/>),
/// bounded by the busy-time DP for other weights (<see cref="BackboneProfitProgram"/> with profits w).
/// </summary>
/// <remarks>
/// <b>Validity.</b> It drops the bandwidth budget: every feasible schedule meets the deadline with instant uploads
/// (docs/model.md §4), so its served set is schedulable in the relaxation, whose optimum is what the DP computes (unit
/// weights) or bounds (other weights). Other instances: not applicable.
/// </remarks>
public sealed class SchedulingRelaxationBound : IRelaxation
{
    private readonly int _cells;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="cells">Busy-time steps of the DP for weights other than 1.</param>
    public SchedulingRelaxationBound(int cells = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 1);
        _cells = cells;
    }

    /// <inheritdoc/>
    public string Name => "scheduling-dp";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            if (BackboneLayout.Of(data, out string? whyNot) is not BackboneLayout layout)
            {
                return RelaxationRun.Outcome.NotApplicable(whyNot!);
            }

            double? value = data.UnitWeights
                ? BackboneCountProgram.Solve(data, layout, budget)
                : new BackboneProfitProgram(data, layout, _cells).Solve(data.Weight, budget);
            return value is double v ? new RelaxationRun.Outcome(v) : new RelaxationRun.Outcome(double.PositiveInfinity, false, "stopped by the time limit");
        });
}
