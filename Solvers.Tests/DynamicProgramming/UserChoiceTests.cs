using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming;

/// <summary>Which users of a batch are served and in which order (docs/model.md §5, <see cref="ServiceOrder"/>).</summary>
public class UserChoiceTests
{
    [Test]
    public void With_a_shared_channel_the_rule_needs_the_least_bandwidth_of_every_choice_of_the_same_counts()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 40; trial++)
        {
            // One model in memory, six users with one channel and different inputs; four fit in the time frame.
            var builder = new InstanceBuilder("shared-channel").SetServer(1000, 1e9, initialModel: "A").AddBlock("a", 100).AddModel("A", 0.1, "a");
            for (int k = 0; k < 6; k++)
            {
                builder.AddUser($"u{k}", "A", dataMbit: Math.Round(0.5 + (random.NextDouble() * 4), 2), deadlineSeconds: 0.45, powerWatts: 0.2, gainDb: -110);
            }

            Instance instance = builder.Build();
            BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
            int[] counts = BusyTimeProgram.Solve(problem)!.Counts;

            double rule = OrderPlanner.Plan(instance, ServiceOrder.Build(problem, counts)).TotalLeastBandwidthHz;

            Assert.That(counts, Is.EqualTo(new[] { 4 }));
            Assert.That(rule, Is.EqualTo(LeastOverAllChoices(instance, 4)).Within(1e-9 * rule), $"trial {trial}");
        }
    }

    [Test]
    public void When_inputs_and_channels_disagree_the_exact_assignment_rescues_the_bandwidth_test()
    {
        // l has the smaller D/a (0.058 s against k's 0.072 s), so the rule serves it first; but its channel is 100 times
        // stronger and its input 80 times larger, so it saves far more from the later slot: only k-then-l fits the budget.
        Instance Build(double budget) => new InstanceBuilder("crossing")
            .SetServer(1000, budget, initialModel: "A")
            .AddBlock("a", 100).AddModel("A", 0.1, "a")
            .AddUser("k", "A", dataMbit: 0.7213, deadlineSeconds: 0.3, powerWatts: 0.1, gainDb: -124)
            .AddUser("l", "A", dataMbit: 57.7, deadlineSeconds: 0.3, powerWatts: 0.1, gainDb: -104)
            .Build();
        Instance probe = Build(1e12);
        double ruleFirst = ReferenceModel.TotalLeastBandwidth(probe, [1, 0]);
        double swapped = ReferenceModel.TotalLeastBandwidth(probe, [0, 1]);
        Assume.That(swapped, Is.LessThan(ruleFirst), "the instance must have crossing β curves");
        Instance instance = Build((ruleFirst + swapped) / 2);
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);

        int[] rule = ServiceOrder.Build(problem, BusyTimeProgram.Solve(problem)!.Counts);
        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        Assert.That(rule, Is.EqualTo(new[] { 1, 0 }), "the rule puts the smaller D/a first");
        Assert.That(report.Result.Schedule.Order, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
    }

    [Test]
    public void With_integer_weights_the_heavier_users_stay_served_when_batches_are_re_chosen()
    {
        var random = new Random(8);
        for (int seed = 1; seed <= 30; seed++)
        {
            Instance instance = RandomInstances.Create(seed, users: 6, models: 3, RandomSharing.BottomLayer, RandomBandwidth.Tight, commonDeadline: true, weighted: true, initialModel: random.Next(2) == 0);
            BruteForce.Optimum optimum = BruteForce.Solve(instance);

            SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

            Assert.That(report.Value, Is.LessThanOrEqualTo(optimum.Value + 1e-9), $"seed {seed}");
            if (report.Status == SolverStatus.Optimal)
            {
                Assert.That(report.Value, Is.EqualTo(optimum.Value), $"seed {seed}");
            }
        }
    }

    private static double LeastOverAllChoices(Instance instance, int served)
    {
        double best = double.PositiveInfinity;
        foreach (int[] order in Arrangements([.. Enumerable.Range(0, instance.Users.Length)], served))
        {
            best = Math.Min(best, ReferenceModel.TotalLeastBandwidth(instance, order));
        }

        return best;
    }

    private static IEnumerable<int[]> Arrangements(int[] pool, int length)
    {
        if (length == 0)
        {
            yield return [];
            yield break;
        }

        foreach (int first in pool)
        {
            foreach (int[] rest in Arrangements([.. pool.Where(p => p != first)], length - 1))
            {
                yield return [first, .. rest];
            }
        }
    }
}
