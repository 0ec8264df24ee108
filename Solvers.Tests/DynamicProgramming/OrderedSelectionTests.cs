using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.DynamicProgramming;
using PartialLoading.Generation;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming;

/// <summary>
/// The users of a fixed batch sequence re-chosen with each priced at its latest start: every plan it returns passes the
/// exact test, keeps the reference's batch sequence (each batch's users a subset of its model's), is reproducible, and
/// on a binding budget serves at least what dropping serves.
/// </summary>
public class OrderedSelectionTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void On_a_binding_budget_it_is_feasible_keeps_the_sequence_and_serves_at_least_what_dropping_serves(int seed)
    {
        (Instance instance, BottomLayerProblem problem, OrderPlan failed) = Unpriced(users: 300, seed);
        Assume.That(failed.IsFeasible, Is.False, "the budget must bind for the repair to run");
        OrderPlan reference = OrderPlanner.Plan(instance, PricedSelection.ByUploadDemand(problem, [.. failed.Order]));

        OrderPlan? chosen = OrderedSelection.Search(problem, reference, () => false);
        (OrderPlan dropped, _, _) = BandwidthRepair.DropUntilFeasible(instance, reference, () => false);

        Assert.That(chosen, Is.Not.Null);
        Assert.That(OrderPlanner.Plan(instance, chosen!.Order).IsFeasible, Is.True);
        Assert.That(chosen.Order.Length, Is.GreaterThanOrEqualTo(dropped.Order.Length));
        Assert.That(chosen.Order, Is.Unique);
        int[] sequence = Sequence(instance, reference.Order);
        int[] used = Sequence(instance, chosen.Order);
        Assert.That(IsSubsequence(used, sequence), Is.True, "the batches must keep the reference's order");
    }

    [Test]
    public void The_same_reference_gives_the_same_plan()
    {
        (Instance instance, BottomLayerProblem problem, OrderPlan failed) = Unpriced(users: 200, seed: 4);
        OrderPlan reference = OrderPlanner.Plan(instance, PricedSelection.ByUploadDemand(problem, [.. failed.Order]));

        OrderPlan? one = OrderedSelection.Search(problem, reference, () => false);
        OrderPlan? two = OrderedSelection.Search(problem, reference, () => false);

        Assert.That(one?.Order, Is.EqualTo(two?.Order));
    }

    [Test]
    public void Stopped_at_once_it_finds_nothing()
    {
        (_, BottomLayerProblem problem, OrderPlan failed) = Unpriced(users: 200, seed: 1);

        Assert.That(OrderedSelection.Search(problem, failed, () => true), Is.Null);
    }

    [Test]
    public void On_small_instances_it_never_beats_the_brute_force_optimum()
    {
        for (int seed = 1; seed <= 16; seed++)
        {
            Instance instance = RandomInstances.Create(5100 + seed, users: 5 + (seed % 3), models: 3, RandomSharing.BottomLayer, RandomBandwidth.Tight, commonDeadline: true, initialModel: seed % 2 == 0);
            BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
            RelaxedOptimum relaxed = BusyTimeProgram.Solve(problem)!;
            OrderPlan plan = OrderPlanner.Plan(instance, ServiceOrder.Build(problem, relaxed.Counts));

            OrderPlan? chosen = OrderedSelection.Search(problem, plan, () => false);

            if (chosen is not null)
            {
                Assert.That(chosen.IsFeasible, Is.True, $"seed {seed}");
                Assert.That(chosen.Order.Length, Is.LessThanOrEqualTo(BruteForce.Solve(instance).Value), $"seed {seed}");
            }
        }
    }

    private static (Instance, BottomLayerProblem, OrderPlan) Unpriced(int users, int seed)
    {
        Instance instance = ScenarioRegistry.Get("synthetic-bottom").Generate(new GenerationRequest { Users = users, Seed = seed, Deadlines = DeadlineMode.Common });
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
        RelaxedOptimum relaxed = BusyTimeProgram.Solve(problem)!;
        return (instance, problem, OrderPlanner.Plan(instance, ServiceOrder.Build(problem, relaxed.Counts)));
    }

    /// <summary>The models of the batches of <paramref name="order"/>, in order.</summary>
    private static int[] Sequence(Instance instance, IReadOnlyList<int> order)
        => [.. order.Where((k, p) => p == 0 || instance.Users[order[p - 1]].Model != instance.Users[k].Model).Select(k => instance.Users[k].Model)];

    private static bool IsSubsequence(int[] part, int[] whole)
    {
        int at = 0;
        foreach (int model in whole)
        {
            if (at < part.Length && part[at] == model)
            {
                at++;
            }
        }

        return at == part.Length;
    }
}
