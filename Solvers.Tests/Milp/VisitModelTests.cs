using Google.OrTools.Sat;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Milp;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Milp;

/// <summary>
/// The CP-SAT visit model cuts off no schedule: every feasible schedule of small random instances (the brute-force
/// optimum and random feasible orders) fits its layout (the positions pruned by <see cref="VisitLayout.Reachable(int, int, int)"/>
/// included) and, fixed in the model through its hint (which also requires at least its value), leaves it feasible.
/// </summary>
public class VisitModelTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        for (int seed = 1; seed <= 16; seed++)
        {
            yield return new TestCaseData(seed).SetName($"Feasible schedules stay feasible in the visit model, seed {seed}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Feasible_schedules_stay_feasible_in_the_visit_model(int seed)
    {
        Instance instance = RandomInstances.Create(
            500 + seed,
            users: 7,
            models: 3 + (seed % 2),
            sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
            bandwidth: seed % 4 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
            initialModel: seed % 5 == 1);
        var data = new ExactModelData(instance);
        var layout = new VisitLayout(data);
        var orders = FeasibleLocalOrders(instance, data, new Random(seed)).ToList();
        Assert.That(orders, Is.Not.Empty);

        foreach (int[] order in orders)
        {
            Assert.That(layout.Places(order), Has.Count.EqualTo(order.Length), "a feasible order always fits the layout");
            CpVisitModel model = CpVisitModel.Build(layout)!;
            model.Hint(order);
            var solver = new CpSolver { StringParameters = "fix_variables_to_their_hinted_value:true num_workers:1 max_time_in_seconds:20" };

            CpSolverStatus status = solver.Solve(model.Model);

            Assert.That(status, Is.EqualTo(CpSolverStatus.Optimal).Or.EqualTo(CpSolverStatus.Feasible), $"order [{string.Join(",", order)}] was cut off");
        }
    }

    /// <summary>The brute-force optimum and up to 25 random feasible orders, as local users.</summary>
    private static IEnumerable<int[]> FeasibleLocalOrders(Instance instance, ExactModelData data, Random random)
    {
        var local = new Dictionary<int, int>();
        for (int k = 0; k < data.UserCount; k++)
        {
            local[data.Users[k]] = k;
        }

        yield return [.. BruteForce.Solve(instance).Order.Select(u => local[u])];
        int found = 0;
        for (int attempt = 0; attempt < 400 && found < 25; attempt++)
        {
            int[] order = [.. Enumerable.Range(0, data.UserCount).OrderBy(_ => random.Next()).Take(1 + random.Next(data.UserCount))];
            if (OrderPlanner.Plan(instance, [.. order.Select(k => data.Users[k])]).IsFeasible)
            {
                found++;
                yield return order;
            }
        }
    }
}
