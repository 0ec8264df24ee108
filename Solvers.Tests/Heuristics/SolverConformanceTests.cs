using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Milp;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Heuristics;

/// <summary>
/// One suite of checks run over every solver (NodaTime-style, through <c>[TestCaseSource]</c>): every schedule is
/// feasible under the independent reference model; no solver beats the brute-force optimum; exact solvers meet it.
/// Add a solver by adding it to <see cref="SolverCases"/>.
/// </summary>
public class SolverConformanceTests
{
    /// <summary>A solver under test and what it promises.</summary>
    /// <param name="Name">How the case is named in test results.</param>
    /// <param name="Create">Makes the solver.</param>
    /// <param name="Exact">The solver proves optimality: it must meet brute force and say optimal.</param>
    /// <param name="BottomLayerCommonDeadlineOnly">The solver applies only to bottom-layer, common-deadline instances.</param>
    /// <param name="MaxUsers">The largest instance the suite gives it (exact solvers are kept small to keep CI short).</param>
    /// <param name="Instances">How many random instances each check runs it on, at most.</param>
    public sealed record SolverCase(string Name, Func<IScheduleSolver> Create, bool Exact, bool BottomLayerCommonDeadlineOnly = false, int MaxUsers = int.MaxValue, int Instances = int.MaxValue)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<SolverCase> SolverCases()
    {
        yield return new SolverCase("fifo", () => new FifoBaseline(), Exact: false);
        yield return new SolverCase("edd", () => new EarliestDeadlineBaseline(), Exact: false);
        yield return new SolverCase("random", () => new RandomBaseline(), Exact: false);
        yield return new SolverCase("full-loading", () => new FullLoadingBaseline(), Exact: false);
        yield return new SolverCase("greedy", () => new GreedySolver(), Exact: false);
        yield return new SolverCase("greedy most-shared", () => new GreedySolver(GreedyRule.MostShared), Exact: false);
        yield return new SolverCase("local", () => new LocalSearchSolver(new LocalSearchSettings { Iterations = 40 }), Exact: false);
        yield return new SolverCase("lns", () => new LnsSolver(new LnsSettings { Iterations = 60 }), Exact: false);

        // Exact for the joint problem only when its order passes the bandwidth test; the check below holds it to
        // brute force whenever it says optimal.
        yield return new SolverCase("dp", () => new DynamicProgrammingSolver(), Exact: false, BottomLayerCommonDeadlineOnly: true);
        yield return new SolverCase("labeling", () => new LabelingSolver(), Exact: true);
        yield return new SolverCase("milp", () => new MilpSolver(), Exact: true, MaxUsers: 12, Instances: 30);
        yield return new SolverCase("cpsat", () => new CpSatSolver(), Exact: true, MaxUsers: 12, Instances: 30);
    }

    private static IEnumerable<TestCaseData> Cases(int instances)
    {
        foreach (SolverCase solver in SolverCases())
        {
            for (int seed = 1; seed <= Math.Min(instances, solver.Instances); seed++)
            {
                yield return new TestCaseData(solver, seed).SetName($"{solver.Name} seed {seed}");
            }
        }
    }

    private static Instance InstanceFor(SolverCase solver, int seed, int users)
        => solver.BottomLayerCommonDeadlineOnly
            ? RandomInstances.Create(seed, users, models: 4, sharing: RandomSharing.BottomLayer, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, commonDeadline: true, initialModel: seed % 3 == 0)
            : RandomInstances.Create(seed, users, models: 4, sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, initialModel: seed % 4 == 0, weighted: seed % 5 == 0);

    [TestCaseSource(nameof(Cases), new object[] { 100 })]
    public void Every_schedule_is_feasible_under_the_reference_model(SolverCase solver, int seed)
    {
        Instance instance = InstanceFor(solver, seed, users: Math.Min(solver.MaxUsers, 6 + (seed % 25)));

        SolveReport report = SolverRunner.Run(solver.Create(), instance, new SolverOptions { Seed = seed, TimeLimit = TimeSpan.FromSeconds(10) });

        var schedule = report.Result.Schedule;
        bool sharing = report.Result.LoadingRule == PartialLoading.Core.Loading.LoadingRule.SharedBlocks;
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, schedule.Order, schedule.BandwidthsHz, sharing), Is.True);
        Assert.That(report.Value, Is.EqualTo(ReferenceModel.Value(instance, schedule.Order)));
    }

    [TestCaseSource(nameof(Cases), new object[] { 40 })]
    public void No_solver_beats_the_brute_force_optimum_and_exact_solvers_meet_it(SolverCase solver, int seed)
    {
        Instance instance = InstanceFor(solver, seed, users: 5 + (seed % 3));
        BruteForce.Optimum optimum = BruteForce.Solve(instance);

        SolveReport report = SolverRunner.Run(solver.Create(), instance, new SolverOptions { Seed = seed, TimeLimit = TimeSpan.FromSeconds(30) });

        Assert.That(report.Value, Is.LessThanOrEqualTo(optimum.Value + 1e-9), $"brute force serves [{string.Join(",", optimum.Order)}]");
        if (report.Status == SolverStatus.Optimal)
        {
            Assert.That(report.Value, Is.EqualTo(optimum.Value).Within(1e-9), "a solver that says optimal meets brute force");
        }

        if (solver.Exact)
        {
            Assert.That(report.Value, Is.EqualTo(optimum.Value).Within(1e-9), $"brute force serves [{string.Join(",", optimum.Order)}]");
            Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal));
        }
    }
}
