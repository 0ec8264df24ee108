using PartialLoading.Bounds;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// The time-window relaxation beyond the settings of the bound lists (those run in <see cref="RelaxationValidityTests"/>):
/// one block, odd and very fine block counts (where a rounding error at a block edge would show), and its strength
/// where it is meant to help — a common deadline with a tight budget, where β(T − c) undercharges early positions.
/// </summary>
public class TimeWindowBoundTests
{
    private static IEnumerable<TestCaseData> Settings()
    {
        yield return new TestCaseData(1, 1).SetName("one block, one deadline window");
        yield return new TestCaseData(7, 3).SetName("7 blocks, 3 deadline windows");
        yield return new TestCaseData(512, 64).SetName("512 blocks, 64 deadline windows");
    }

    [TestCaseSource(nameof(Settings))]
    public void Is_at_least_the_brute_force_optimum_at_any_block_count(int blocks, int deadlineWindows)
    {
        var relaxation = new TimeWindowBound(blocks, iterations: 150, deadlineWindows: deadlineWindows);
        for (int seed = 1; seed <= 50; seed++)
        {
            Instance instance = RandomInstances.Mixed(9000, seed);
            double optimum = BruteForce.Solve(instance).Value;

            RelaxationBound bound = relaxation.Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
        }
    }

    [TestCaseSource(nameof(Settings))]
    public void Is_at_least_the_dynamic_program_on_common_deadline_instances_at_any_block_count(int blocks, int deadlineWindows)
    {
        var relaxation = new TimeWindowBound(blocks, iterations: 150, deadlineWindows: deadlineWindows);
        for (int seed = 1; seed <= 8; seed++)
        {
            Instance instance = RandomInstances.Create(700 + seed, users: 40 + (10 * seed), models: 6, sharing: RandomSharing.BottomLayer, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, commonDeadline: true, initialModel: seed % 3 == 0);
            SolveReport dp = SolverRunner.Run(new DynamicProgrammingSolver(), instance);

            RelaxationBound bound = relaxation.Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(dp.Value), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
        }
    }

    [Test]
    public void Charges_early_positions_more_than_the_scheduling_relaxation_on_a_tight_common_deadline()
    {
        // synthetic-bottom-1000-common: dp serves 592 (results.csv); the scheduling relaxation proves 708.
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("synthetic-bottom-1000-common"));

        RelaxationBound window = new TimeWindowBound().Compute(instance, BoundBudget.Unlimited);
        RelaxationBound scheduling = new SchedulingRelaxationBound().Compute(instance, BoundBudget.Unlimited);

        Assert.That(window.Value, Is.LessThan(scheduling.Value - 30));
        Assert.That(window.Value, Is.GreaterThanOrEqualTo(SolverRunner.Run(new DynamicProgrammingSolver(), instance).Value));
    }

    [Test]
    public void Never_exceeds_the_weight_of_the_users_that_can_be_served_alone()
    {
        for (int seed = 1; seed <= 10; seed++)
        {
            Instance instance = RandomInstances.Create(800 + seed, users: 30, models: 5, bandwidth: RandomBandwidth.Tight, weighted: seed % 2 == 0);

            RelaxationBound window = new TimeWindowBound(iterations: 50).Compute(instance, BoundBudget.Unlimited);
            RelaxationBound servable = new ServingEverybodyBound().Compute(instance, BoundBudget.Unlimited);

            Assert.That(window.Value, Is.LessThanOrEqualTo(servable.Value), $"seed {seed}");
        }
    }

    [Test]
    public void Rejects_settings_without_blocks_steps_or_windows()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new TimeWindowBound(blocks: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new TimeWindowBound(iterations: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new TimeWindowBound(deadlineWindows: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new TimeWindowBound(maxWork: 0.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
