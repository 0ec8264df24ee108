using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Generation;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// The time-indexed relaxation that a labeling search gets once it has run a while: when it starts, what it reports,
/// and that it lowers the bound where the search's own bounds cannot see a model loaded twice.
/// </summary>
public class RootRelaxationTests
{
    [Test]
    public void Starts_only_after_its_delay_and_on_one_thread_has_its_bound_when_the_poll_returns()
    {
        Instance instance = ReloadInstance.Create();
        using var root = new RootRelaxation(instance, maxStates: 1_000_000, limit: TimeSpan.FromSeconds(10), inline: true, CancellationToken.None);
        Assert.That(root.Delay, Is.EqualTo(TimeSpan.FromSeconds(1)));

        root.Poll(TimeSpan.FromSeconds(0.9));
        Assert.That(root.Cap, Is.EqualTo(double.PositiveInfinity), "nothing runs before the delay");

        root.Poll(TimeSpan.FromSeconds(1.1));
        Assert.That(root.Cap, Is.EqualTo(2), "the optimum: a model sent back by deadlines is charged its second load");
        Assert.That(root.Finish(), Is.EqualTo(2));
    }

    [Test]
    public void Polled_past_the_limit_it_runs_nothing()
    {
        using var root = new RootRelaxation(ReloadInstance.Create(), maxStates: 1_000_000, limit: TimeSpan.FromSeconds(1), inline: true, CancellationToken.None);

        root.Poll(TimeSpan.FromSeconds(1.2));

        Assert.That(root.Finish(), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Waits_at_most_five_seconds_however_long_the_limit()
    {
        using var root = new RootRelaxation(ReloadInstance.Create(), maxStates: 1_000_000, limit: TimeSpan.FromHours(1), inline: false, CancellationToken.None);

        Assert.That(root.Delay, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_search_stopped_by_its_limit_reports_the_lower_time_indexed_bound()
    {
        // 40 users, 16 of 20 models requested: the search's own bound stays at 29 after 60 s on two threads, the best
        // schedule known serves 25, and the time-indexed relaxation proves 26 (docs/results/README.md).
        Instance instance = Plsolve.Generate("synthetic-general", new GenerationRequest { Users = 40, Models = 20, Seed = 1, Name = "sg40m20-1" });

        SolveReport report = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(20), Threads = 2 });

        Assert.That(report.Value, Is.GreaterThanOrEqualTo(23));
        Assert.That(report.Bound, Is.LessThanOrEqualTo(28), report.Note);
        Assert.That(report.Note, Does.Contain("time-indexed bound"));
    }
}
