using PartialLoading.Bandwidth;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// The exact choice of users inside each batch, used when <see cref="ServiceOrder"/>'s rule fails the bandwidth test.
/// The batch sequence and counts stay; the latest starts of the failed plan are then the slots of every choice (with
/// a common deadline they depend on the models at the positions only), and each batch's users are re-chosen by a
/// minimum-cost assignment of candidates to slots with cost β_k(LS) (<see cref="MinCostAssignment"/>). The sum of the
/// per-batch minima is the least Σβ of any choice with these counts and this batch sequence, so after this step the
/// test fails only if every such choice fails it.
/// </summary>
/// <remarks>
/// Skipped, because the rule is already exact there (see <see cref="ServiceOrder"/>): batches whose candidates sorted
/// by D/a are also sorted by a. Skipped for time: a batch of x slots and m candidates costs O(x²·m); batches above
/// <see cref="BatchWorkLimit"/> are left as the rule chose them, and all refined batches together stay within
/// <see cref="TotalWorkLimit"/> (a few tenths of a second). With integer weights the users heavier than the lightest
/// served weight must stay served: they get a bonus larger than any assignment's cost, so the minimum keeps them.
/// </remarks>
internal static class BatchAssignment
{
    /// <summary>Largest x²·m for one batch (x slots, m candidates): about 290 users choosing among 290.</summary>
    public const long BatchWorkLimit = 25_000_000;

    /// <summary>Largest Σ x²·m over all refined batches.</summary>
    public const long TotalWorkLimit = 100_000_000;

    /// <summary>The order with every eligible batch re-chosen optimally, or null when no batch was eligible.</summary>
    public static int[]? Refine(BottomLayerProblem problem, OrderPlan failed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(failed);
        Instance instance = problem.Instance;
        var dpModelOf = new int[instance.Models.Length];
        for (int m = 0; m < problem.ModelCount; m++)
        {
            dpModelOf[problem.Models[m]] = m;
        }

        int[] order = [.. failed.Order];
        double cap = 2.0 * failed.BudgetHz; // any β above the budget fails the test alone; capping keeps costs finite
        long work = 0;
        bool changed = false;
        for (int start = 0; start < order.Length;)
        {
            int model = instance.Users[order[start]].Model;
            int end = start + 1;
            while (end < order.Length && instance.Users[order[end]].Model == model)
            {
                end++;
            }

            int m = dpModelOf[model];
            int slots = end - start;
            (int heavier, int tiedEnd) = ServiceOrder.Candidates(problem.WeightsOf(m), slots);
            ReadOnlySpan<int> candidates = problem.UsersOf(m)[..tiedEnd];
            long batchWork = (long)slots * slots * candidates.Length;
            if (!RuleIsExact(instance, candidates) && batchWork <= BatchWorkLimit && work + batchWork <= TotalWorkLimit)
            {
                work += batchWork;
                Assign(instance, candidates, heavier, failed.LatestStartsSeconds.AsSpan(start, slots), cap, order.AsSpan(start, slots));
                changed = true;
            }

            start = end;
        }

        return changed ? order : null;
    }

    /// <summary>True when the candidates sorted by D/a (then a) are also sorted by a: then the rule's choice is optimal.</summary>
    private static bool RuleIsExact(Instance instance, ReadOnlySpan<int> candidates)
    {
        var demands = new UploadDemand[candidates.Length];
        for (int k = 0; k < candidates.Length; k++)
        {
            demands[k] = ServiceOrder.Demand(instance, candidates[k]);
        }

        Array.Sort(demands);
        for (int k = 1; k < demands.Length; k++)
        {
            if (demands[k].SnrBandwidthHz < demands[k - 1].SnrBandwidthHz)
            {
                return false;
            }
        }

        return true;
    }

    private static void Assign(Instance instance, ReadOnlySpan<int> candidates, int mandatory, ReadOnlySpan<double> latestStarts, double cap, Span<int> batch)
    {
        int rows = latestStarts.Length;
        int columns = candidates.Length;
        double bonus = (rows + 1) * cap; // exceeds any assignment's total, so every mandatory candidate is placed
        var cost = new double[rows * columns];
        for (int s = 0; s < rows; s++)
        {
            for (int u = 0; u < columns; u++)
            {
                User user = instance.Users[candidates[u]];
                double beta = Math.Min(cap, LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latestStarts[s]));
                cost[(s * columns) + u] = u < mandatory ? beta - bonus : beta;
            }
        }

        int[] assignment = MinCostAssignment.Solve(cost, rows, columns);
        for (int s = 0; s < rows; s++)
        {
            batch[s] = candidates[assignment[s]];
        }
    }
}
