using PartialLoading.Core.Csv;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Heuristics;

public class BaselineTests
{
    [Test]
    public void Fifo_serves_in_input_order_and_skips_users_that_would_be_late()
    {
        // Input order C, B, A: C ends 0.55 s; B would end 0.55 + 0.4 + 0.05 = 1.0 > 0.8; A 0.9 > 0.6.
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("three-models"));

        SolveReport report = SolverRunner.Run(new FifoBaseline(), instance);

        Assert.That(report.Result.Schedule.Order, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void Edd_serves_by_deadline_and_here_reaches_everybody()
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("three-models"));

        SolveReport report = SolverRunner.Run(new EarliestDeadlineBaseline(), instance);

        Assert.That(report.Result.Schedule.Order, Is.EqualTo(new[] { 2, 1, 0 }));
        Assert.That(report.Status, Is.EqualTo(SolverStatus.Heuristic));
    }

    [Test]
    public void Edd_breaks_deadline_ties_by_input_order()
    {
        Instance instance = RandomInstances.Create(4, users: 6, commonDeadline: true, bandwidth: RandomBandwidth.Ample);

        Assert.That(EarliestDeadlineBaseline.ByDeadline(instance), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
    }

    [Test]
    public void Random_is_reproducible_for_a_seed_and_the_seed_matters()
    {
        Instance instance = RandomInstances.Long(2, users: 150, commonDeadline: false, budgetHz: 1e7);

        int[] Order(int seed) => [.. SolverRunner.Run(new RandomBaseline(), instance, new SolverOptions { Seed = seed }).Result.Schedule.Order];

        int[] seven = Order(7);

        Assert.That(Order(7), Is.EqualTo(seven));
        Assert.That(Order(8), Is.Not.EqualTo(seven));
        Assert.That(RandomBaseline.Shuffled(150, 7), Is.EquivalentTo(Enumerable.Range(0, 150)), "a permutation of all users");
    }

    [Test]
    public void Full_loading_charges_whole_models_and_is_checked_under_its_own_rule()
    {
        // A then B: B is loaded whole (0.4 s, not the 0.1 s of its missing block), so B ends at 0.8 s and C misses 1.2 s.
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("three-models"));

        SolveReport report = SolverRunner.Run(new FullLoadingBaseline(), instance);

        Assert.That(report.Result.LoadingRule, Is.EqualTo(LoadingRule.FullModel));
        Assert.That(report.Result.Schedule.Order.Select(k => instance.Users[k].Id), Is.EqualTo(new[] { "u3", "u2" }));
        Assert.That(report.Evaluation.Timeline.Select(e => e.LoadSeconds), Is.EqualTo(new[] { 0.3, 0.4 }).Within(1e-12));
    }

    [Test]
    public void Full_loading_loads_whole_models_on_every_switch_and_nothing_on_a_repeat([Range(1, 30)] int seed)
    {
        Instance instance = RandomInstances.Create(seed, users: 12, models: 4, bandwidth: RandomBandwidth.Ample, initialModel: seed % 2 == 0);

        SolveReport report = SolverRunner.Run(new FullLoadingBaseline(), instance);

        int? previous = instance.Server.InitialModel;
        foreach (var entry in report.Evaluation.Timeline)
        {
            double whole = entry.Model == previous ? 0.0 : ReferenceModel.Loading(instance, null, entry.Model);
            Assert.That(entry.LoadSeconds, Is.EqualTo(whole).Within(1e-12));
            previous = entry.Model;
        }

        var schedule = report.Result.Schedule;
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, schedule.Order, schedule.BandwidthsHz, sharing: false), Is.True);
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, schedule.Order, schedule.BandwidthsHz, sharing: true), Is.True, "loading less never hurts");
    }
}
