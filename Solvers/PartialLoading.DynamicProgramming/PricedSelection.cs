using PartialLoading.Bandwidth;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// Chooses the users the DP serves knowing their bandwidth, when the relaxation's order fails the test of
/// docs/model.md §4: a Lagrangian price λ on bandwidth makes user k worth serving only while its least bandwidth at a
/// reference latest start is at most 1/λ; the DP then re-chooses the counts among the users worth serving (the time
/// they free goes to cheaper users of other models), and λ is searched by bisection for the largest set whose order
/// passes the test. Every order tried that still fails is repaired by <see cref="BandwidthRepair"/>; the best schedule
/// over all of them, the unpriced one included, is kept, so the result never serves fewer than dropping alone.
/// </summary>
/// <remarks>
/// <para>
/// The price counts a user worth serving as 1 (its weight), not 1 − λβ: the DP over "value → least busy time" stays
/// exact for the time, and λ acts as the threshold of a Lagrangian relaxation of Σβ ≤ B. The reference latest start of
/// a user is its latest start in the reference order (the failed one, then each round's best) when it was served
/// there, else the mean latest start of its model's batch, else the mean over the order: it ranks users by how much
/// bandwidth they would need where they would go. Re-pricing in rounds matters: on synthetic-bottom-1000-common the
/// first round serves 545, the later ones 573 and 592.
/// </para>
/// <para>
/// The batches are also reordered (<see cref="ByUploadDemand"/>): with a common deadline the busy time does not depend
/// on the order of whole clusters and of the models inside one, but the latest starts grow along it, so the clusters
/// and batches whose users need the longest uploads (largest D/a) go last.
/// </para>
/// <para>Cost: O(log K) runs of the DP and of the planner per round, each O(|M|·K), at most
/// <see cref="MaxRounds"/> rounds; the time limit is checked before every run.</para>
/// </remarks>
internal static class PricedSelection
{
    /// <summary>Rounds of the search before it gives up improving.</summary>
    public const int MaxRounds = 12;

    /// <summary>Rounds in a row without improvement after which the search stops.</summary>
    public const int StaleRounds = 2;

    /// <summary>
    /// The DP states all runs of the search may evaluate, in multiples of the unpriced DP's: a deterministic work budget
    /// (the search costs at most about this many DP runs whatever the machine). On 1,000 users the search ends on its
    /// own well before.
    /// </summary>
    public const long StateBudgetFactor = 32;

    /// <summary>
    /// The most DP states the search may evaluate in all, so that on 100,000 users, where
    /// one DP run already evaluates ~5·10⁷ states, the search adds a few DP runs (and their repairs) rather than minutes.
    /// </summary>
    public const long StateBudgetCap = 100_000_000;

    /// <summary>The best feasible plan found, and how many orders were planned; the plan is null when none passed.</summary>
    /// <remarks>
    /// Each round prices the users at their latest starts in the previous round's best order (the first round: in
    /// <paramref name="failed"/>), so the prices follow the users to where they are served.
    /// </remarks>
    /// <param name="problem">The DP's problem.</param>
    /// <param name="failed">The unpriced DP's order, which failed the bandwidth test.</param>
    /// <param name="states">The states the unpriced DP evaluated; the search evaluates at most <see cref="StateBudgetFactor"/> times as many, and at most <see cref="StateBudgetCap"/>.</param>
    /// <param name="stop">The time limit or cancellation, checked before every run.</param>
    public static (OrderPlan? Plan, int Tries) Search(BottomLayerProblem problem, OrderPlan failed, long states, Func<bool> stop)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(stop);
        var budget = new StateBudget(Math.Min(StateBudgetCap, StateBudgetFactor * Math.Max(1, states)));
        bool Spent() => stop() || budget.Spent;
        OrderPlan? best = null;
        OrderPlan? reference = failed;
        int tries = 0;
        for (int round = 0, stale = 0; round < MaxRounds && stale < StaleRounds && reference is not null && !Spent(); round++)
        {
            (OrderPlan? found, int more) = Round(problem, reference, budget, Spent);
            tries += more;
            if (found is not null && (best is null || Value(problem.Instance, found) > Value(problem.Instance, best)))
            {
                best = found;
                stale = 0;
            }
            else
            {
                stale++;
            }

            reference = found;
        }

        return (best, tries);
    }

    /// <summary>One bisection over the price, users priced at their latest starts in <paramref name="reference"/>.</summary>
    private static (OrderPlan? Plan, int Tries) Round(BottomLayerProblem problem, OrderPlan reference, StateBudget budget, Func<bool> stop)
    {
        Instance instance = problem.Instance;
        double[] price = Prices(instance, reference);
        double[] thresholds = [.. price.Where(double.IsFinite).Distinct().Order()];
        OrderPlan? best = null;
        double bestValue = double.NegativeInfinity;
        int tries = 0;
        int low = 0;
        int high = thresholds.Length - 1;
        var keep = new bool[instance.Users.Length];
        while (low <= high && !stop())
        {
            int middle = low + ((high - low) / 2);
            for (int k = 0; k < keep.Length; k++)
            {
                keep[k] = price[k] <= thresholds[middle];
            }

            BottomLayerProblem restricted = problem.Restrict(keep);
            RelaxedOptimum? relaxed = BusyTimeProgram.Solve(restricted, stop);
            if (relaxed is null)
            {
                break;
            }

            budget.Spend(relaxed.States);
            OrderPlan plan = OrderPlanner.Plan(instance, ByUploadDemand(restricted, ServiceOrder.Build(restricted, relaxed.Counts)));
            tries++;
            bool passed = plan.IsFeasible;
            if (!passed && plan.MeetsDeadlinesWithInstantUploads)
            {
                plan = BandwidthRepair.DropUntilFeasible(instance, plan, stop).Plan;
            }

            double value = Value(instance, plan);
            if (plan.IsFeasible && value > bestValue)
            {
                (best, bestValue) = (plan, value);
            }

            if (passed)
            {
                low = middle + 1; // a higher threshold may serve more
            }
            else
            {
                high = middle - 1;
            }
        }

        return (best, tries);
    }

    /// <summary>Σ w over the plan's order.</summary>
    public static double Value(Instance instance, OrderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(plan);
        double value = 0.0;
        foreach (int user in plan.Order)
        {
            value += instance.Users[user].Weight;
        }

        return value;
    }

    /// <summary>Each user's least bandwidth at its reference latest start (see the remarks).</summary>
    private static double[] Prices(Instance instance, OrderPlan failed)
    {
        var reference = new double[instance.Users.Length];
        var modelSum = new double[instance.Models.Length];
        var modelCount = new int[instance.Models.Length];
        double sum = 0.0;
        Array.Fill(reference, double.NaN);
        for (int p = 0; p < failed.Order.Length; p++)
        {
            int user = failed.Order[p];
            double latest = failed.LatestStartsSeconds[p];
            reference[user] = latest;
            modelSum[instance.Users[user].Model] += latest;
            modelCount[instance.Users[user].Model]++;
            sum += latest;
        }

        double overall = failed.Order.Length > 0 ? sum / failed.Order.Length : instance.Users.Max(u => u.DeadlineSeconds) / 2.0;
        var price = new double[instance.Users.Length];
        for (int k = 0; k < price.Length; k++)
        {
            User user = instance.Users[k];
            double at = !double.IsNaN(reference[k]) ? reference[k]
                : modelCount[user.Model] > 0 ? modelSum[user.Model] / modelCount[user.Model]
                : overall;
            price[k] = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, at);
        }

        return price;
    }

    /// <summary>
    /// The order with its clusters, and the models inside each, sorted by their users' mean D/a, ascending; the first
    /// cluster and its first model stay first when a model is in memory at time 0 (they are loaded for free only there).
    /// </summary>
    internal static int[] ByUploadDemand(BottomLayerProblem problem, int[] order)
    {
        Instance instance = problem.Instance;
        var clusterOf = new Dictionary<int, int>();
        for (int q = 0; q < problem.ClusterCount; q++)
        {
            for (int m = problem.ClusterStart[q]; m < problem.ClusterStart[q + 1]; m++)
            {
                clusterOf[problem.Models[m]] = q;
            }
        }

        // Batches as (model, from, to) in the given order, grouped by cluster in first-seen order.
        var clusters = new List<List<(int From, int To, double Demand)>>();
        var index = new Dictionary<int, int>();
        for (int from = 0; from < order.Length;)
        {
            int model = instance.Users[order[from]].Model;
            int to = from + 1;
            double demand = Demand(instance, order[from]);
            while (to < order.Length && instance.Users[order[to]].Model == model)
            {
                demand += Demand(instance, order[to]);
                to++;
            }

            int q = clusterOf[model];
            if (!index.TryGetValue(q, out int c))
            {
                index[q] = c = clusters.Count;
                clusters.Add([]);
            }

            clusters[c].Add((from, to, demand / (to - from)));
            from = to;
        }

        int pinned = instance.Server.InitialModel is null ? 0 : 1;
        var sorted = clusters.Select((batches, c) =>
        {
            List<(int From, int To, double Demand)> inside = c < pinned
                ? [.. batches.Take(1), .. batches.Skip(1).OrderBy(b => b.Demand)]
                : [.. batches.OrderBy(b => b.Demand)];
            double total = batches.Sum(b => b.Demand * (b.To - b.From));
            double count = batches.Sum(b => b.To - b.From);
            return (Batches: inside, Demand: total / count, Pinned: c < pinned);
        }).ToList();
        IEnumerable<(List<(int From, int To, double Demand)> Batches, double Demand, bool Pinned)> arranged =
            [.. sorted.Where(c => c.Pinned), .. sorted.Where(c => !c.Pinned).OrderBy(c => c.Demand)];

        var result = new int[order.Length];
        int at = 0;
        foreach (var cluster in arranged)
        {
            foreach ((int from, int to, _) in cluster.Batches)
            {
                order.AsSpan(from, to - from).CopyTo(result.AsSpan(at));
                at += to - from;
            }
        }

        return result;
    }

    /// <summary>DP states left to evaluate.</summary>
    private sealed class StateBudget(long states)
    {
        private long _left = states;

        public bool Spent => _left <= 0;

        public void Spend(long states) => _left -= states;
    }

    private static double Demand(Instance instance, int user) => instance.Users[user].DataBits / instance.Users[user].SnrBandwidthHz;
}
