using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>
/// Integer units of the CP-SAT models and the rounding that keeps them relaxations: time in microseconds, durations
/// rounded down and deadlines up (a truly feasible schedule stays feasible), bandwidth in Hz with tangent cuts that
/// only weaken when rounded.
/// </summary>
internal static class CpModelScale
{
    /// <summary>Microseconds per millisecond of <see cref="ExactModelData"/>.</summary>
    public const double TicksPerUnit = 1000.0;

    /// <summary>Scale of the tangent cuts: S·b ≥ ⌊S·value⌋ + ⌊S·slope⌋·λ.</summary>
    public const double CutScale = 1024.0;

    public static long Floor(double milliseconds) => (long)Math.Floor(milliseconds * TicksPerUnit);

    public static long Ceil(double milliseconds) => (long)Math.Ceiling(milliseconds * TicksPerUnit);

    public static long BudgetHz(ExactModelData data) => (long)Math.Ceiling(data.BudgetHz * (1 + 1e-9));

    /// <summary>Weights are used as they are when integer, else scaled to keep six decimals.</summary>
    public static double WeightScale(ExactModelData data) => data.Weight.All(w => w == Math.Floor(w)) ? 1.0 : 1e6;

    /// <summary>b ≥ tangent(λ) when <paramref name="served"/>; rounded so the cut only weakens (λ ≥ 0).</summary>
    public static void AddTangent(CpModel model, TangentCut cut, IntVar bandwidth, IntVar latest, ILiteral served)
    {
        // b ≥ value + slope·(λms − point) = (value − slope·point) + (slope / 1000)·λµs
        double constant = cut.Value - (cut.Slope * cut.Point);
        double slopePerTick = cut.Slope / TicksPerUnit;
        long scaledConstant = (long)Math.Floor(CutScale * constant);
        long scaledSlope = (long)Math.Floor(CutScale * slopePerTick); // more negative: weaker, as λ ≥ 0
        model.Add(((long)CutScale * bandwidth) - (scaledSlope * latest) >= scaledConstant).OnlyEnforceIf(served);
    }

    /// <summary>
    /// Σ β_k(T_k − c_k)·served_k ≤ B (rounded down): β only grows from the latest start a user has alone, so this
    /// aggregate knapsack holds for every schedule.
    /// </summary>
    public static void AddBandwidthFloor(CpModel model, ExactModelData data, BoolVar[] served)
    {
        long[] floors = [.. Enumerable.Range(0, data.UserCount).Select(k => (long)Math.Floor(data.LeastBandwidthHz(k, data.OwnLatestStart(k))))];
        model.Add(LinearExpr.WeightedSum(served, floors) <= BudgetHz(data));
    }

    /// <summary>The deadline knapsacks of <see cref="DeadlineKnapsack"/>, in integer microseconds.</summary>
    public static void AddDeadlineKnapsacks(CpModel model, ExactModelData data, BoolVar[] served)
    {
        double[] entry = DeadlineKnapsack.CheapestEntry(data);
        var blocks = DeadlineKnapsack.BlocksToLoad(data);
        foreach (DeadlineKnapsack knapsack in DeadlineKnapsack.For(data))
        {
            var used = new BoolVar[data.ModelCount];
            foreach (int i in knapsack.Models)
            {
                used[i] = model.NewBoolVar(string.Empty);
            }

            foreach (int k in knapsack.Users)
            {
                model.AddImplication(served[k], used[data.UserModel[k]]);
            }

            long deadline = Ceil(knapsack.Deadline);
            long[] inference = [.. knapsack.Users.Select(k => Floor(data.Inference[data.UserModel[k]]))];
            BoolVar[] servedHere = [.. knapsack.Users.Select(k => served[k])];
            BoolVar[] usedHere = [.. knapsack.Models.Select(i => used[i])];
            model.Add(LinearExpr.WeightedSum(servedHere, inference) + LinearExpr.WeightedSum(usedHere, [.. knapsack.Models.Select(i => Floor(entry[i]))]) <= deadline);

            var inKnapsack = new HashSet<int>(knapsack.Models);
            var neededVars = new List<BoolVar>();
            var loads = new List<long>();
            foreach ((double load, int[] holders) in blocks)
            {
                int[] relevant = [.. holders.Where(inKnapsack.Contains)];
                if (relevant.Length == 0)
                {
                    continue;
                }

                BoolVar needed = model.NewBoolVar(string.Empty);
                foreach (int i in relevant)
                {
                    model.AddImplication(used[i], needed);
                }

                neededVars.Add(needed);
                loads.Add(Floor(load));
            }

            model.Add(LinearExpr.WeightedSum(servedHere, inference) + LinearExpr.WeightedSum(neededVars, loads) <= deadline);
        }
    }

    /// <summary>Σ_{k ∈ set} served_k ≤ |set| − 1 for every conflict (see <see cref="ConflictCuts"/>).</summary>
    public static void AddConflicts(CpModel model, IReadOnlyList<int[]> conflicts, BoolVar[] served)
    {
        foreach (int[] set in conflicts)
        {
            if (set.Length == 2)
            {
                model.AddBoolOr([served[set[0]].Not(), served[set[1]].Not()]);
            }
            else
            {
                model.Add(LinearExpr.Sum([.. set.Select(k => served[k])]) <= set.Length - 1);
            }
        }
    }

    public static void Maximize(CpModel model, ExactModelData data, BoolVar[] served)
        => model.Maximize(LinearExpr.WeightedSum(served, ObjectiveWeights(data)));

    /// <summary>
    /// Objective ≥ the value of a verified schedule (local users): that schedule is feasible in every relaxation, so the
    /// relaxation's optimum, the bound, is unchanged, while the search prunes everything worse from the start instead of
    /// first rediscovering the hint.
    /// </summary>
    public static void AtLeast(CpModel model, ExactModelData data, BoolVar[] served, IReadOnlyList<int> order)
    {
        long[] weights = ObjectiveWeights(data);
        model.Add(LinearExpr.WeightedSum(served, weights) >= order.Sum(k => weights[k]));
    }

    private static long[] ObjectiveWeights(ExactModelData data)
    {
        double scale = WeightScale(data);
        return [.. data.Weight.Select(w => (long)Math.Round(w * scale))];
    }
}
