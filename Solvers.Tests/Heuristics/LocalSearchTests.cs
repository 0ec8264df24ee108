using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Heuristics;

public class LocalSearchTests
{
    private static Instance Generated(int seed) => RandomInstances.Create(seed, users: 14 + (seed % 12), models: 4 + (seed % 4),
        sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
        bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
        commonDeadline: seed % 5 == 0, weighted: seed % 7 == 0, initialModel: seed % 4 == 1);

    private static SolveReport Local(Instance instance, int seed, int iterations)
        => SolverRunner.Run(new LocalSearchSolver(new LocalSearchSettings { Iterations = iterations }), instance, new SolverOptions { Seed = seed });

    [Test]
    public void Local_is_never_worse_than_greedy_or_edd_and_the_schedule_is_feasible([Range(1, 80)] int seed)
    {
        Instance instance = Generated(seed);

        SolveReport greedy = SolverRunner.Run(new GreedySolver(), instance);
        SolveReport edd = SolverRunner.Run(new EarliestDeadlineBaseline(), instance);
        SolveReport local = Local(instance, seed, iterations: 60);

        Assert.That(local.Value, Is.GreaterThanOrEqualTo(greedy.Value));
        Assert.That(local.Value, Is.GreaterThanOrEqualTo(edd.Value));
        var schedule = local.Result.Schedule;
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, schedule.Order, schedule.BandwidthsHz), Is.True);
    }

    [Test]
    public void Local_is_strictly_better_than_greedy_on_some_generated_instances()
    {
        // Guards against a search that never moves: on these 80 instances greedy leaves room for improvement.
        int better = 0;
        for (int seed = 1; seed <= 80; seed++)
        {
            Instance instance = Generated(seed);
            if (Local(instance, seed, iterations: 60).Value > SolverRunner.Run(new GreedySolver(), instance).Value + 1e-9)
            {
                better++;
            }
        }

        Assert.That(better, Is.GreaterThanOrEqualTo(10));
    }

    [Test]
    public void The_same_seed_and_iteration_budget_give_the_same_schedule([Values(1, 2, 3)] int seed)
    {
        Instance instance = Generated(10 + seed);

        SolveReport first = Local(instance, seed, iterations: 80);
        SolveReport second = Local(instance, seed, iterations: 80);

        Assert.That(second.Result.Schedule.Order, Is.EqualTo(first.Result.Schedule.Order));
        Assert.That(second.Result.Schedule.BandwidthsHz, Is.EqualTo(first.Result.Schedule.BandwidthsHz));
        Assert.That(second.Result.Note, Is.EqualTo(first.Result.Note));
    }

    [Test]
    public void A_long_order_searched_in_the_granular_neighbourhood_stays_feasible_and_reproducible([Values(1, 2)] int seed)
    {
        // 400 generated users serve well over a hundred: past the length up to which every position is tried.
        Instance instance = ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 400, Seed = seed, Name = $"sg400-{seed}" });

        SolveReport first = Local(instance, seed, iterations: 3);
        SolveReport second = Local(instance, seed, iterations: 3);

        Assert.That(first.Evaluation.IsFeasible, Is.True);
        Assert.That(first.Evaluation.Served, Is.GreaterThan(96), "long enough for the granular neighbourhood");
        Assert.That(first.Value, Is.GreaterThanOrEqualTo(SolverRunner.Run(new GreedySolver(), instance).Value));
        Assert.That(second.Result.Schedule.Order, Is.EqualTo(first.Result.Schedule.Order));
        Assert.That(second.Result.Note, Is.EqualTo(first.Result.Note));
    }

    [Test]
    public void Zero_iterations_still_improves_greedy_by_descent_alone()
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            Instance instance = Generated(seed);
            Assert.That(Local(instance, seed, iterations: 0).Value, Is.GreaterThanOrEqualTo(SolverRunner.Run(new GreedySolver(), instance).Value));
        }
    }

    [Test]
    public void A_cancelled_search_returns_the_greedy_schedule_or_better()
    {
        Instance instance = Generated(4);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        SolveReport report = SolverRunner.Run(new LocalSearchSolver(), instance, cancellationToken: cancelled.Token);

        Assert.That(report.Evaluation.IsFeasible, Is.True);
        Assert.That(report.Result.Note, Does.Contain("stopped: cancelled").Or.Contain("stopped: every servable user is served"));
    }

    [Test]
    public void It_stops_at_once_when_greedy_already_serves_everybody()
    {
        Instance instance = RandomInstances.Create(1, users: 3, models: 2, bandwidth: RandomBandwidth.Ample);
        Assume.That(SolverRunner.Run(new GreedySolver(), instance).Evaluation.Served, Is.EqualTo(3));

        SolveReport report = SolverRunner.Run(new LocalSearchSolver(), instance);

        Assert.That(report.Result.Note, Does.StartWith("0 iterations (stopped: every servable user is served)"));
        Assert.That(report.Result.Schedule.Order, Is.EqualTo(SolverRunner.Run(new GreedySolver(), instance).Result.Schedule.Order));
    }

    [Test]
    public void Progress_is_reported_with_the_best_value()
    {
        Instance instance = Generated(9);
        var reports = new List<SolverProgress>();

        SolveReport report = SolverRunner.Run(
            new LocalSearchSolver(new LocalSearchSettings { Iterations = 130 }),
            instance,
            new SolverOptions { Progress = new Collect(reports) });

        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports[^1].Objective, Is.EqualTo(report.Value));
        Assert.That(reports.Select(r => r.Objective), Is.Ordered, "the best never gets worse");
    }

    [Test]
    public void Settings_reject_a_negative_iteration_budget()
    {
        Assert.That(() => new LocalSearchSettings { Iterations = -1 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    /// <summary>Collects progress synchronously (Progress&lt;T&gt; would post to a thread pool).</summary>
    private sealed class Collect(List<SolverProgress> into) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => into.Add(value);
    }
}
