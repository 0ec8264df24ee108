using PartialLoading.Core.Csv;
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
}
