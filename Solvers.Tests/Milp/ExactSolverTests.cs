using PartialLoading.Core;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Milp;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Milp;

/// <summary>
/// Every backend and formulation of the exact solvers against the plain brute force of the test project, with and
/// without binding bandwidth, and against each other and the dynamic program on larger instances.
/// </summary>
public class ExactSolverTests
{
    public sealed record ExactCase(string Name, Func<IScheduleSolver> Create)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<ExactCase> Variants()
    {
        yield return new ExactCase("milp scip visits", () => new MilpSolver());
        yield return new ExactCase("milp scip positions", () => new MilpSolver(new MilpSettings { Formulation = MilpFormulation.Positions }));
        yield return new ExactCase("milp highs visits", () => new MilpSolver(new MilpSettings { Backend = MilpBackend.Highs }));
        yield return new ExactCase("milp cbc visits", () => new MilpSolver(new MilpSettings { Backend = MilpBackend.Cbc }));
        yield return new ExactCase("cpsat visits", () => new CpSatSolver());
        yield return new ExactCase("cpsat circuit", () => new CpSatSolver(new CpSatSettings { Formulation = CpSatFormulation.Circuit }));
        yield return new ExactCase("cpsat visits without conflict cuts", () => new CpSatSolver(new CpSatSettings { Exact = ExactSettings.Default with { ConflictCuts = false } }));
    }

    private static IEnumerable<TestCaseData> SmallInstances()
    {
        foreach (ExactCase variant in Variants())
        {
            for (int seed = 101; seed <= 112; seed++)
            {
                yield return new TestCaseData(variant, seed).SetName($"{variant.Name} seed {seed}");
            }
        }
    }

    [TestCaseSource(nameof(SmallInstances))]
    public void Proves_the_brute_force_optimum_on_small_instances(ExactCase variant, int seed)
    {
        // Alternate binding and ample bandwidth, general and bottom-layer sharing, weights and an initial model.
        Instance instance = RandomInstances.Create(
            seed,
            users: 6 + (seed % 3),
            models: 4,
            sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
            bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
            weighted: seed % 4 == 1,
            initialModel: seed % 5 == 2);
        BruteForce.Optimum optimum = BruteForce.Solve(instance);

        SolveReport report = SolverRunner.Run(variant.Create(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60) });

        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal), report.Result.Note);
        Assert.That(report.Value, Is.EqualTo(optimum.Value).Within(1e-9), $"brute force serves [{string.Join(",", optimum.Order)}]");
        Assert.That(report.Bound, Is.EqualTo(optimum.Value).Within(1e-9));
    }

    [Test]
    public void The_tight_bandwidth_cases_above_really_bind()
    {
        // Guards the suite above: with tight bandwidth the optimum is below the optimum with ample bandwidth somewhere.
        int binding = Enumerable.Range(101, 12).Where(seed => seed % 2 == 1).Count(seed =>
        {
            var tight = RandomInstances.Create(seed, 6 + (seed % 3), 4, seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General, RandomBandwidth.Tight, weighted: seed % 4 == 1, initialModel: seed % 5 == 2);
            var ample = RandomInstances.Create(seed, 6 + (seed % 3), 4, seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General, RandomBandwidth.Ample, weighted: seed % 4 == 1, initialModel: seed % 5 == 2);
            return BruteForce.Solve(tight).Value < BruteForce.Solve(ample).Value;
        });

        Assert.That(binding, Is.GreaterThan(0));
    }

    // Seeds picked for CI time (quiet machine, both solvers: seed 1 7 s, 3 1 s, 5 15 s; seed 2, the earlier case with a
    // model in memory, took 33–39 s).
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    public void Scip_and_cpsat_prove_the_same_optimum_on_medium_instances(int seed)
    {
        Instance instance = RandomInstances.Create(200 + seed, users: 14, models: 5, bandwidth: RandomBandwidth.Tight, initialModel: seed == 5);
        var options = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60), Threads = 2 };

        SolveReport scip = SolverRunner.Run(new MilpSolver(), instance, options);
        SolveReport cpsat = SolverRunner.Run(new CpSatSolver(), instance, options);

        // Each one's schedule is within the other's bound, whatever the load; equal values once both have proved.
        Assert.That(scip.Value, Is.LessThanOrEqualTo(cpsat.Bound!.Value + 1e-9));
        Assert.That(cpsat.Value, Is.LessThanOrEqualTo(scip.Bound!.Value + 1e-9));
        Assume.That(scip.Status, Is.EqualTo(SolverStatus.Optimal), $"scip not proved within the limit: {scip.Result.Note}");
        Assume.That(cpsat.Status, Is.EqualTo(SolverStatus.Optimal), $"cpsat not proved within the limit: {cpsat.Result.Note}");
        Assert.That(scip.Value, Is.EqualTo(cpsat.Value));
    }

    [TestCase(1, 20)]
    [TestCase(2, 25)]
    [TestCase(5, 28)]
    public void Cpsat_meets_the_dynamic_program_on_bottom_layer_common_deadline_instances(int seed, int users)
    {
        // With ample bandwidth the DP is exact (and says optimal); the two must agree. Larger sizes (30–60 users) are
        // measured by the exact-solver study rather than here: CP-SAT does not always prove them within a minute (seed
        // 3 with 30 users took 25–64 s on a quiet machine, which CI cannot afford).
        Instance instance = RandomInstances.Create(300 + seed, users, models: 6, sharing: RandomSharing.BottomLayer, bandwidth: RandomBandwidth.Ample, commonDeadline: true, initialModel: seed == 2);

        SolveReport dp = SolverRunner.Run(new DynamicProgrammingSolver(), instance);
        SolveReport cpsat = SolverRunner.Run(new CpSatSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(120), Threads = 2 });

        // Whatever the machine's load, the two never contradict each other: cpsat's schedule is no better than the
        // optimum and its bound no lower. Whether the proof fits the time limit depends on the load (30 users take
        // well under a minute on an idle 2-core machine, several minutes at a load average of 15), so an unproved run
        // is inconclusive rather than failed; a proved one must meet the DP exactly.
        Assert.That(dp.Status, Is.EqualTo(SolverStatus.Optimal));
        Assert.That(cpsat.Value, Is.LessThanOrEqualTo(dp.Value));
        Assert.That(cpsat.Bound, Is.GreaterThanOrEqualTo(dp.Value - 1e-9), cpsat.Result.Note);
        Assume.That(cpsat.Status, Is.EqualTo(SolverStatus.Optimal), $"not proved within the limit: {cpsat.Result.Note}");
        Assert.That(cpsat.Value, Is.EqualTo(dp.Value));
    }

    [Test]
    public void Schedules_that_meet_their_deadlines_with_no_slack_are_found()
    {
        // The evaluator's hand instance: with least bandwidths u2 and u3 finish exactly at their deadlines, so the
        // integer rounding of CP-SAT and the tolerances of MPSolver must not lose the only schedule serving all three.
        Instance instance = new InstanceBuilder("no-slack")
            .SetServer(loadRateMbPerSecond: 100, bandwidthHz: 3e6, noiseDbmPerHz: -174)
            .AddBlock("a", 20).AddBlock("b", 10).AddBlock("c", 30)
            .AddModel("A", 0.1, "a").AddModel("B", 0.2, "a", "b").AddModel("C", 0.05, "c")
            .AddUser("u1", "A", 0.25, 1.0, 1.0, -144)
            .AddUser("u2", "B", 0.5, 0.55, 1.0, -144)
            .AddUser("u3", "C", 1.0, 0.9, 1.0, -144)
            .Build();
        BruteForce.Optimum optimum = BruteForce.Solve(instance);

        foreach (ExactCase variant in Variants())
        {
            SolveReport report = SolverRunner.Run(variant.Create(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(30) });
            Assert.That(report.Value, Is.EqualTo(optimum.Value), variant.Name);
            Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal), variant.Name);
        }
    }

    [Test]
    public void A_cancelled_solve_returns_the_warm_start_with_an_honest_status()
    {
        Instance instance = RandomInstances.Create(7, users: 12, models: 4);
        Schedule warm = OrderPlanner.Plan(instance, [.. Enumerable.Range(0, 12).Where(k => OrderPlanner.Plan(instance, [k]).IsFeasible).Take(1)]).ToSchedule();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        SolveReport report = SolverRunner.Run(new CpSatSolver(), instance, new SolverOptions { WarmStart = warm }, cancelled.Token);

        Assert.That(report.Result.Schedule.Order, Is.EqualTo(warm.Order));
        Assert.That(report.Status, Is.Not.EqualTo(SolverStatus.Optimal).Or.Property(nameof(SolveReport.Value)).EqualTo(instance.TotalWeight));
        Assert.That(report.Bound, Is.GreaterThanOrEqualTo(report.Value));
    }

    [Test]
    public void Highs_takes_a_warm_start_without_crashing()
    {
        // OR-Tools 9.15's HiGHS interface crashes on hints; the solver must start it cold.
        Instance instance = RandomInstances.Create(9, users: 6, models: 3);
        Schedule warm = OrderPlanner.Plan(instance, [0]).IsFeasible ? OrderPlanner.Plan(instance, [0]).ToSchedule() : Schedule.Empty;

        SolveReport report = SolverRunner.Run(new MilpSolver(new MilpSettings { Backend = MilpBackend.Highs }), instance, new SolverOptions { WarmStart = warm, TimeLimit = TimeSpan.FromSeconds(30) });

        Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
    }
}
