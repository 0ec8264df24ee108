using Google.OrTools.LinearSolver;

namespace PartialLoading.Milp;

/// <summary>
/// The constraint families that both MPSolver formulations (positions and visits) state the same way, over their
/// per-user <c>served</c> and <c>bandwidth</c> variables.
/// </summary>
internal static class MpServedUserConstraints
{
    /// <summary>
    /// Bandwidth is in MHz inside the MPSolver models: in Hz its coefficients (10⁷) beside millisecond big-Ms (10³)
    /// span a range in which SCIP was seen to cut off feasible schedules.
    /// </summary>
    public const double HzPerUnit = 1e6;

    /// <summary>Σ b_k ≤ B, and the aggregate knapsack Σ β_k(T_k − c_k)·served_k ≤ B (β only grows from there).</summary>
    public static void AddBandwidthBudget(Solver solver, ExactModelData data, Variable[] served, Variable[] bandwidth)
    {
        Constraint budget = solver.MakeConstraint(double.NegativeInfinity, data.BudgetHz / HzPerUnit);
        Constraint floor = solver.MakeConstraint(double.NegativeInfinity, data.BudgetHz / HzPerUnit);
        for (int k = 0; k < data.UserCount; k++)
        {
            budget.SetCoefficient(bandwidth[k], 1);
            floor.SetCoefficient(served[k], data.LeastBandwidthHz(k, data.OwnLatestStart(k)) / HzPerUnit);
        }
    }

    /// <summary>For every deadline d, what the users due by d need fits before d (see <see cref="DeadlineKnapsack"/>).</summary>
    public static void AddDeadlineKnapsacks(Solver solver, ExactModelData data, Variable[] served)
    {
        double[] entry = DeadlineKnapsack.CheapestEntry(data);
        var blocks = DeadlineKnapsack.BlocksToLoad(data);
        foreach (DeadlineKnapsack knapsack in DeadlineKnapsack.For(data))
        {
            var used = new Variable[data.ModelCount];
            foreach (int i in knapsack.Models)
            {
                used[i] = solver.MakeNumVar(0, 1, string.Empty);
            }

            foreach (int k in knapsack.Users)
            {
                // used_i ≥ served_k
                Constraint c = solver.MakeConstraint(0, double.PositiveInfinity);
                c.SetCoefficient(used[data.UserModel[k]], 1);
                c.SetCoefficient(served[k], -1);
            }

            // Σ c_k served_k + Σ_i entry_i used_i ≤ d
            Constraint byEntry = solver.MakeConstraint(double.NegativeInfinity, knapsack.Deadline);
            // Σ c_k served_k + Σ_j load_j needed_j ≤ d, needed_j ≥ used_i for the models i holding j
            Constraint byBlocks = solver.MakeConstraint(double.NegativeInfinity, knapsack.Deadline);
            foreach (int k in knapsack.Users)
            {
                byEntry.SetCoefficient(served[k], data.Inference[data.UserModel[k]]);
                byBlocks.SetCoefficient(served[k], data.Inference[data.UserModel[k]]);
            }

            foreach (int i in knapsack.Models)
            {
                byEntry.SetCoefficient(used[i], entry[i]);
            }

            var inKnapsack = new HashSet<int>(knapsack.Models);
            foreach ((double load, int[] holders) in blocks)
            {
                int[] relevant = [.. holders.Where(inKnapsack.Contains)];
                if (relevant.Length == 0)
                {
                    continue;
                }

                Variable needed = solver.MakeNumVar(0, 1, string.Empty);
                byBlocks.SetCoefficient(needed, load);
                foreach (int i in relevant)
                {
                    Constraint c = solver.MakeConstraint(0, double.PositiveInfinity);
                    c.SetCoefficient(needed, 1);
                    c.SetCoefficient(used[i], -1);
                }
            }
        }
    }

    /// <summary>Adds b_k ≥ tangent(λ_k) for a served user.</summary>
    /// <remarks>
    /// An unserved user's λ is free up to T − c, where the tangent is at most β(T − c) (a tangent lies below the
    /// convex β); releasing the cut by that much when the user is not served lets its bandwidth be 0.
    /// </remarks>
    public static void AddTangent(Solver solver, ExactModelData data, TangentCut cut, Variable[] served, Variable[] bandwidth, Variable[] userLatest)
    {
        int k = cut.User;
        cut = cut with { Value = cut.Value / HzPerUnit, Slope = cut.Slope / HzPerUnit };
        double release = Math.Max(0.0, cut.At(data.OwnLatestStart(k)));

        // b ≥ value + slope·(λ − point) − release·(1 − served)  ⇔  b − slope·λ − release·served ≥ value − slope·point − release
        Constraint c = solver.MakeConstraint(cut.Value - (cut.Slope * cut.Point) - release, double.PositiveInfinity);
        c.SetCoefficient(bandwidth[k], 1.0);
        c.SetCoefficient(userLatest[k], -cut.Slope);
        c.SetCoefficient(served[k], -release);
    }
}
