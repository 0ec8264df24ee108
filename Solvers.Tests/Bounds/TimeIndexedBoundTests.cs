using PartialLoading.Bounds;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// The time-indexed relaxation beyond the settings of the bound lists (those run in <see cref="RelaxationValidityTests"/>):
/// the coarsest and a fine time step (where rounding a duration or a deadline the wrong way would show), exact optima
/// of larger instances, and what it is for — a model that deadlines send back into memory is charged every load.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TimeIndexedBoundTests
{
    private static IEnumerable<TestCaseData> Splits()
    {
        yield return new TestCaseData(1).SetName("δ = the least inference time");
        yield return new TestCaseData(8).SetName("δ = the least inference time ÷ 8");
    }

    [TestCaseSource(nameof(Splits))]
    public void Is_at_least_the_brute_force_optimum_at_any_step(int split)
    {
        var relaxation = new TimeIndexedBound(iterations: 2000, finestSplit: split);
        int applied = 0;
        int tight = 0;
        for (int seed = 1; seed <= 40; seed++)
        {
            Instance instance = RandomInstances.Mixed(9400, seed);
            double optimum = BruteForce.Solve(instance).Value;

            RelaxationBound bound = relaxation.Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
            applied += bound.HasValue ? 1 : 0;
            tight += bound.Value < optimum + 1e-6 ? 1 : 0;
        }

        Assert.That(applied, Is.EqualTo(40), "every small instance is within its limits");
        TestContext.Out.WriteLine($"split {split}: the bound met the optimum on {tight} of 40");
    }

    [Test]
    public void Is_at_least_the_labeling_optimum_at_sixteen_users()
    {
        int proved = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            Instance instance = RandomInstances.Create(9500 + seed, users: 16, models: 5, sharing: seed % 2 == 0 ? RandomSharing.BottomLayer : RandomSharing.General, bandwidth: RandomBandwidth.Tight, commonDeadline: seed % 3 == 0, weighted: seed % 3 == 1, initialModel: seed % 2 == 0);
            SolveReport exact = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(5) });

            RelaxationBound bound = new TimeIndexedBound(iterations: 1000).Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.HasValue, Is.True, $"seed {seed}: {bound.Note}");
            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(exact.Value - 1e-9), $"seed {seed}: {bound.Note}");
            proved += exact.Status == SolverStatus.Optimal ? 1 : 0;
        }

        Assert.That(proved, Is.GreaterThanOrEqualTo(4), "too few optima proved to test against");
    }

    [Test]
    public void Charges_a_second_load_of_a_model_that_deadlines_send_back()
    {
        // Serving b1 between a1 and a2 needs A loaded twice; one load per model lets all three fit.
        Instance instance = ReloadInstance.Create();
        Assert.That(BruteForce.Solve(instance).Value, Is.EqualTo(2));

        RelaxationBound indexed = new TimeIndexedBound().Compute(instance, BoundBudget.Unlimited);
        double others = UpperBound.Relaxations(BoundEffort.Strong).Where(r => r is not TimeIndexedBound).Min(r => r.Compute(instance, BoundBudget.Unlimited).Value);

        Assert.That(indexed.Value, Is.EqualTo(2), indexed.Note);
        Assert.That(others, Is.EqualTo(3));
    }

    [Test]
    public void Loads_a_model_only_to_serve_one_of_its_users()
    {
        // At the first step's multipliers a path may serve a user again on each visit of its model. Loads rounded down
        // make two loads through a model with nobody left to serve cheaper than the direct one, so such paths reached 24
        // here (measured before the rule); a schedule loads a model only to serve it, and the rule leaves 17.
        Instance instance = RandomInstances.Mixed(9400, 7);

        RelaxationBound firstStep = new TimeIndexedBound(iterations: 1, finestSplit: 1).Compute(instance, BoundBudget.Unlimited);

        Assert.That(firstStep.Value, Is.EqualTo(17), firstStep.Note);
        Assert.That(BruteForce.Solve(instance).Value, Is.EqualTo(6));
    }

    [Test]
    public void Tracking_fewer_users_of_a_batch_only_weakens_the_bound()
    {
        // 8 users of 2 models: past the tracked users a batch may serve a user twice.
        for (int seed = 1; seed <= 6; seed++)
        {
            Instance instance = RandomInstances.Create(9700 + seed, users: 8, models: 2, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, commonDeadline: seed % 3 == 0);
            double optimum = BruteForce.Solve(instance).Value;

            double[] values = [.. new[] { 0, 1, 3, 10 }.Select(tracked => new TimeIndexedBound(iterations: 800, trackedUsers: tracked).Compute(instance, BoundBudget.Unlimited).Value)];

            Assert.That(values, Is.All.GreaterThanOrEqualTo(optimum), $"seed {seed}");
            Assert.That(values[3], Is.LessThanOrEqualTo(values[0]), $"seed {seed}");
        }
    }

    [Test]
    public void Does_not_apply_when_its_time_steps_would_pass_the_state_limit()
    {
        Instance instance = RandomInstances.Create(9601, users: 8, models: 3);

        RelaxationBound bound = new TimeIndexedBound(maxStates: 100).Compute(instance, BoundBudget.Unlimited);

        Assert.That(bound.HasValue, Is.False);
        Assert.That(bound.Note, Does.StartWith("does not apply"));
    }
}
