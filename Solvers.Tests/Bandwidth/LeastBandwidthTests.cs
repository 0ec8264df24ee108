using CsCheck;
using MathNet.Numerics;
using MathNet.Numerics.RootFinding;
using PartialLoading.Bandwidth;

namespace PartialLoading.Tests.Bandwidth;

public class LeastBandwidthTests
{
    private const double A = 5e9; // a = p·g/N0 of a 0.2 W user at −100 dB over −174 dBm/Hz, Hz

    /// <summary>x = a/β solves ln(1+x)/x = c; found by MathNet's Brent on a bracket, MathNet's log1p inside.</summary>
    private static double ReferenceBeta(double c)
    {
        double x = Brent.FindRoot(x => (SpecialFunctions.Log1p(x) / x) - c, 1e-300, 1e300, 1e-300, 100_000);
        return A / x;
    }

    private static IEnumerable<double> ModerateSaturations()
    {
        for (int e = -12; e <= -1; e++)
        {
            yield return Math.Pow(10, e);
            yield return 3 * Math.Pow(10, e);
        }

        foreach (double c in new[] { 0.45, 0.5, 0.55, 0.7, 0.9, 0.95, 0.99 })
        {
            yield return c;
        }
    }

    private static IEnumerable<double> NearPoleSaturations()
    {
        foreach (double q in new[] { 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9 })
        {
            yield return 1 - q;
        }
    }

    [TestCaseSource(nameof(ModerateSaturations))]
    public void Beta_agrees_with_bracketed_root_finding_to_1e12_for_c_up_to_0_99(double c)
    {
        double expected = ReferenceBeta(c);

        double actual = LeastBandwidth.FromSaturation(A, c);

        Assert.That(actual, Is.EqualTo(expected).Within(1e-12 * expected));
    }

    [TestCaseSource(nameof(NearPoleSaturations))]
    public void Beta_agrees_with_bracketed_root_finding_to_1e6_up_to_c_one_minus_1e9(double c)
    {
        // Here the root finder is the weak side: ln(1+x)/x − c cancels to about 1e-16/(1 − c) relative.
        double expected = ReferenceBeta(c);

        double actual = LeastBandwidth.FromSaturation(A, c);

        Assert.That(actual, Is.EqualTo(expected).Within(1e-6 * expected));
    }

    [TestCase(10)]
    [TestCase(16)]
    [TestCase(20)]
    [TestCase(26)]
    [TestCase(30)]
    [TestCase(40)]
    public void Beta_keeps_full_accuracy_next_to_the_pole_against_a_28_digit_reference(int k)
    {
        // c = 1 − 2^−k is exact in binary and q = 2^−k exact in decimal, so the reference sees the same c.
        decimal q = 1m;
        for (int i = 0; i < k; i++)
        {
            q /= 2m;
        }

        double c = 1 - Math.Pow(2, -k);
        decimal x = DecimalRootOfExcessRatio(q);

        double actual = LeastBandwidth.FromSaturation(A, c);

        double expected = A / (double)x;
        Assert.That(actual, Is.EqualTo(expected).Within(1e-13 * expected));
    }

    [Test]
    public void Beta_is_infinite_without_time_or_beyond_the_rate_limit()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LeastBandwidth.Hz(A, 1e6, 0.0), Is.EqualTo(double.PositiveInfinity));
            Assert.That(LeastBandwidth.Hz(A, 1e6, -1.0), Is.EqualTo(double.PositiveInfinity));
            Assert.That(LeastBandwidth.FromSaturation(A, 1.0), Is.EqualTo(double.PositiveInfinity));
            Assert.That(LeastBandwidth.FromSaturation(A, 1.5), Is.EqualTo(double.PositiveInfinity));
        });
    }

    [Test]
    public void Beta_gives_exactly_the_rate_that_uploads_in_time()
    {
        Gen.Select(Gen.Double[1e5, 1e11], Gen.Double[1e3, 1e8], Gen.Double[1e-3, 10.0])
            .Where((a, d, t) => LeastBandwidth.Saturation(a, d, t) < 0.999)
            .Sample((a, d, t) =>
            {
                double beta = LeastBandwidth.Hz(a, d, t);
                double upload = UplinkRate.UploadSeconds(a, d, beta);
                return Math.Abs(upload - t) <= 1e-11 * t;
            });
    }

    [Test]
    public void Beta_is_decreasing_and_convex_in_time()
    {
        Gen.Select(Gen.Double[1e6, 1e10], Gen.Double[1e4, 1e7], Gen.Double[0.01, 5.0], Gen.Double[1.01, 3.0])
            .Where((a, d, t, f) => LeastBandwidth.Saturation(a, d, t) < 0.99)
            .Sample((a, d, t, f) =>
            {
                double t2 = t * f;
                double t3 = t * f * f;
                double b1 = LeastBandwidth.Hz(a, d, t);
                double b2 = LeastBandwidth.Hz(a, d, t2);
                double b3 = LeastBandwidth.Hz(a, d, t3);
                double chord = b1 + ((b3 - b1) * (t2 - t) / (t3 - t));
                return b1 > b2 && b2 > b3 && b2 <= chord * (1 + 1e-12);
            });
    }

    [Test]
    public void Derivative_matches_a_central_difference()
    {
        Gen.Select(Gen.Double[1e6, 1e10], Gen.Double[1e4, 1e7], Gen.Double[0.01, 5.0])
            .Where((a, d, t) => LeastBandwidth.Saturation(a, d, t) < 0.9)
            .Sample((a, d, t) =>
            {
                double h = 1e-5 * t;
                double numeric = (LeastBandwidth.Hz(a, d, t + h) - LeastBandwidth.Hz(a, d, t - h)) / (2 * h);
                double exact = LeastBandwidth.Derivative(a, d, t);
                return exact < 0 && Math.Abs(exact - numeric) <= 1e-5 * Math.Abs(exact);
            });
    }

    /// <summary>The x &gt; 0 with (x − ln(1+x))/x = q, by Newton in decimal with the Taylor series (x &lt; 0.5).</summary>
    private static decimal DecimalRootOfExcessRatio(decimal q)
    {
        decimal x = 2m * q;
        for (int iteration = 0; iteration < 60; iteration++)
        {
            // g(x) = (x − ln(1+x))/x = x/2 − x²/3 + x³/4 − …,  g'(x) = 1/2 − 2x/3 + 3x²/4 − …
            decimal g = 0m;
            decimal slope = 0m;
            decimal power = 1m;
            for (int n = 2; n < 80; n++)
            {
                decimal sign = n % 2 == 0 ? 1m : -1m;
                slope += sign * (n - 1) * power / n;
                power *= x;
                g += sign * power / n;
                if (power < 1e-40m)
                {
                    break;
                }
            }

            decimal step = (g - q) / slope;
            x -= step;
            if (Math.Abs(step) < x * 1e-26m)
            {
                break;
            }
        }

        return x;
    }
}
