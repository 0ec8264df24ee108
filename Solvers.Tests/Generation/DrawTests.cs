using PartialLoading.Generation;

namespace PartialLoading.Tests.Generation;

public class DrawTests
{
    [Test]
    public void Path_loss_follows_the_3gpp_macro_cell_formula()
    {
        Assert.That(CellChannel.PathLossDb(1000), Is.EqualTo(128.1).Within(1e-12));
        Assert.That(CellChannel.PathLossDb(100), Is.EqualTo(128.1 - 37.6).Within(1e-12));
    }

    [Test]
    public void Gains_stay_within_the_cell_path_loss_plus_shadowing()
    {
        var channel = new CellChannel(500, new Random(3));
        double[] gains = [.. Enumerable.Range(0, 20000).Select(_ => channel.DrawGainDb())];
        double nearest = -CellChannel.PathLossDb(CellChannel.MinimumDistanceMeters);
        double farthest = -CellChannel.PathLossDb(500);

        // Shadowing N(0, 8 dB): beyond 5 standard deviations is practically never drawn.
        Assert.That(gains.Max(), Is.LessThan(nearest + (5 * CellChannel.ShadowingDb)));
        Assert.That(gains.Min(), Is.GreaterThan(farthest - (5 * CellChannel.ShadowingDb)));
        // Uniform in the annulus, d² ~ U(a, b): E[ln d²] = (b ln b − a ln a)/(b − a) − 1; shadowing has mean 0.
        double a = CellChannel.MinimumDistanceMeters * CellChannel.MinimumDistanceMeters;
        double b = 500.0 * 500.0;
        double meanLnSquared = (((b * Math.Log(b)) - (a * Math.Log(a))) / (b - a)) - 1;
        double expected = -(128.1 + (37.6 * ((0.5 * meanLnSquared / Math.Log(10)) - 3)));
        Assert.That(gains.Average(), Is.EqualTo(expected).Within(0.3));
    }

    [Test]
    public void Zipf_popularity_favours_the_top_rank_by_r_to_the_minus_s()
    {
        double TopShare(double exponent)
        {
            var popularity = new ModelPopularity(10, exponent, new Random(1), new Random(2));
            int[] draws = [.. Enumerable.Range(0, 20000).Select(_ => popularity.Draw())];
            return draws.Count(m => m == popularity.ModelOfRank[0]) / (double)draws.Length;
        }

        double harmonic = Enumerable.Range(1, 10).Sum(r => 1.0 / (r * r));
        Assert.That(TopShare(2.0), Is.EqualTo(1 / harmonic).Within(0.02));
        Assert.That(TopShare(0.0), Is.EqualTo(0.1).Within(0.02));
    }

    [Test]
    public void Random_streams_are_reproducible_and_independent_of_each_other()
    {
        var streams = new RandomStreams(42);

        int[] first = [.. Enumerable.Range(0, 5).Select(_ => streams.Create(DrawPurpose.Users).Next())];
        Assert.That(first.Distinct().Count(), Is.EqualTo(1), "a fresh generator repeats its sequence");
        Assert.That(streams.Create(DrawPurpose.Models).Next(), Is.Not.EqualTo(streams.Create(DrawPurpose.Users).Next()));
        Assert.That(new RandomStreams(43).Create(DrawPurpose.Users).Next(), Is.Not.EqualTo(first[0]));
    }

    [Test]
    public void Sequential_ids_are_padded_to_the_largest_number()
    {
        Assert.That(SequentialId.Of("u", 7, 250), Is.EqualTo("u007"));
        Assert.That(SequentialId.Of("m", 3, 5), Is.EqualTo("m03"));
        Assert.That(SequentialId.Of("u", 10000, 10000), Is.EqualTo("u10000"));
    }
}
