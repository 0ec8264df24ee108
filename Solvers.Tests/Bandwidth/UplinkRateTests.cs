using PartialLoading.Bandwidth;

namespace PartialLoading.Tests.Bandwidth;

public class UplinkRateTests
{
    [Test]
    public void Rate_is_bandwidth_times_log2_of_one_plus_snr()
    {
        // a = 1e7 Hz, b = 1e6 Hz: r = 1e6 · log2(11) = 3.4594316186372973e6 bit/s.
        Assert.That(UplinkRate.BitsPerSecond(1e7, 1e6), Is.EqualTo(1e6 * Math.Log2(11)).Within(1e-9));
    }

    [Test]
    public void Rate_tends_to_its_limit_a_over_ln2_and_never_reaches_it()
    {
        double a = 3e8;
        Assert.Multiple(() =>
        {
            Assert.That(UplinkRate.BitsPerSecond(a, 1e15), Is.LessThan(UplinkRate.Limit(a)));
            Assert.That(UplinkRate.BitsPerSecond(a, 1e15), Is.EqualTo(UplinkRate.Limit(a)).Within(1e-6 * UplinkRate.Limit(a)));
            Assert.That(UplinkRate.BitsPerSecond(a, double.PositiveInfinity), Is.EqualTo(UplinkRate.Limit(a)));
        });
    }

    [Test]
    public void A_bandwidth_so_small_that_a_over_b_overflows_still_gives_a_tiny_rate()
    {
        // a/b = 1e69/5e-324 overflows; r = b·(ln a − ln b)/ln 2 = 5e-324 · (158.9 + 744.4)/0.693, a denormal.
        double rate = UplinkRate.BitsPerSecond(1e69, double.Epsilon);

        Assert.That(rate, Is.GreaterThan(0.0).And.LessThan(1e-300));
    }

    [Test]
    public void Zero_bandwidth_gives_no_rate_and_an_endless_upload()
    {
        Assert.That(UplinkRate.BitsPerSecond(1e7, 0.0), Is.Zero);
        Assert.That(UplinkRate.UploadSeconds(1e7, 1e6, 0.0), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Derivative_matches_a_central_difference()
    {
        double a = 2e7;
        foreach (double b in new[] { 1e3, 1e5, 1e6, 1e8, 1e10 })
        {
            double h = 1e-6 * b;
            double numeric = (UplinkRate.BitsPerSecond(a, b + h) - UplinkRate.BitsPerSecond(a, b - h)) / (2 * h);
            Assert.That(UplinkRate.Derivative(a, b), Is.EqualTo(numeric).Within(1e-6 * numeric), $"b = {b}");
        }
    }
}
