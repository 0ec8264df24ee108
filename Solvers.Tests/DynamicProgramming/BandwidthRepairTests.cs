using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.DynamicProgramming;
using PartialLoading.Generation;

namespace PartialLoading.Tests.DynamicProgramming;

public class BandwidthRepairTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Dropping_finds_the_fewest_top_ranked_drops_that_pass(int seed)
    {
        (Instance instance, OrderPlan failed) = Failed(users: 300, seed);

        (OrderPlan repaired, int dropped, bool fewest) = BandwidthRepair.DropUntilFeasible(instance, failed, () => false);

        // Plainly: try every count from one up.
        int expected = 1;
        while (!Without(instance, failed, expected).IsFeasible)
        {
            expected++;
        }

        Assert.That(fewest, Is.True);
        Assert.That(dropped, Is.EqualTo(expected));
        Assert.That(repaired.IsFeasible, Is.True);
        Assert.That(repaired.Order, Is.EqualTo(Without(instance, failed, expected).Order));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Told_to_stop_it_still_returns_a_feasible_plan_of_no_fewer_drops(int seed)
    {
        (Instance instance, OrderPlan failed) = Failed(users: 300, seed);
        (_, int fewest, _) = BandwidthRepair.DropUntilFeasible(instance, failed, () => false);

        (OrderPlan repaired, int dropped, bool found) = BandwidthRepair.DropUntilFeasible(instance, failed, () => true);

        Assert.That(repaired.IsFeasible, Is.True);
        Assert.That(dropped, Is.GreaterThanOrEqualTo(fewest));
        Assert.That(repaired.Order, Has.Length.EqualTo(failed.Order.Length - dropped));
        Assert.That(found, Is.EqualTo(dropped == fewest));
    }

    /// <summary>A generated bottom-layer instance with a common deadline whose DP order fails the bandwidth test, planned.</summary>
    private static (Instance, OrderPlan) Failed(int users, int seed)
    {
        Instance instance = ScenarioRegistry.Get("synthetic-bottom").Generate(new GenerationRequest { Users = users, Seed = seed, Deadlines = DeadlineMode.Common });
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
        OrderPlan failed = OrderPlanner.Plan(instance, ServiceOrder.Build(problem, BusyTimeProgram.Solve(problem)!.Counts));
        Assume.That(failed.IsFeasible, Is.False, "the budget must bind for the repair to run");
        Assume.That(failed.MeetsDeadlinesWithInstantUploads, Is.True);
        return (instance, failed);
    }

    /// <summary>The failed order without its <paramref name="drops"/> users of largest least bandwidth (ties: the later first).</summary>
    private static OrderPlan Without(Instance instance, OrderPlan failed, int drops)
    {
        int[] ranked = [.. Enumerable.Range(0, failed.Order.Length).OrderByDescending(p => failed.LeastBandwidthsHz[p]).ThenByDescending(p => p).Take(drops)];
        return OrderPlanner.Plan(instance, [.. failed.Order.Where((_, p) => !ranked.Contains(p))]);
    }
}
