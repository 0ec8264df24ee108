using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming;

public class DynamicProgrammingSolverTests
{

    private static IEnumerable<TestCaseData> SmallInstances()
    {
        for (int seed = 1; seed <= 120; seed++)
        {
            int users = 3 + (seed % 5);
            int models = 3 + (seed % 4);
            bool initial = seed % 2 == 0;
            bool weighted = seed % 4 >= 2;
            yield return new TestCaseData(seed, users, models, initial, weighted)
                .SetName($"seed {seed}: {users} users, {models} models{(initial ? ", initial model" : string.Empty)}{(weighted ? ", weights 1-3" : string.Empty)}");
        }
    }

    [TestCaseSource(nameof(SmallInstances))]
    public void Equals_the_brute_force_optimum_when_bandwidth_is_ample(int seed, int users, int models, bool initial, bool weighted)
    {
        Instance instance = RandomInstances.Create(seed, users, models, RandomSharing.BottomLayer, RandomBandwidth.Ample, commonDeadline: true, weighted: weighted, initialModel: initial);
        BruteForce.Optimum optimum = BruteForce.Solve(instance);

        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        Assert.Multiple(() =>
        {
            Assert.That(report.Value, Is.EqualTo(optimum.Value).Within(1e-9), $"brute force serves [{string.Join(",", optimum.Order)}]");
            Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
            Assert.That(report.Bound, Is.EqualTo(optimum.Value).Within(1e-9));
        });
    }

    [TestCaseSource(nameof(SmallInstances))]
    public void Never_exceeds_the_brute_force_optimum_and_bounds_it_when_the_bandwidth_test_fails(int seed, int users, int models, bool initial, bool weighted)
    {
        Instance instance = RandomInstances.Create(seed, users, models, RandomSharing.BottomLayer, RandomBandwidth.Tight, commonDeadline: true, weighted: weighted, initialModel: initial);
        BruteForce.Optimum optimum = BruteForce.Solve(instance);

        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        Assert.That(report.Value, Is.LessThanOrEqualTo(optimum.Value + 1e-9));
        if (report.Status == SolverStatus.Optimal)
        {
            Assert.That(report.Value, Is.EqualTo(optimum.Value).Within(1e-9));
        }
        else
        {
            Assert.That(report.Status, Is.EqualTo(SolverStatus.Feasible));
            Assert.That(report.Bound, Is.GreaterThanOrEqualTo(optimum.Value - 1e-9), "the scheduling relaxation bounds the optimum");
            Assert.That(report.Result.Note, Does.Contain("fails the bandwidth test").And.Contain("bounds the value by"));
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    public void Solves_the_relaxation_like_an_enumeration_of_served_counts_on_larger_instances(int seed)
    {
        // Brute force stops at 9 users; here every vector of per-model counts is tried on its canonical order, checked
        // by the reference model: this exercises the windows, the caps and the pruning on batches of up to 25 users.
        bool weighted = seed % 2 == 0;
        Instance instance = RandomInstances.Create(seed, users: 30 + (seed * 5), models: 4, RandomSharing.BottomLayer, RandomBandwidth.Ample, commonDeadline: true, weighted: weighted, initialModel: seed % 3 != 0);

        double relaxation = CountEnumeration.RelaxationOptimum(instance);
        BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
        RelaxedOptimum relaxed = BusyTimeProgram.Solve(problem)!;
        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        Assert.That(relaxed.Value * problem.WeightUnit, Is.EqualTo(relaxation).Within(1e-9));
        Assert.That(report.Value, Is.LessThanOrEqualTo(relaxation + 1e-9));
        if (report.Status == SolverStatus.Optimal)
        {
            Assert.That(report.Value, Is.EqualTo(relaxation).Within(1e-9));
        }
    }

    [Test]
    public void A_model_never_serves_more_users_than_it_has()
    {
        // Model A (alone in its cluster, processed first) is too slow to serve; B has 3 users and room for 4. A running
        // prefix minimum instead of the window would reach value 4 from value 0 through B alone.
        Instance instance = new InstanceBuilder("window")
            .SetServer(loadRateMbPerSecond: 1000, bandwidthHz: 1e12)
            .AddBlock("a", 500).AddBlock("b", 100)
            .AddModel("A", 0.1, "a").AddModel("B", 0.1, "b")
            .AddUser("a1", "A", 1, 0.55, 0.2, -90)
            .AddUser("b1", "B", 1, 0.55, 0.2, -90)
            .AddUser("b2", "B", 1, 0.55, 0.2, -90)
            .AddUser("b3", "B", 1, 0.55, 0.2, -90)
            .Build();

        RelaxedOptimum relaxed = BusyTimeProgram.Solve(BottomLayerProblem.Prepare(instance))!;
        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        Assert.Multiple(() =>
        {
            Assert.That(relaxed.Value, Is.EqualTo(3));
            Assert.That(relaxed.Counts, Is.EqualTo(new[] { 0, 3 }));
            Assert.That(report.Value, Is.EqualTo(3));
            Assert.That(report.Bound, Is.EqualTo(3));
        });
    }

    [Test]
    public void Counts_stay_within_each_models_users_and_the_busy_time_within_the_deadline()
    {
        for (int seed = 1; seed <= 200; seed++)
        {
            Instance instance = RandomInstances.Create(seed, users: 5 + (seed % 60), models: 2 + (seed % 7), RandomSharing.BottomLayer, RandomBandwidth.Ample, commonDeadline: true, weighted: seed % 3 == 0, initialModel: seed % 2 == 0);
            BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);

            RelaxedOptimum relaxed = BusyTimeProgram.Solve(problem)!;

            for (int m = 0; m < problem.ModelCount; m++)
            {
                Assert.That(relaxed.Counts[m], Is.InRange(0, problem.UsersOf(m).Length), $"seed {seed}, model {m}");
            }

            Assert.That(relaxed.BusyTimeSeconds, Is.LessThanOrEqualTo(problem.DeadlineSeconds + 1e-9), $"seed {seed}");
            int[] order = ServiceOrder.Build(problem, relaxed.Counts);
            Assert.That(order, Has.Length.EqualTo(relaxed.Counts.Sum()).And.Unique, $"seed {seed}");
            Assert.That(ReferenceModel.EndsWithInstantUploads(instance, order).DefaultIfEmpty(0).Max(), Is.LessThanOrEqualTo(problem.DeadlineSeconds + 1e-9), $"seed {seed}");
        }
    }

    [Test]
    public void Serves_the_initial_model_first_and_each_cluster_and_model_together()
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("backbone-clusters"));

        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        string[] models = [.. report.Result.Schedule.Order.Select(k => instance.ModelOf(k).Id)];
        Assert.That(models[0], Is.EqualTo("X1"));
        string[] batches = [.. models.Where((m, p) => p == 0 || models[p - 1] != m)];
        Assert.That(batches, Is.Unique, "each model is served in one batch");
        string[] clusters = [.. batches.Select(m => m[..1]).Where((c, p) => p == 0 || batches[p - 1][..1] != c)];
        Assert.That(clusters, Is.Unique, "each cluster is visited once");
        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
    }

    [Test]
    public void Refuses_general_sharing_naming_a_witness_block()
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("general-sharing"));

        var refusal = Assert.Throws<SolverNotApplicableException>(() => new DynamicProgrammingSolver().Solve(instance, SolverOptions.Default));

        Assert.That(refusal!.Message, Is.EqualTo("dp: block 'emb' is shared by models 'M1' and 'M2' but not by 'M3' of the same cluster"));
    }

    [Test]
    public void Refuses_differing_deadlines_naming_two_users()
    {
        Instance instance = TwoClusters(deadlines: [2.0, 2.0, 3.5], weights: [1, 1, 1]);

        var refusal = Assert.Throws<SolverNotApplicableException>(() => new DynamicProgrammingSolver().Solve(instance, SolverOptions.Default));

        Assert.That(refusal!.Message, Is.EqualTo("dp: deadlines differ (users u1 = 2.0 s, u3 = 3.5 s)"));
    }

    [Test]
    public void Refuses_weights_that_are_not_integers_naming_the_user()
    {
        Instance instance = TwoClusters(deadlines: [1, 1, 1], weights: [1, 2, 0.5]);

        var refusal = Assert.Throws<SolverNotApplicableException>(() => new DynamicProgrammingSolver().Solve(instance, SolverOptions.Default));

        Assert.That(refusal!.Message, Is.EqualTo("dp: weights are not integers (u3 = 0.5)"));
    }

    [Test]
    public void Refuses_integer_weights_whose_value_table_would_not_fit_in_memory()
    {
        Instance instance = TwoClusters(deadlines: [1, 1, 1], weights: [1, 400_000_000, 1]);

        var refusal = Assert.Throws<SolverNotApplicableException>(() => new DynamicProgrammingSolver().Solve(instance, SolverOptions.Default));

        Assert.That(refusal!.Message, Does.Match(@"^dp: integer weights \(total 400000002 over 3 models\) would need about [0-9.]+ GB for the value-indexed program$"));
    }

    [Test]
    public void Accepts_equal_weights_that_are_not_integers()
    {
        Instance instance = TwoClusters(deadlines: [1, 1, 1], weights: [0.5, 0.5, 0.5]);

        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        Assert.That(report.Value, Is.EqualTo(BruteForce.Solve(instance).Value).Within(1e-12));
        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
    }

    [Test]
    public void An_instance_without_users_is_solved_with_value_zero()
    {
        Instance instance = new InstanceBuilder().SetServer(1000, 1e6).AddBlock("a", 1).AddModel("A", 0.1, "a").Build();

        SolveReport report = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

        Assert.That(report.Value, Is.Zero);
        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
    }

    [Test]
    public void A_cancelled_solve_returns_the_empty_schedule()
    {
        Instance instance = TwoClusters(deadlines: [1, 1, 1], weights: [1, 1, 1]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        SolverResult result = new DynamicProgrammingSolver().Solve(instance, SolverOptions.Default, cancelled.Token);

        Assert.That(result.Schedule.Count, Is.Zero);
        Assert.That(result.Status, Is.EqualTo(SolverStatus.Heuristic));
        Assert.That(result.Termination, Is.EqualTo(TerminationReason.Cancelled));
    }

    private static Instance TwoClusters(double[] deadlines, double[] weights)
    {
        var builder = new InstanceBuilder("two-clusters")
            .SetServer(loadRateMbPerSecond: 1000, bandwidthHz: 1e12)
            .AddBlock("backbone", 200).AddBlock("h1", 20).AddBlock("h2", 30).AddBlock("solo", 100)
            .AddModel("P", 0.05, "backbone", "h1").AddModel("Q", 0.05, "backbone", "h2").AddModel("S", 0.05, "solo");
        string[] models = ["P", "Q", "S"];
        for (int k = 0; k < deadlines.Length; k++)
        {
            builder.AddUser($"u{k + 1}", models[k % 3], 1, deadlines[k], 0.2, -95, weights[k]);
        }

        return builder.Build();
    }
}
