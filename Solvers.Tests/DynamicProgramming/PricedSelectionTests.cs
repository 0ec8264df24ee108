using PartialLoading.Generation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.DynamicProgramming;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming;

public class PricedSelectionTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void On_a_binding_budget_the_priced_choice_is_feasible_and_serves_at_least_what_dropping_serves(int seed)
    {
        (Instance instance, BottomLayerProblem problem, RelaxedOptimum relaxed, OrderPlan failed) = Unpriced(users: 300, seed);
        Assume.That(failed.IsFeasible, Is.False, "the budget must bind for the repair to run");

        (OrderPlan dropped, _, _) = BandwidthRepair.DropUntilFeasible(instance, failed, () => false);
        (OrderPlan? priced, int tries) = PricedSelection.Search(problem, failed, relaxed.States, () => false);

        Assert.That(priced, Is.Not.Null);
        Assert.That(tries, Is.GreaterThan(0));
        OrderPlan replanned = OrderPlanner.Plan(instance, priced!.Order);
        Assert.That(replanned.IsFeasible, Is.True);
        Assert.That(priced.Order.Length, Is.GreaterThanOrEqualTo(dropped.Order.Length));
        Assert.That(priced.Order.Length, Is.LessThanOrEqualTo(relaxed.Value));
    }

    [Test]
    public void The_search_stops_when_told_and_then_finds_nothing()
    {
        (_, BottomLayerProblem problem, RelaxedOptimum relaxed, OrderPlan failed) = Unpriced(users: 200, seed: 1);

        (OrderPlan? priced, int tries) = PricedSelection.Search(problem, failed, relaxed.States, () => true);

        Assert.That(priced, Is.Null);
        Assert.That(tries, Is.Zero);
    }

    [Test]
    public void The_search_stops_once_its_share_of_dp_states_is_spent()
    {
        (_, BottomLayerProblem problem, RelaxedOptimum relaxed, OrderPlan failed) = Unpriced(users: 300, seed: 1);
        Assume.That(failed.IsFeasible, Is.False);

        // A budget of 32 states: the first run spends it.
        (_, int tries) = PricedSelection.Search(problem, failed, states: 1, () => false);
        (_, int unbounded) = PricedSelection.Search(problem, failed, relaxed.States, () => false);

        Assert.That(tries, Is.EqualTo(1));
        Assert.That(unbounded, Is.GreaterThan(1));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Restricting_to_every_user_keeps_the_relaxation_and_to_fewer_never_raises_it(int seed)
    {
        Instance instance = RandomInstances.Create(seed, users: 14, models: 5, RandomSharing.BottomLayer, RandomBandwidth.Tight, commonDeadline: true, initialModel: seed % 2 == 0);
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
        long full = BusyTimeProgram.Solve(problem)!.Value;
        bool[] all = [.. Enumerable.Repeat(true, instance.Users.Length)];
        bool[] some = [.. Enumerable.Range(0, instance.Users.Length).Select(k => k % 3 != seed % 3)];

        BottomLayerProblem restricted = problem.Restrict(some);
        RelaxedOptimum fewer = BusyTimeProgram.Solve(restricted)!;

        Assert.That(BusyTimeProgram.Solve(problem.Restrict(all))!.Value, Is.EqualTo(full));
        Assert.That(fewer.Value, Is.LessThanOrEqualTo(full));
        Assert.That(restricted.Users.All(k => some[k]), Is.True);
        int[] order = ServiceOrder.Build(restricted, fewer.Counts);
        Assert.That(OrderPlanner.Plan(instance, order).MeetsDeadlinesWithInstantUploads, Is.True);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Reordering_batches_by_upload_demand_keeps_the_users_the_batches_and_the_busy_time(int seed)
    {
        Instance instance = RandomInstances.Create(seed, users: 16, models: 6, RandomSharing.BottomLayer, RandomBandwidth.Ample, commonDeadline: true, initialModel: seed % 2 == 0);
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
        int[] order = ServiceOrder.Build(problem, BusyTimeProgram.Solve(problem)!.Counts);

        int[] reordered = PricedSelection.ByUploadDemand(problem, order);

        Assert.That(reordered, Is.EquivalentTo(order));
        Assert.That(Batches(instance, reordered), Is.EqualTo(Batches(instance, order)), "one batch per model, as before");
        Assert.That(InstantEnd(instance, reordered), Is.EqualTo(InstantEnd(instance, order)).Within(1e-9));
        if (order.Length > 0)
        {
            Assert.That(instance.Users[reordered[0]].Model, Is.EqualTo(instance.Users[order[0]].Model).Or.Not.EqualTo(instance.Server.InitialModel));
        }
    }

    /// <summary>A generated synthetic-bottom instance with a common deadline, its DP and the DP's order, planned.</summary>
    private static (Instance, BottomLayerProblem, RelaxedOptimum, OrderPlan) Unpriced(int users, int seed)
    {
        Instance instance = ScenarioRegistry.Get("synthetic-bottom").Generate(new GenerationRequest { Users = users, Seed = seed, Deadlines = DeadlineMode.Common });
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
        RelaxedOptimum relaxed = BusyTimeProgram.Solve(problem)!;
        return (instance, problem, relaxed, OrderPlanner.Plan(instance, ServiceOrder.Build(problem, relaxed.Counts)));
    }

    private static int Batches(Instance instance, int[] order) => order.Where((k, p) => p == 0 || instance.Users[order[p - 1]].Model != instance.Users[k].Model).Count();

    private static double InstantEnd(Instance instance, int[] order)
    {
        double end = 0.0;
        int last = instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;
        foreach (int k in order)
        {
            int model = instance.Users[k].Model;
            end += instance.LoadingTimes.Seconds(last, model) + instance.Models[model].InferenceSeconds;
            last = model;
        }

        return end;
    }
}
