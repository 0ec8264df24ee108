using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Heuristics;

/// <summary>
/// One suite of checks run over every solver of the catalog (NodaTime-style, through <c>[TestCaseSource]</c>): every
/// schedule is feasible under the independent reference model; no solver beats the brute-force optimum; exact solvers
/// meet it. A solver added to <see cref="SolverCatalog"/> is held to it unchanged.
/// </summary>
public class SolverConformanceTests
{
    /// <summary>Fixed budgets for the searches that would otherwise run to a time limit (the suite must stay short and reproducible).</summary>
    private static readonly SolverSettings Budgets = new()
    {
        LocalSearch = new LocalSearchSettings { Iterations = 40 },
        Lns = new LnsSettings { Iterations = 60 },
    };

    /// <summary>The OR-Tools models are slow to build: they get smaller and fewer instances, so CI stays short.</summary>
    private static readonly Dictionary<string, (int MaxUsers, int Instances)> Smaller = new()
    {
        ["milp"] = (12, 30),
        ["cpsat"] = (12, 30),
    };

    /// <summary>A solver under test and what it promises.</summary>
    /// <param name="Name">How the case is named in test results.</param>
    /// <param name="Create">Makes the solver.</param>
    /// <param name="Exact">The solver proves optimality: it must meet brute force and say optimal.</param>
    /// <param name="MaxUsers">The largest instance the suite gives it (exact solvers are kept small to keep CI short).</param>
    /// <param name="Instances">How many random instances each check runs it on, at most.</param>
    public sealed record SolverCase(string Name, Func<IScheduleSolver> Create, bool Exact, int MaxUsers = int.MaxValue, int Instances = int.MaxValue)
    {
        public override string ToString() => Name;
    }

    /// <summary>
    /// Every catalog solver with its traits (a solver that is exact only where it applies, like <c>dp</c>, is held to
    /// brute force whenever it says optimal), and the greedy rule that is not the catalog's default.
    /// </summary>
    public static IEnumerable<SolverCase> SolverCases()
    {
        foreach (SolverInfo info in SolverCatalog.All)
        {
            (int maxUsers, int instances) = Smaller.GetValueOrDefault(info.Name, (int.MaxValue, int.MaxValue));
            yield return new SolverCase(info.Name, () => info.Create(Budgets), Exact: info.Traits.Kind == SolverKind.Exact, maxUsers, instances);
        }

        yield return new SolverCase("greedy most-shared", () => new GreedySolver(GreedyRule.MostShared), Exact: false);
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

    /// <summary>
    /// Solves a random instance of the seed; a solver that refuses it (one with a restriction, like <c>dp</c>) gets a
    /// bottom-layer instance with a common deadline instead, which every solver of the toolkit takes at this size.
    /// </summary>
    private static (Instance Instance, SolveReport Report) Solve(SolverCase solver, int seed, int users, TimeSpan limit)
    {
        var options = new SolverOptions { Seed = seed, TimeLimit = limit };
        Instance general = RandomInstances.Create(seed, users, models: 4, sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, initialModel: seed % 4 == 0, weighted: seed % 5 == 0);
        try
        {
            return (general, SolverRunner.Run(solver.Create(), general, options));
        }
        catch (SolverNotApplicableException)
        {
            Instance bottom = RandomInstances.Create(seed, users, models: 4, sharing: RandomSharing.BottomLayer, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, commonDeadline: true, initialModel: seed % 3 == 0);
            return (bottom, SolverRunner.Run(solver.Create(), bottom, options));
        }
    }

    [TestCaseSource(nameof(Cases), new object[] { 100 })]
    public void Every_schedule_is_feasible_under_the_reference_model(SolverCase solver, int seed)
    {
        (Instance instance, SolveReport report) = Solve(solver, seed, users: Math.Min(solver.MaxUsers, 6 + (seed % 25)), TimeSpan.FromSeconds(3));

        var schedule = report.Result.Schedule;
        bool sharing = report.Result.LoadingRule == PartialLoading.Core.Loading.LoadingRule.SharedBlocks;
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, schedule.Order, schedule.BandwidthsHz, sharing), Is.True);
        Assert.That(report.Value, Is.EqualTo(ReferenceModel.Value(instance, schedule.Order)));
    }

    [TestCaseSource(nameof(Cases), new object[] { 40 })]
    public void No_solver_beats_the_brute_force_optimum_and_exact_solvers_meet_it(SolverCase solver, int seed)
    {
        (Instance instance, SolveReport report) = Solve(solver, seed, users: 5 + (seed % 3), TimeSpan.FromSeconds(30));
        BruteForce.Optimum optimum = BruteForce.Solve(instance);

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
