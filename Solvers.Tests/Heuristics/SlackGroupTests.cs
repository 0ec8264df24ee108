using PartialLoading.Bandwidth;
using PartialLoading.Core.Planning;

namespace PartialLoading.Tests.Heuristics;

/// <summary>
/// The bounds a run of the admission schedule keeps (tangent below, chords above) must hold wherever they are
/// defined, through every way they are made: single positions, merges, exact values recorded, floors extended.
/// </summary>
public class SlackGroupTests
{
    [Test]
    public void Bounds_enclose_the_exact_sum_after_merges_records_and_floors([Range(1, 120)] int seed)
    {
        var random = new Random(seed);
        int count = 1 + random.Next(8);
        var starts = new double[count];
        var snr = new double[count];
        var bits = new double[count];
        double slack = 1 + (random.NextDouble() * 20);
        var parts = new SlackGroup[count];
        for (int p = 0; p < count; p++)
        {
            starts[p] = 0.05 + (random.NextDouble() * 5);
            snr[p] = Math.Pow(10, 7 + (3 * random.NextDouble()));
            bits[p] = 1e5 + (random.NextDouble() * 3e6);
            double own = slack + (random.NextDouble() * 10); // each position's own slack, at least the merged one
            double floor = Math.Max(0.0, slack * random.NextDouble()) - (0.5 * starts[p] * random.NextDouble());
            parts[p] = SlackGroup.Single(p, own, Beta(p, own), Slope(p, own), floor, Beta(p, floor), double.NegativeInfinity);
        }

        double G(double m) => Enumerable.Range(0, count).Sum(p => Beta(p, m));
        double GSlope(double m) => Enumerable.Range(0, count).Sum(p => Slope(p, m));

        SlackGroup group = SlackGroup.Merge(parts, slack);
        AssertEncloses(group, G);

        double at = group.FloorAt + ((slack - group.FloorAt) * random.NextDouble());
        group.Record(at, G(at), GSlope(at));
        AssertEncloses(group, G);

        double deeper = at - (random.NextDouble() * at * 0.5);
        if (double.IsFinite(G(deeper)))
        {
            group.RecordFloor(deeper, G(deeper));
            AssertEncloses(group, G);
        }

        group.Record(slack, G(slack), GSlope(slack));
        Assert.That(group.IsExact, Is.True);
        Assert.That(group.UpperAt(slack), Is.EqualTo(G(slack)));
        AssertEncloses(group, G);

        double Beta(int p, double m) => LeastBandwidth.Hz(snr[p], bits[p], starts[p] + m);
        double Slope(int p, double m) => -LeastBandwidth.Derivative(snr[p], bits[p], starts[p] + m);
    }

    private static void AssertEncloses(SlackGroup group, Func<double, double> exact)
    {
        for (int i = 0; i <= 40; i++)
        {
            double m = group.FloorAt + ((group.Slack - group.FloorAt) * i / 40.0);
            double g = exact(m);
            Assert.That(group.LowerAt(m), Is.LessThanOrEqualTo(g * (1 + 1e-12)), $"lower bound at m = {m}");
            Assert.That(group.UpperAt(m), Is.GreaterThanOrEqualTo(g * (1 - 1e-12)), $"upper bound at m = {m}");
        }

        Assert.That(group.UpperAt(group.FloorAt - 1e-6), Is.EqualTo(double.PositiveInfinity), "nothing is known below the floor");
    }
}
