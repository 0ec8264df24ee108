using MathNet.Numerics.RootFinding;
using PartialLoading.Bandwidth;

namespace PartialLoading.Tests.Bandwidth;

public class LambertWTests
{
    private static IEnumerable<double> Arguments()
    {
        // From next to the branch point down to tiny magnitudes.
        foreach (double offset in new[] { 1e-6, 1e-4, 1e-2, 0.05, 0.1, 0.2, 0.3 })
        {
            yield return LambertW.BranchPoint + offset;
        }

        foreach (int exponent in new[] { -2, -3, -5, -10, -20, -50, -100, -300 })
        {
            yield return -Math.Pow(10, exponent);
        }
    }

    [TestCaseSource(nameof(Arguments))]
    public void MinusOne_agrees_with_bracketed_root_of_w_exp_w(double x)
    {
        // w·e^w = x on w ≤ −1, written as ln(−w) + w = ln(−x) so the bracket [−800, −1] is well scaled.
        double expected = Brent.FindRoot(w => Math.Log(-w) + w - Math.Log(-x), -800, -1, 1e-15, 1000);

        double actual = LambertW.MinusOne(x);

        // Next to the branch point the bracketed root itself is only good to about √ε (the function is flat there);
        // accuracy there is pinned down by the offset tests below.
        double relative = x - LambertW.BranchPoint >= 0.01 ? 1e-12 : 1e-7;
        Assert.That(actual, Is.EqualTo(expected).Within(relative * Math.Abs(expected)));
    }

    [Test]
    public void MinusOne_satisfies_its_defining_equation()
    {
        foreach (double x in Arguments())
        {
            double w = LambertW.MinusOne(x);
            Assert.That(w, Is.LessThanOrEqualTo(-1.0));
            Assert.That(w * Math.Exp(w), Is.EqualTo(x).Within(1e-12 * Math.Abs(x) * Math.Abs(w)), $"x = {x}");
        }
    }

    [Test]
    public void MinusOne_is_minus_one_at_the_branch_point_and_minus_infinity_at_zero()
    {
        Assert.That(LambertW.MinusOne(LambertW.BranchPoint), Is.EqualTo(-1.0).Within(1e-7));
        Assert.That(LambertW.MinusOne(0.0), Is.EqualTo(double.NegativeInfinity));
    }

    [TestCase(-0.4)]
    [TestCase(0.1)]
    [TestCase(double.NaN)]
    public void MinusOne_rejects_arguments_outside_its_real_domain(double x)
    {
        Assert.That(() => LambertW.MinusOne(x), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(1e-30)]
    [TestCase(1e-18)]
    [TestCase(1e-9)]
    [TestCase(1e-3)]
    [TestCase(0.4999)]
    [TestCase(0.5)]
    [TestCase(3.0)]
    [TestCase(700.0)]
    public void MinusOneOffset_solves_p_minus_log1p_p_equals_g_to_full_relative_accuracy(double g)
    {
        double p = LambertW.MinusOneOffset(g);

        // p − ln(1+p) by MathNet's own log1p, away from cancellation by the series for small p.
        double residual = p < 1e-3 ? SeriesExcess(p) : p - MathNet.Numerics.SpecialFunctions.Log1p(p);
        Assert.That(residual, Is.EqualTo(g).Within(1e-14 * g));
    }

    private static double SeriesExcess(double p)
    {
        double sum = 0;
        for (int n = 30; n >= 2; n--)
        {
            sum += Math.Pow(-p, n) / n;
        }

        return sum;
    }
}
