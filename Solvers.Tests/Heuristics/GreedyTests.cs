using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Heuristics;

public class GreedyTests
{
    [Test]
    public void On_three_models_greedy_serves_A_then_B_before_C()
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("three-models"));

        SolveReport report = SolverRunner.Run(new GreedySolver(), instance);

        Assert.That(report.Result.Schedule.Order.Select(k => instance.Users[k].Id), Is.EqualTo(new[] { "u3", "u2", "u1" }));
    }

    [Test]
    public void Greedy_equals_the_plain_rule_applied_step_by_step([Range(1, 120)] int seed, [Values] GreedyRule rule)
    {
        // The plain rule re-checks every unserved user at every step with the reference model and never drops
        // anybody; the fast greedy keeps per-model queues, drops users for good and checks bandwidth by bounds.
        Instance instance = RandomInstances.Create(seed, users: 5 + (seed % 12), models: 2 + (seed % 5),
            sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
            bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
            commonDeadline: seed % 4 == 1, initialModel: seed % 5 < 2);

        SolveReport report = SolverRunner.Run(new GreedySolver(rule), instance);

        Assert.That(report.Result.Schedule.Order, Is.EqualTo(PlainGreedy(instance, rule)));
    }

    [Test]
    public void Greedy_equals_the_plain_rule_on_long_instances([Range(1, 12)] int seed)
    {
        Instance instance = RandomInstances.Long(seed, users: 120, commonDeadline: seed % 2 == 0);

        SolveReport report = SolverRunner.Run(new GreedySolver(), instance);

        Assert.That(report.Result.Schedule.Order, Is.EqualTo(PlainGreedy(instance, GreedyRule.LeastLoading, useReference: false)));
    }

    [Test]
    public void A_user_that_cannot_be_appended_stays_unappendable_after_any_feasible_appends([Range(1, 150)] int seed)
    {
        // The rule that lets greedy drop a user for good: π + k infeasible ⇒ π + X + k infeasible for every
        // feasible π + X (X inserted before k in π + k: deadlines only move later, no β goes down; docs/model.md §4).
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 9, models: 4, bandwidth: seed % 2 == 0 ? RandomBandwidth.Tight : RandomBandwidth.Ample,
            commonDeadline: seed % 3 == 0, initialModel: seed % 2 == 1);
        int checkedCases = 0;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            List<int> prefix = FeasibleRandomOrder(instance, random, [.. Enumerable.Range(0, 9)], 1 + random.Next(3));
            int[] blocked = [.. Enumerable.Range(0, 9).Where(k => !prefix.Contains(k) && !ReferenceModel.IsFeasibleOrder(instance, [.. prefix, k]))];
            if (blocked.Length == 0)
            {
                continue;
            }

            int user = blocked[random.Next(blocked.Length)];
            List<int> extended = FeasibleRandomOrder(instance, random, [.. Enumerable.Range(0, 9).Where(k => k != user)], 9, prefix);
            Assert.That(ReferenceModel.IsFeasibleOrder(instance, [.. extended, user]), Is.False, $"[{string.Join(",", prefix)}] + … [{string.Join(",", extended)}] + {user}");
            checkedCases++;
        }

        if (checkedCases == 0)
        {
            Assert.Pass("no prefix drawn here blocks anybody; nothing to check");
        }
    }

    [Test]
    public void Every_user_is_tried_exactly_once()
    {
        Instance instance = RandomInstances.Long(3, users: 400, commonDeadline: true, budgetHz: 3e6);

        GreedyRun run = GreedyConstruction.Run(instance, GreedyRule.LeastLoading);

        Assert.That(run.Tries, Is.EqualTo(instance.Users.Length));
        Assert.That(run.Schedule.Count, Is.InRange(1, instance.Users.Length - 1), "some admitted, some dropped");
    }

    [Test]
    public void Most_shared_prefers_the_model_sharing_more_even_when_it_loads_more()
    {
        // In memory A = {α 300 MB}. B = {α, β 100 MB} shares 300 MB and loads 0.1 s; C = {γ 50 MB} shares nothing
        // and loads 0.05 s. Deadlines leave room for only one of the two.
        Instance instance = new InstanceBuilder("rules")
            .SetServer(1000, 20e6, -174, "A")
            .AddBlock("alpha", 300).AddBlock("beta", 100).AddBlock("gamma", 50)
            .AddModel("A", 0.05, "alpha").AddModel("B", 0.05, "alpha", "beta").AddModel("C", 0.05, "gamma")
            .AddUser("b", "B", 1, 0.2, 0.2, -100)
            .AddUser("c", "C", 1, 0.2, 0.2, -100)
            .Build();

        string[] Served(GreedyRule rule) => [.. SolverRunner.Run(new GreedySolver(rule), instance).Result.Schedule.Order.Select(k => instance.Users[k].Id)];

        Assert.That(Served(GreedyRule.LeastLoading), Is.EqualTo(new[] { "c" }));
        Assert.That(Served(GreedyRule.MostShared), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void A_cancelled_greedy_returns_a_feasible_schedule()
    {
        Instance instance = RandomInstances.Long(5, users: 200, commonDeadline: false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        SolveReport report = SolverRunner.Run(new GreedySolver(), instance, cancellationToken: cancelled.Token);

        Assert.That(report.Evaluation.IsFeasible, Is.True);
        Assert.That(report.Result.Note, Does.Contain("stopped early"));
    }

    [Test]
    public void Rule_words_round_trip()
    {
        foreach (GreedyRule rule in Enum.GetValues<GreedyRule>())
        {
            Assert.That(GreedyRuleWords.Parse(rule.ToWord()), Is.EqualTo(rule));
        }

        Assert.That(() => GreedyRuleWords.Parse("fastest"), Throws.ArgumentException);
    }

    /// <summary>docs/model.md §6 word for word: at each step every unserved user is checked; the best feasible one is appended.</summary>
    private static List<int> PlainGreedy(Instance instance, GreedyRule rule, bool useReference = true)
    {
        var order = new List<int>();
        int memory = instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;
        LoadingTimes loading = instance.LoadingTimes;
        while (true)
        {
            int? best = null;
            (double, double, int) bestKey = default;
            for (int k = 0; k < instance.Users.Length; k++)
            {
                if (order.Contains(k))
                {
                    continue;
                }

                User user = instance.Users[k];
                double rank = rule == GreedyRule.LeastLoading ? loading.Seconds(memory, user.Model) : -loading.SharedMb(memory, user.Model);
                (double, double, int) key = (rank, user.DeadlineSeconds, k);
                if ((best is null || key.CompareTo(bestKey) < 0) && Feasible([.. order, k]))
                {
                    (best, bestKey) = (k, key);
                }
            }

            if (best is not int chosen)
            {
                return order;
            }

            order.Add(chosen);
            memory = instance.Users[chosen].Model;
        }

        bool Feasible(List<int> candidate) => useReference
            ? ReferenceModel.IsFeasibleOrder(instance, candidate)
            : PartialLoading.Core.Planning.OrderPlanner.Plan(instance, candidate).IsFeasible;
    }

    /// <summary>Appends users from <paramref name="pool"/> in random order, each only if the order stays feasible.</summary>
    private static List<int> FeasibleRandomOrder(Instance instance, Random random, int[] pool, int most, List<int>? start = null)
    {
        List<int> order = [.. start ?? []];
        foreach (int k in pool.OrderBy(_ => random.Next()))
        {
            if (order.Count - (start?.Count ?? 0) >= most)
            {
                break;
            }

            if (!order.Contains(k) && ReferenceModel.IsFeasibleOrder(instance, [.. order, k]))
            {
                order.Add(k);
            }
        }

        return order;
    }
}
