using PartialLoading.Core;
using PartialLoading.Generation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.LargeNeighbourhood;

public class LnsSolverTests
{
    private static Instance Generated(int seed) => RandomInstances.Create(seed, users: 14 + (seed % 12), models: 4 + (seed % 4),
        sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
        bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
        commonDeadline: seed % 5 == 0, weighted: seed % 7 == 0, initialModel: seed % 4 == 1);

    private static SolveReport Lns(Instance instance, int seed, int iterations, Schedule? warmStart = null)
        => SolverRunner.Run(new LnsSolver(new LnsSettings { Iterations = iterations }), instance, new SolverOptions { Seed = seed, WarmStart = warmStart });

    [Test]
    public void Lns_is_never_worse_than_its_warm_start_or_edd_and_its_schedule_is_feasible([Range(1, 20)] int seed)
    {
        Instance instance = Generated(seed);
        SolveReport greedy = SolverRunner.Run(new GreedySolver(), instance);
        SolveReport edd = SolverRunner.Run(new EarliestDeadlineBaseline(), instance);

        SolveReport lns = Lns(instance, seed, iterations: 40, greedy.Result.Schedule);

        Assert.That(lns.Value, Is.GreaterThanOrEqualTo(greedy.Value));
        Assert.That(lns.Value, Is.GreaterThanOrEqualTo(edd.Value));
        Schedule schedule = lns.Result.Schedule;
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, schedule.Order, schedule.BandwidthsHz), Is.True);
        Assert.That(lns.Result.Status, Is.EqualTo(SolverStatus.Heuristic));
    }

    [TestCase(3)]
    [TestCase(8)]
    public void A_budget_per_user_runs_as_the_whole_budget_it_comes_to(int seed)
    {
        Instance instance = Generated(seed);
        var perUser = new LnsSettings { IterationsPerUser = 5 };
        var options = new SolverOptions { Seed = seed };

        SolveReport scaled = SolverRunner.Run(new LnsSolver(perUser), instance, options);
        SolveReport whole = SolverRunner.Run(new LnsSolver(new LnsSettings { Iterations = 5 * instance.Users.Length }), instance, options);

        Assert.That(scaled.Note, Does.StartWith($"{5 * instance.Users.Length} iterations").And.Contain("(stopped: iteration budget)"));
        Assert.That(scaled.Schedule.Order, Is.EqualTo(whole.Schedule.Order));
        Assert.That(scaled.Schedule.BandwidthsHz, Is.EqualTo(whole.Schedule.BandwidthsHz));
        Assert.That(new LnsSettings { Iterations = 7, IterationsPerUser = 5 }.IterationsFor(100), Is.EqualTo(7), "a whole budget comes first");
        Assert.That(new LnsSettings().IterationsFor(100), Is.Null, "no budget: the time limit stops it");
    }

    [Test]
    public void Lns_improves_on_its_start_on_generated_instances()
    {
        // Guards against a search that never moves: on these instances the admission passes leave room.
        int better = 0;
        foreach (string scenario in new[] { "synthetic-general", "heterogeneous", "llm-lora" })
        {
            Instance instance = ScenarioRegistry.Get(scenario).Generate(new GenerationRequest { Users = 120, Seed = 1 });
            SolveReport start = Lns(instance, 1, iterations: 0);
            SolveReport lns = Lns(instance, 1, iterations: 100);
            Assert.That(lns.Value, Is.GreaterThanOrEqualTo(start.Value));
            better += lns.Value > start.Value ? 1 : 0;
        }

        Assert.That(better, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void The_schedule_returned_serves_at_least_every_value_reported_on_the_way([Values("synthetic-bottom", "synthetic-general", "resnet50-finetune")] string scenario)
    {
        // A new best that needs more bandwidth than the old one must still become the best (a past defect kept the old).
        Instance instance = ScenarioRegistry.Get(scenario).Generate(new GenerationRequest { Users = 150, Seed = 2 });
        var reported = new List<double>();
        var options = new SolverOptions { Seed = 1, Progress = new Collector(reported) };

        SolveReport lns = SolverRunner.Run(new LnsSolver(new LnsSettings { Iterations = 300 }), instance, options);

        Assert.That(reported, Is.Not.Empty);
        Assert.That(lns.Value, Is.GreaterThanOrEqualTo(reported.Max()));
    }

    [Test]
    public void At_30_users_it_leaves_the_first_optimum_its_windows_reach_for_the_labeling_optimum([Values(1, 2, 3)] int seed)
    {
        // sg30-4 of the target set: labeling proves 21 (LabelingSolverTests). Without perturbed restarts seed 2 stayed
        // at 20 for 5,000 iterations, the front of its schedule built around another model.
        Instance instance = ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 30, Seed = 4, Name = "sg30-4" });

        SolveReport lns = Lns(instance, seed, iterations: 1500);

        Assert.That(lns.Value, Is.EqualTo(21), lns.Result.Note);
    }

    [Test]
    public void The_same_seed_and_iteration_budget_give_the_same_schedule([Values(1, 2)] int seed)
    {
        Instance instance = RandomInstances.Long(seed + 10, users: 120, commonDeadline: seed == 2);

        SolveReport first = Lns(instance, seed, iterations: 120);
        SolveReport second = Lns(instance, seed, iterations: 120);

        Assert.That(second.Result.Schedule.Order, Is.EqualTo(first.Result.Schedule.Order));
        Assert.That(second.Result.Schedule.BandwidthsHz, Is.EqualTo(first.Result.Schedule.BandwidthsHz));
        Assert.That(second.Result.Note, Is.EqualTo(first.Result.Note));
    }

    [Test]
    public void Two_chains_with_the_same_seed_and_iteration_budget_give_the_same_schedule()
    {
        // The chains race between meetings; what they exchange at a meeting must not depend on which finished first.
        Instance instance = RandomInstances.Long(12, users: 120, commonDeadline: false);
        var options = new SolverOptions { Seed = 3, Threads = 2 };
        var solver = new LnsSolver(new LnsSettings { Iterations = (3 * LnsSolver.IterationsBetweenMeetings) + 41 });

        SolveReport[] runs = [.. Enumerable.Range(0, 3).Select(_ => SolverRunner.Run(solver, instance, options))];

        Assert.That(runs[0].Result.Note, Does.Contain("2 chains"));
        foreach (SolveReport run in runs.Skip(1))
        {
            Assert.That(run.Result.Schedule.Order, Is.EqualTo(runs[0].Result.Schedule.Order));
            Assert.That(run.Result.Schedule.BandwidthsHz, Is.EqualTo(runs[0].Result.Schedule.BandwidthsHz));
            Assert.That(run.Result.Note, Is.EqualTo(runs[0].Result.Note));
        }
    }

    [Test]
    public void A_search_cancelled_before_it_starts_returns_its_warm_start_or_nobody()
    {
        Instance instance = RandomInstances.Long(5, users: 100, commonDeadline: false);
        Schedule warm = SolverRunner.Run(new EarliestDeadlineBaseline(), instance).Result.Schedule;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        SolveReport cold = SolverRunner.Run(new LnsSolver(), instance, new SolverOptions(), cancelled.Token);
        SolveReport warmed = SolverRunner.Run(new LnsSolver(), instance, new SolverOptions { WarmStart = warm }, cancelled.Token);

        Assert.That(cold.Served, Is.Zero);
        Assert.That(warmed.Result.Schedule.Order, Is.EqualTo(warm.Order));
        Assert.That(warmed.Result.Note, Does.Contain("0 iterations").And.Contain("cancelled"));
    }

    [Test]
    public void An_infeasible_warm_start_is_ignored()
    {
        Instance instance = Generated(3);
        int[] everybody = [.. Enumerable.Range(0, instance.Users.Length)];
        var infeasible = new Schedule([.. everybody], [.. everybody.Select(_ => 1.0)]);

        SolveReport report = Lns(instance, 3, iterations: 10, infeasible);

        Assert.That(report.Result.Note, Does.Contain("from admission passes"));
    }

    private sealed class Collector(List<double> into) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => into.Add(value.Objective);
    }
}
