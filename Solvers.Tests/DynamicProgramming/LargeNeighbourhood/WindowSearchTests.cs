using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.LargeNeighbourhood;

public class WindowSearchTests
{
    private static Instance Generated(int seed, int users) => RandomInstances.Create(seed, users, models: 3 + (seed % 3),
        sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
        bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
        commonDeadline: seed % 4 == 0, weighted: seed % 5 == 0, initialModel: seed % 3 == 1);

    private static PlannedSequence StartOf(Instance instance)
    {
        int[] byDeadline = [.. Enumerable.Range(0, instance.Users.Length).OrderBy(k => instance.Users[k].DeadlineSeconds)];
        return new PlannedSequence(instance, StartingOrder.Build(instance, byDeadline));
    }

    [Test]
    public void A_window_over_the_whole_of_an_empty_schedule_finds_the_brute_force_optimum([Range(1, 30)] int seed)
    {
        Instance instance = Generated(seed, users: 5 + (seed % 3));
        var empty = new PlannedSequence(instance, OrderPlanner.Plan(instance, []));
        var problem = new WindowProblem(instance, empty, 0, 0, [.. Enumerable.Range(0, instance.Users.Length)]);

        WindowSolution? solution = new WindowSearch(nodeLimit: 1_000_000).Solve(problem, -1.0, double.PositiveInfinity);

        BruteForce.Optimum optimum = BruteForce.Solve(instance);
        Assert.That(solution, Is.Not.Null);
        Assert.That(solution!.Value, Is.EqualTo(optimum.Value).Within(1e-9), $"brute force serves [{string.Join(",", optimum.Order)}]");
        Assert.That(ReferenceModel.IsFeasibleOrder(instance, solution.Order), Is.True);
    }

    [Test]
    public void Every_window_of_a_schedule_is_refilled_as_well_as_brute_force_can([Range(1, 30)] int seed)
    {
        // Prefix and suffix fixed, the window's users and every unserved user offered: the best refill by exhaustive
        // search over sequences of candidates (checked whole by the reference model) is what the window search finds.
        Instance instance = Generated(seed, users: 9);
        PlannedSequence current = StartOf(instance);
        int n = current.Count;
        int[] unserved = [.. Enumerable.Range(0, instance.Users.Length).Where(k => current.PositionOf[k] < 0)];
        var search = new WindowSearch(nodeLimit: 1_000_000);
        for (int start = 0; start <= n; start++)
        {
            for (int end = start; end <= Math.Min(n, start + 3); end++)
            {
                int[] candidates = [.. current.Order[start..end], .. unserved];
                var problem = new WindowProblem(instance, current, start, end, candidates);

                WindowSolution? solution = search.Solve(problem, -1.0, double.PositiveInfinity);

                int[] prefix = current.Order[..start];
                int[] suffix = current.Order[end..];
                double best = BestRefill(instance, prefix, suffix, candidates, []);
                Assert.That(solution, Is.Not.Null);
                Assert.That(search.Completed, Is.True);
                Assert.That(solution!.Value, Is.EqualTo(best).Within(1e-9), $"window [{start}, {end}) of [{string.Join(",", current.Order)}]");
                Assert.That(ReferenceModel.IsFeasibleOrder(instance, [.. prefix, .. solution.Order, .. suffix]), Is.True);
                Assert.That(solution.Value, Is.GreaterThanOrEqualTo(problem.CurrentValue - 1e-9), "the current filling is one of the candidates");
            }
        }
    }

    [Test]
    public void A_window_that_cannot_be_improved_returns_nothing([Range(1, 20)] int seed)
    {
        Instance instance = Generated(seed, users: 8);
        PlannedSequence current = StartOf(instance);
        var problem = new WindowProblem(instance, current, 0, current.Count, current.Order);

        WindowSolution? solution = new WindowSearch(nodeLimit: 1_000_000).Solve(problem, double.PositiveInfinity, double.PositiveInfinity);

        Assert.That(solution, Is.Null);
    }

    [Test]
    public void A_small_node_budget_stops_the_search_and_says_so()
    {
        Instance instance = RandomInstances.Long(3, users: 60, commonDeadline: false, budgetHz: 1e11);
        var empty = new PlannedSequence(instance, OrderPlanner.Plan(instance, []));
        var problem = new WindowProblem(instance, empty, 0, 0, [.. Enumerable.Range(0, 40)]);
        var search = new WindowSearch(nodeLimit: 50);

        WindowSolution? solution = search.Solve(problem, -1.0, double.PositiveInfinity);

        Assert.That(search.Completed, Is.False);
        Assert.That(search.Nodes, Is.EqualTo(50));
        Assert.That(solution, Is.Not.Null);
        Assert.That(ReferenceModel.IsFeasibleOrder(instance, solution!.Order), Is.True);
    }

    private static double BestRefill(Instance instance, int[] prefix, int[] suffix, int[] candidates, List<int> window)
    {
        double best = window.Sum(k => instance.Users[k].Weight);
        foreach (int k in candidates)
        {
            if (window.Contains(k))
            {
                continue;
            }

            // Inserting a user never makes an infeasible order feasible (docs/model.md §4), so prune there.
            window.Add(k);
            if (ReferenceModel.IsFeasibleOrder(instance, [.. prefix, .. window, .. suffix]))
            {
                best = Math.Max(best, BestRefill(instance, prefix, suffix, candidates, window));
            }

            window.RemoveAt(window.Count - 1);
        }

        return best;
    }
}
