using PartialLoading.Core.Planning;

namespace PartialLoading.Tests.Heuristics;

/// <summary>
/// The probes bound a decreasing function from what is known at a few points: a value at x bounds it from below
/// at and below x, and from above at and above x; they answer only for the runs they were recorded for.
/// </summary>
public class SlackProbesTests
{
    [Test]
    public void A_value_bounds_the_function_below_on_its_left_and_above_on_its_right()
    {
        var probes = new SlackProbes();
        probes.Record(first: 2, slack: 5.0, lower: 10.0, upper: 10.0);
        probes.Record(first: 2, slack: 1.0, lower: 30.0, upper: 30.0);

        Assert.That(probes.Bounds(2, 5.0), Is.EqualTo((10.0, 10.0)));
        Assert.That(probes.Bounds(2, 3.0), Is.EqualTo((10.0, 30.0)));
        Assert.That(probes.Bounds(2, 0.5), Is.EqualTo((30.0, double.PositiveInfinity)));
        Assert.That(probes.Bounds(2, 7.0), Is.EqualTo((0.0, 10.0)));
    }

    [Test]
    public void A_lower_bound_alone_carries_to_smaller_slacks_and_tightens_them()
    {
        var probes = new SlackProbes();
        probes.Record(first: 0, slack: 1.0, lower: 5.0, upper: double.PositiveInfinity);
        probes.Record(first: 0, slack: 4.0, lower: 8.0, upper: double.PositiveInfinity); // the function falls, so G(1) ≥ 8 too

        Assert.That(probes.Bounds(0, 1.0).Lower, Is.EqualTo(8.0));
        Assert.That(probes.Bounds(0, 0.5).Lower, Is.EqualTo(8.0));
        Assert.That(probes.Bounds(0, 2.0), Is.EqualTo((8.0, double.PositiveInfinity)));
    }

    [Test]
    public void Other_runs_and_a_clear_forget_what_was_recorded()
    {
        var probes = new SlackProbes();
        probes.Record(first: 1, slack: 2.0, lower: 3.0, upper: 3.0);

        Assert.That(probes.Bounds(0, 2.0), Is.EqualTo((0.0, double.PositiveInfinity)));
        probes.Clear();
        Assert.That(probes.Bounds(1, 2.0), Is.EqualTo((0.0, double.PositiveInfinity)));
        Assert.That(probes.First, Is.EqualTo(-1));
    }
}
