using PartialLoading.Bounds;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// The latest-start relaxation beyond the settings of the bound lists (those run in <see cref="RelaxationValidityTests"/>):
/// only bottom-layer instances with a common deadline, where it applies, against brute-force and labeling optima and
/// verified schedules, at coarse and fine grids (where a rounding error would show), and its strength where it is meant
/// to help — a tight budget, where pricing every user as if served last undercharges the early ones.
/// </summary>
public class LatestStartBoundTests
{
    private static readonly Dictionary<int, (Instance Instance, double Optimum)> SmallCache = [];

    private static IEnumerable<TestCaseData> Settings()
    {
        yield return new TestCaseData(1, 1).SetName("coarsest grid (one price level)");
        yield return new TestCaseData(97, 13).SetName("97 cells, 13 price levels");
        yield return new TestCaseData(4096, 4096).SetName("4096 cells, a price level per cell");
    }

    [TestCaseSource(nameof(Settings))]
    public void Is_at_least_the_brute_force_optimum_on_bottom_layer_common_deadline_instances(int cells, int levels)
    {
        var relaxation = new LatestStartBound(cells, levels, iterations: 100);
        for (int seed = 1; seed <= 40; seed++)
        {
            (Instance instance, double optimum) = Small(seed);

            RelaxationBound bound = relaxation.Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.HasValue, Is.True, $"seed {seed}: {bound.Note}");
            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
        }
    }

    [Test]
    public void Is_at_least_the_labeling_optimum_at_sixteen_users()
    {
        int proved = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            Instance instance = RandomInstances.Create(3100 + seed, users: 16, models: 4, sharing: RandomSharing.BottomLayer, bandwidth: RandomBandwidth.Tight, commonDeadline: true, weighted: seed % 3 == 0, initialModel: seed % 2 == 0);
            SolveReport exact = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(5) });

            RelaxationBound bound = new LatestStartBound().Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(exact.Value - 1e-9), $"seed {seed}: {bound.Note}");
            proved += exact.Status == SolverStatus.Optimal ? 1 : 0;
        }

        Assert.That(proved, Is.GreaterThanOrEqualTo(3), "too few optima proved to test against");
    }

    [Test]
    public void Is_at_least_the_schedules_of_dp_and_local_search_at_scale()
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            Instance instance = RandomInstances.Create(3200 + seed, users: 50 + (20 * seed), models: 8, sharing: RandomSharing.BottomLayer, bandwidth: RandomBandwidth.Tight, commonDeadline: true, weighted: seed % 3 == 0, initialModel: seed % 2 == 1);
            double reached = Math.Max(
                SolverRunner.Run(new DynamicProgrammingSolver(), instance).Value,
                SolverRunner.Run(new LocalSearchSolver(new LocalSearchSettings { Iterations = 100 }), instance, new SolverOptions { Seed = seed }).Value);

            RelaxationBound bound = new LatestStartBound(iterations: 80).Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.HasValue, Is.True, $"seed {seed}: {bound.Note}");
            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(reached - 1e-9), $"seed {seed}: {bound.Note}");
        }
    }

    [Test]
    public void Charges_early_positions_more_than_the_lagrangian_dp_on_a_tight_common_deadline()
    {
        // synthetic-bottom-100-common: 63 served (results.csv); lagrangian-dp, pricing every user as if last, proves 76.
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("synthetic-bottom-100-common"));

        RelaxationBound latest = new LatestStartBound().Compute(instance, BoundBudget.Unlimited);
        RelaxationBound last = new LagrangianBackboneBound().Compute(instance, BoundBudget.Unlimited);

        Assert.That(latest.Value, Is.LessThan(last.Value - 4));
        Assert.That(latest.Value, Is.GreaterThanOrEqualTo(63));
    }

    [Test]
    public void Does_not_apply_to_general_sharing_or_per_user_deadlines()
    {
        Instance general = RandomInstances.Create(3301, users: 8, sharing: RandomSharing.General, commonDeadline: true);
        Instance perUser = RandomInstances.Create(3302, users: 8, sharing: RandomSharing.BottomLayer, commonDeadline: false);

        Assert.That(new LatestStartBound().Compute(general, BoundBudget.Unlimited).HasValue, Is.False);
        Assert.That(new LatestStartBound().Compute(perUser, BoundBudget.Unlimited).HasValue, Is.False);
    }

    [Test]
    public void Skips_instances_too_large_for_its_work_cap()
    {
        Instance instance = RandomInstances.Create(3303, users: 60, models: 4, sharing: RandomSharing.BottomLayer, commonDeadline: true);

        RelaxationBound bound = new LatestStartBound(maxWork: 1000).Compute(instance, BoundBudget.Unlimited);

        Assert.That(bound.HasValue, Is.False);
        Assert.That(bound.Note, Does.StartWith("skipped"));
    }

    [Test]
    public void Rejects_settings_without_cells_levels_or_grid()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new LatestStartBound(cells: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new LatestStartBound(levels: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new LatestStartBound(gridPoints: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new LatestStartBound(iterations: -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new LatestStartBound(maxWork: 0.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    private static (Instance Instance, double Optimum) Small(int seed)
    {
        lock (SmallCache)
        {
            if (!SmallCache.TryGetValue(seed, out var entry))
            {
                Instance instance = RandomInstances.Create(
                    3000 + seed,
                    users: 5 + (seed % 3),
                    models: 2 + (seed % 4),
                    sharing: RandomSharing.BottomLayer,
                    bandwidth: seed % 5 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
                    commonDeadline: true,
                    weighted: seed % 4 == 1,
                    initialModel: seed % 2 == 0);
                entry = (instance, BruteForce.Solve(instance).Value);
                SmallCache[seed] = entry;
            }

            return entry;
        }
    }
}
