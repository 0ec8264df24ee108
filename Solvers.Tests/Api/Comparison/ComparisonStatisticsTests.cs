using PartialLoading.Comparison;

namespace PartialLoading.Tests.Api.Comparison;

public class ComparisonStatisticsTests
{
    [Test]
    public void The_t_interval_of_one_to_four_is_the_hand_computed_one()
    {
        // mean 2.5, s = √(5/3) = 1.2909944, t(0.975, 3) = 3.1824463 (tables), half-width = 3.1824463 · 1.2909944 / 2 = 2.0542607.
        SampleSummary summary = SampleSummary.Of([1.0, 2.0, 3.0, 4.0]);

        Assert.That(summary.Count, Is.EqualTo(4));
        Assert.That(summary.Mean, Is.EqualTo(2.5));
        Assert.That(summary.StandardDeviation, Is.EqualTo(1.2909944).Within(1e-7));
        Assert.That(summary.HalfWidth, Is.EqualTo(2.0542607).Within(1e-6));
        Assert.That((summary.Low, summary.High), Is.EqualTo((2.5 - summary.HalfWidth, 2.5 + summary.HalfWidth)));
    }

    [Test]
    public void One_value_has_a_mean_but_no_spread_and_no_interval()
    {
        SampleSummary summary = SampleSummary.Of([7.0]);

        Assert.That((summary.Mean, summary.StandardDeviation, summary.HalfWidth), Is.EqualTo((7.0, (double?)null, (double?)null)));
        Assert.Throws<ArgumentException>(() => SampleSummary.Of([]));
    }

    [Test]
    public void Per_solver_statistics_count_runs_without_a_result_but_leave_them_out_of_the_sample()
    {
        ComparisonRow[] rows = [Row("a", "x", 1, 4), Row("a", "x", 2, 2), Row("a", "y", 1, null), Row("b", "x", 1, 1)];

        IReadOnlyList<SolverStatistics> perSolver = ComparisonStatistics.PerSolver(rows);
        IReadOnlyList<SolverStatistics> perInstance = ComparisonStatistics.PerInstance(rows);

        Assert.That(perSolver.Select(s => (s.Solver, s.Runs, s.Results, s.Value?.Mean)), Is.EqualTo(new[] { ("a", 3, 2, (double?)3.0), ("b", 1, 1, 1.0) }));
        Assert.That(perSolver[0].Gap!.Mean, Is.EqualTo((0.0 + 0.5) / 2));
        Assert.That(perInstance.Select(s => (s.Instance, s.Solver, s.Results)), Is.EqualTo(new[] { ("x", "a", 2), ("y", "a", 0), ("x", "b", 1) }));
        Assert.That(perInstance[1].Value, Is.Null);
    }

    [Test]
    public void The_profile_gives_each_solver_the_share_of_problems_within_a_factor_of_the_best()
    {
        // Problem (x, 1): a 4, b 2 → ratios 1 and 2. Problem (x, 2): a 3, b refused → 1 and ∞. Problem (y, 1): nobody serves anyone → 1 and 1.
        ComparisonRow[] rows = [Row("a", "x", 1, 4), Row("b", "x", 1, 2), Row("a", "x", 2, 3), Row("b", "x", 2, null), Row("a", "y", 1, 0), Row("b", "y", 1, 0)];

        PerformanceProfile profile = PerformanceProfile.Of(rows);

        Assert.That(profile.Problems, Is.EqualTo(3));
        Assert.That(profile.Share("a", 1.0), Is.EqualTo(1.0));
        Assert.That(profile.Share("b", 1.0), Is.EqualTo(1.0 / 3));
        Assert.That(profile.Share("b", 1.99), Is.EqualTo(1.0 / 3));
        Assert.That(profile.Share("b", 1e9), Is.EqualTo(2.0 / 3));
        Assert.That(profile.Steps("b"), Is.EqualTo(new[] { (1.0, 1.0 / 3), (2.0, 2.0 / 3) }));
        Assert.That(profile.LargestFiniteRatio, Is.EqualTo(2.0));
    }

    private static ComparisonRow Row(string solver, string instance, int seed, double? value) => new()
    {
        Instance = instance,
        Users = 4,
        Solver = solver,
        Status = value is null ? ComparisonStatus.NotApplicable : "heuristic",
        Value = value,
        BestBound = 4,
        BestBoundBy = "total-weight",
        Gap = value is double v ? (4 - v) / 4 : null,
        Seed = seed,
        Shard = Shard.All,
        SweepInstances = 2,
    };
}
