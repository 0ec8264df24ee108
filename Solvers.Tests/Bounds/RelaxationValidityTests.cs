using PartialLoading.Bounds;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// Every relaxation, at every effort, against values that are known to be reachable: brute-force optima of small
/// random instances, the DP's optimum of bottom-layer instances, the library's proved optima and best schedules,
/// and heuristic schedules. A bound below any of them is the worst defect a bound can have.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class RelaxationValidityTests
{
    /// <summary>
    /// The time a relaxation gets on each medium and library instance. A relaxation stopped by its budget still returns
    /// a bound (its best dual value so far), so these runs check stopped values as well as converged ones; the small
    /// instances run unlimited. With more, the time-indexed relaxation took 5 of the suite's 16 minutes on a slow machine.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<int, (Instance Instance, double Optimum)> SmallCache = [];

    /// <summary>Each library instance up to 1,000 users with the best value known for it: results.csv's, or greedy's when better (the larger ones are in the study bound-quality, to keep the tests fast).</summary>
    private static readonly Lazy<List<(string Name, Instance Instance, double Reached)>> Library = new(() =>
        [.. LibraryResults.Read(Path.Combine(RepositoryPaths.Instances, LibraryResults.FileName)).Where(result => result.Users <= 1000).Select(result =>
        {
            Instance instance = InstanceReader.Read(RepositoryPaths.Instance(result.Instance));
            return (result.Instance, instance, Math.Max(result.BestValue, SolverRunner.Run(new GreedySolver(), instance).Value));
        })]);

    /// <summary>Every relaxation of the strong list (a superset of the fast one), by name.</summary>
    private static IEnumerable<TestCaseData> AllRelaxations()
        => UpperBound.Relaxations(BoundEffort.Strong).Concat(UpperBound.Relaxations(BoundEffort.Fast))
            .Select((r, i) => new TestCaseData(i).SetName($"{r.Name} ({(i < UpperBound.Relaxations(BoundEffort.Strong).Count ? "strong" : "fast")} settings)"));

    private static IRelaxation RelaxationAt(int index)
        => UpperBound.Relaxations(BoundEffort.Strong).Concat(UpperBound.Relaxations(BoundEffort.Fast)).ElementAt(index);

    [TestCaseSource(nameof(AllRelaxations))]
    public void Is_at_least_the_brute_force_optimum_on_small_random_instances(int index)
    {
        IRelaxation relaxation = RelaxationAt(index);
        for (int seed = 1; seed <= 60; seed++)
        {
            (Instance instance, double optimum) = Small(seed);
            RelaxationBound bound = relaxation.Compute(instance, BoundBudget.Unlimited);
            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
        }
    }

    [TestCaseSource(nameof(AllRelaxations))]
    public void Is_at_least_the_dynamic_program_on_bottom_layer_common_deadline_instances(int index)
    {
        IRelaxation relaxation = RelaxationAt(index);
        for (int seed = 1; seed <= 12; seed++)
        {
            Instance instance = seed % 3 == 0
                ? RandomInstances.Long(500 + seed, users: 120, commonDeadline: true, models: 4)
                : RandomInstances.Create(400 + seed, users: 20 + (5 * seed), models: 6, sharing: RandomSharing.BottomLayer, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, commonDeadline: true, weighted: seed % 4 == 1, initialModel: seed % 5 < 2);
            if (SolverCatalogSafe.TryDp(instance) is not SolveReport dp)
            {
                continue; // Long instances need not be bottom-layer
            }

            RelaxationBound bound = relaxation.Compute(instance, new BoundBudget(Budget));
            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(dp.Value - 1e-9), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
        }
    }

    [TestCaseSource(nameof(AllRelaxations))]
    public void Is_at_least_every_library_result_and_greedy_schedule(int index)
    {
        IRelaxation relaxation = RelaxationAt(index);
        foreach ((string name, Instance instance, double reached) in Library.Value)
        {
            RelaxationBound bound = relaxation.Compute(instance, new BoundBudget(Budget));
            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(reached - 1e-9), $"{name}: {bound.Note}");
        }
    }

    [Test]
    public void The_scheduling_relaxation_equals_the_bound_dp_reports_when_everybody_is_servable()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            Instance instance = RandomInstances.Create(600 + seed, users: 30 + seed, models: 5, sharing: RandomSharing.BottomLayer, bandwidth: RandomBandwidth.Tight, commonDeadline: true, initialModel: seed % 2 == 0);
            SolveReport dp = SolverRunner.Run(new DynamicProgrammingSolver(), instance);
            RelaxationBound bound = new SchedulingRelaxationBound().Compute(instance, BoundBudget.Unlimited);

            // The bound leaves out users that cannot be served even alone (bandwidth), which dp's relaxation keeps.
            Assert.That(bound.Value, Is.InRange(dp.Value, dp.Bound!.Value), $"seed {seed}");
            if (ServableUsers.Alone(instance).Length == instance.Users.Length)
            {
                Assert.That(bound.Value, Is.EqualTo(dp.Bound), $"seed {seed}");
            }
        }
    }

    [Test]
    public void The_combined_bound_is_the_least_relaxation_and_names_it()
    {
        (Instance instance, _) = Small(7);

        CombinedBound combined = UpperBound.Compute(instance, BoundEffort.Strong);

        Assert.That(combined.Value, Is.EqualTo(combined.Parts.Min(p => p.Value)));
        Assert.That(combined.Parts.First(p => p.Relaxation == combined.Source).Value, Is.EqualTo(combined.Value));
        Assert.That(combined.Parts.Select(p => p.Relaxation), Is.Unique);
    }

    [Test]
    public void A_spent_budget_runs_nothing_and_proves_nothing()
    {
        (Instance instance, _) = Small(3);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        CombinedBound combined = UpperBound.Compute(instance, BoundEffort.Strong, cancellationToken: cancelled.Token);

        Assert.That(combined.HasValue, Is.False);
        Assert.That(combined.Parts.All(p => !p.Completed), Is.True);
    }

    [Test]
    public void No_effort_runs_no_relaxation()
    {
        (Instance instance, _) = Small(3);

        CombinedBound combined = UpperBound.Compute(instance, BoundEffort.None);

        Assert.That(combined.Parts, Is.Empty);
        Assert.That(combined.GapOf(1.0), Is.Null);
    }

    [Test]
    public void Unit_weight_bounds_are_whole_numbers()
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("heterogeneous-400"));

        CombinedBound combined = UpperBound.Compute(instance, BoundEffort.Fast);

        Assert.That(combined.Parts.Where(p => p.HasValue).Select(p => p.Value - Math.Floor(p.Value)), Is.All.EqualTo(0.0));
    }

    private static (Instance Instance, double Optimum) Small(int seed)
    {
        lock (SmallCache)
        {
            if (!SmallCache.TryGetValue(seed, out var entry))
            {
                Instance instance = RandomInstances.Create(
                    seed,
                    users: 5 + (seed % 3),
                    models: 2 + (seed % 4),
                    sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
                    bandwidth: seed % 5 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
                    commonDeadline: seed % 3 == 0 || seed % 7 == 0,
                    weighted: seed % 4 == 1,
                    initialModel: seed % 2 == 0);
                entry = (instance, BruteForce.Solve(instance).Value);
                SmallCache[seed] = entry;
            }

            return entry;
        }
    }

    /// <summary><c>dp</c>'s verified report, or null when it refuses the instance.</summary>
    private static class SolverCatalogSafe
    {
        public static SolveReport? TryDp(Instance instance)
        {
            try
            {
                return SolverRunner.Run(new DynamicProgrammingSolver(), instance);
            }
            catch (SolverNotApplicableException)
            {
                return null;
            }
        }
    }
}
