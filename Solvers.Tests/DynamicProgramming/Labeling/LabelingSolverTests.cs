using PartialLoading.Core;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Generation;
using PartialLoading.Milp;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// The labeling search against the plain brute force (small instances, every kind), the dynamic program (bottom-layer
/// common-deadline instances up to 60 users) and CP-SAT (medium instances); and its contract: time limit, honest
/// status and bound, warm start, determinism, and the one-line refusal beyond 64 users.
/// </summary>
public class LabelingSolverTests
{
    private static IEnumerable<TestCaseData> SmallInstances()
    {
        for (int seed = 401; seed <= 460; seed++)
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    [TestCaseSource(nameof(SmallInstances))]
    public void Proves_the_brute_force_optimum_on_small_instances(int seed)
    {
        // Binding and ample bandwidth, general and bottom-layer sharing, weights, an initial model, 6 to 9 users.
        Instance instance = RandomInstances.Create(
            seed,
            users: 6 + (seed % 4),
            models: 3 + (seed % 3),
            sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
            bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
            commonDeadline: seed % 7 == 0,
            weighted: seed % 4 == 1,
            initialModel: seed % 5 == 2);
        BruteForce.Optimum optimum = BruteForce.Solve(instance);

        SolveReport report = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60) });

        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal), report.Result.Note);
        Assert.That(report.Value, Is.EqualTo(optimum.Value).Within(1e-9), $"brute force serves [{string.Join(",", optimum.Order)}]");
        Assert.That(report.Bound, Is.EqualTo(optimum.Value).Within(1e-9));
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, report.Result.Schedule.Order, report.Result.Schedule.BandwidthsHz, sharing: true), Is.True);
    }

    [TestCase(1, 20)]
    [TestCase(2, 30)]
    [TestCase(3, 40)]
    [TestCase(4, 50)]
    [TestCase(5, 60)]
    public void Meets_the_dynamic_program_on_bottom_layer_common_deadline_instances(int seed, int users)
    {
        // With ample bandwidth the DP is exact and says optimal; the labeling search must prove the same value. On
        // these the bound at the root already meets the optimum, so each proof is quick; before a child's bound was
        // capped by its parent's, seeds 3 and 5 ran past two minutes.
        Instance instance = RandomInstances.Create(300 + seed, users, models: 6, sharing: RandomSharing.BottomLayer, bandwidth: RandomBandwidth.Ample, commonDeadline: true, initialModel: seed == 2);

        SolveReport dp = SolverRunner.Run(new DynamicProgrammingSolver(), instance);
        SolveReport labeling = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(120) });

        Assert.That(dp.Status, Is.EqualTo(SolverStatus.Optimal));
        Assert.That(labeling.Status, Is.EqualTo(SolverStatus.Optimal), labeling.Result.Note);
        Assert.That(labeling.Value, Is.EqualTo(dp.Value));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Agrees_with_cpsat_on_medium_instances_with_binding_bandwidth(int seed)
    {
        Instance instance = RandomInstances.Create(200 + seed, users: 14, models: 5, bandwidth: RandomBandwidth.Tight, initialModel: seed == 2);

        SolveReport labeling = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60) });
        SolveReport cpsat = SolverRunner.Run(new CpSatSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60), Threads = 2 });

        Assert.That(labeling.Status, Is.EqualTo(SolverStatus.Optimal), labeling.Result.Note);
        Assert.That(cpsat.Value, Is.LessThanOrEqualTo(labeling.Value + 1e-9), "nobody beats a proved optimum");
        Assert.That(cpsat.Bound, Is.GreaterThanOrEqualTo(labeling.Value - 1e-9), "nor bounds below it");
        Assume.That(cpsat.Status, Is.EqualTo(SolverStatus.Optimal), $"cpsat not proved within the limit: {cpsat.Result.Note}");
        Assert.That(labeling.Value, Is.EqualTo(cpsat.Value));
    }

    [Test]
    public void Proves_a_generated_30_user_general_instance()
    {
        // synthetic-general seed 4 (sg30-4 of the target set): cpsat leaves a bound of 22 against 21 after 60 s.
        Instance instance = ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 30, Seed = 4, Name = "sg30-4" });

        SolveReport report = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(120) });

        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal), report.Result.Note);
        Assert.That(report.Value, Is.EqualTo(21));
    }

    [Test]
    public void On_its_time_limit_it_returns_the_best_schedule_with_a_bound_no_lower()
    {
        // synthetic-general at 60 users: far beyond what it proves in a quarter of a second.
        Instance instance = ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 60, Seed = 2, Name = "sg60-2" });
        var limit = TimeSpan.FromSeconds(0.25);
        var progress = new List<SolverProgress>();

        SolveReport report = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = limit, Progress = new SynchronousProgress(progress.Add) });

        Assert.That(report.Status, Is.EqualTo(SolverStatus.Feasible), report.Result.Note);
        Assert.That(report.Value, Is.GreaterThan(0));
        Assert.That(report.Bound, Is.GreaterThanOrEqualTo(report.Value));
        Assert.That(report.Bound, Is.LessThanOrEqualTo(instance.TotalWeight));
        Assert.That(progress, Is.Not.Empty);
        Assert.That(progress[^1].Bound, Is.EqualTo(report.Bound));
    }

    [Test]
    public void A_cancelled_solve_returns_the_warm_start_with_a_bound()
    {
        Instance instance = ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 40, Seed = 1, Name = "sg40-1" });
        int first = Enumerable.Range(0, instance.Users.Length).First(k => OrderPlanner.Plan(instance, [k]).IsFeasible);
        Schedule warm = OrderPlanner.Plan(instance, [first]).ToSchedule();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        SolveReport report = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { WarmStart = warm }, cancelled.Token);

        Assert.That(report.Result.Schedule.Order, Is.EqualTo(warm.Order));
        Assert.That(report.Status, Is.EqualTo(SolverStatus.Feasible));
        Assert.That(report.Bound, Is.GreaterThan(report.Value));
    }

    [Test]
    public void A_warm_start_at_the_optimum_is_proved_and_kept()
    {
        Instance instance = RandomInstances.Create(17, users: 9, models: 4, bandwidth: RandomBandwidth.Tight);
        BruteForce.Optimum optimum = BruteForce.Solve(instance);
        Schedule warm = OrderPlanner.Plan(instance, optimum.Order).ToSchedule();

        SolveReport report = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { WarmStart = warm });

        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
        Assert.That(report.Value, Is.EqualTo(optimum.Value).Within(1e-9));
        Assert.That(report.Result.Schedule.Order, Is.EqualTo(warm.Order), "only a strictly better schedule replaces the warm start");
    }

    [Test]
    public void The_same_instance_gives_the_same_schedule()
    {
        Instance instance = ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 25, Seed = 3, Name = "sg25-3" });

        SolverResult first = new LabelingSolver().Solve(instance, SolverOptions.Default);
        SolverResult second = new LabelingSolver().Solve(instance, SolverOptions.Default);

        Assert.That(second.Schedule.Order, Is.EqualTo(first.Schedule.Order));
        Assert.That(second.Note, Is.EqualTo(first.Note));
    }

    [Test]
    public void More_than_64_users_that_can_be_served_alone_are_refused_in_one_line()
    {
        var builder = new InstanceBuilder("wide").SetServer(1000, 1e12, -174).AddBlock("b", 10).AddModel("m", 0.001, "b");
        for (int k = 0; k < 65; k++)
        {
            builder.AddUser($"u{k}", "m", 0.5, 100, 0.2, -100);
        }

        var error = Assert.Throws<SolverNotApplicableException>(() => new LabelingSolver().Solve(builder.Build(), SolverOptions.Default));

        Assert.That(error!.Message, Is.EqualTo("labeling: 65 users can be served on their own, it handles at most 64"));
    }

    [Test]
    public void Users_that_cannot_be_served_alone_do_not_count_against_the_limit()
    {
        var builder = new InstanceBuilder("wide-but-late").SetServer(1000, 1e12, -174).AddBlock("b", 100).AddModel("m", 0.001, "b");
        for (int k = 0; k < 80; k++)
        {
            // Loading takes 0.1 s: the first 20 users can never be served.
            builder.AddUser($"u{k}", "m", 0.5, k < 20 ? 0.05 : 100, 0.2, -100);
        }

        SolveReport report = SolverRunner.Run(new LabelingSolver(), builder.Build());

        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
        Assert.That(report.Value, Is.EqualTo(60));
    }

    /// <summary>Progress that reports on the caller's thread (the framework's <see cref="Progress{T}"/> posts later).</summary>
    private sealed class SynchronousProgress(Action<SolverProgress> report) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => report(value);
    }
}
