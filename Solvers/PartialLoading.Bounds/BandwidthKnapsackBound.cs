using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>bandwidth-knapsack</c>: the served users' least bandwidths must fit in B, each at least β_k(T_k − c_k)
/// (docs/model.md §10). Unit weights: the largest number of the smallest floors that fit; other weights: the
/// fractional knapsack by w/β.
/// </summary>
/// <remarks>
/// <b>Validity.</b> It drops the order and the time. A served user's latest start LS is at most T_k − c_k (plus the
/// evaluator's 1e-9 s tolerance), and β_k is decreasing, so the bandwidth it gets is at least β_k(T_k − c_k + 1e-9);
/// the floors used here are that value shrunk by a relative 1e-5, more than β's own error. A feasible schedule's
/// bandwidths sum to at most B·(1 + 1e-9), so its served set is a feasible knapsack of these floors; the count of
/// smallest floors (unit weights) and the fractional knapsack (weights) are at least any such knapsack's value.
/// </remarks>
public sealed class BandwidthKnapsackBound : IRelaxation
{
    /// <inheritdoc/>
    public string Name => "bandwidth-knapsack";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data => new RelaxationRun.Outcome(Solve(data)));

    /// <summary>The fractional knapsack of the floors with budget B·(1 + 1e-9); for unit weights it is floored afterwards.</summary>
    internal static double Solve(RelaxationData data)
    {
        int[] order = [.. Enumerable.Range(0, data.Count)];

        // Decreasing w/β (free users first); for unit weights that is increasing β.
        double[] key = new double[data.Count];
        for (int k = 0; k < key.Length; k++)
        {
            key[k] = data.BandwidthFloor[k] > 0.0 ? -data.Weight[k] / data.BandwidthFloor[k] : double.NegativeInfinity;
        }

        Array.Sort(key, order);
        double left = data.BudgetHz;
        double value = 0.0;
        foreach (int k in order)
        {
            double beta = data.BandwidthFloor[k];
            if (beta <= left)
            {
                value += data.Weight[k];
                left -= beta;
            }
            else
            {
                value += data.Weight[k] * (left / beta);
                break;
            }
        }

        return value;
    }
}
