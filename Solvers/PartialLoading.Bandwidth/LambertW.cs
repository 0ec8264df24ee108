namespace PartialLoading.Bandwidth;

/// <summary>
/// The lower real branch W₋₁ of the Lambert W function (the solution <c>w ≤ −1</c> of <c>w·e^w = x</c>
/// for <c>−1/e ≤ x &lt; 0</c>).
/// </summary>
/// <remarks>
/// <para>
/// MathNet.Numerics has no Lambert W. This implementation works in the offset form: write
/// <c>x = −e^(−1−g)</c> with <c>g ≥ 0</c> and <c>W₋₁(x) = −1 − p</c>; then <c>p ≥ 0</c> solves
/// <c>p − ln(1 + p) = g</c>. The branch point is <c>g = p = 0</c>, and in this form nothing cancels there:
/// callers that know <c>g</c> exactly (the least bandwidth does) keep full relative accuracy in <c>p</c>
/// however close they are to the branch point, which a routine taking <c>x</c> cannot.
/// </para>
/// <para>
/// The equation is solved by Halley's method on <c>f(p) = p − ln(1+p) − g</c>
/// (<c>f′ = p/(1+p)</c>, <c>f″ = 1/(1+p)²</c>), started from the branch-point series
/// <c>p ≈ s + s²/3 + s³/36 − s⁴/270 + s⁵/4320</c>, <c>s = √(2g)</c>, for small <c>g</c>, and from the
/// asymptotic fixed point <c>1 + p = 1 + g + ln(1 + p)</c> otherwise. Halley converges cubically; from these
/// starts one or two steps reach double precision.
/// </para>
/// </remarks>
internal static class LambertW
{
    /// <summary>The branch point −1/e, the smallest argument of the real Lambert W function.</summary>
    public const double BranchPoint = -0.36787944117144233;

    private const int MaxIterations = 12;

    // Below this g the branch-point series starts closer than the asymptotic guess.
    private const double SeriesStartLimit = 0.5;

    /// <summary>W₋₁(x), the solution <c>w ≤ −1</c> of <c>w·e^w = x</c>.</summary>
    /// <param name="x">An argument in [−1/e, 0); −1/e itself gives −1, and 0 gives −∞ (the limit).</param>
    /// <exception cref="ArgumentOutOfRangeException">x is below −1/e, positive, or NaN.</exception>
    public static double MinusOne(double x)
    {
        if (!(x >= BranchPoint && x <= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "W₋₁ is real only for −1/e ≤ x < 0.");
        }

        if (x == 0.0)
        {
            return double.NegativeInfinity;
        }

        // x = −e^(−1−g); rounding at the branch point may give a tiny negative g.
        double g = Math.Max(0.0, -1.0 - Math.Log(-x));
        return -1.0 - MinusOneOffset(g);
    }

    /// <summary>
    /// The offset <c>p = −1 − W₋₁(−e^(−1−g))</c>, that is the solution <c>p ≥ 0</c> of <c>p − ln(1 + p) = g</c>.
    /// </summary>
    /// <param name="g">The distance from the branch point, g ≥ 0 (+∞ gives +∞).</param>
    /// <returns>p ≥ 0, with the full relative accuracy of g even for tiny g.</returns>
    /// <exception cref="ArgumentOutOfRangeException">g is negative or NaN.</exception>
    public static double MinusOneOffset(double g)
    {
        if (!(g >= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(g), g, "The offset from the branch point must be non-negative.");
        }

        if (g == 0.0 || double.IsPositiveInfinity(g))
        {
            return g;
        }

        double p = InitialOffset(g);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double f = LogarithmicExcess.Excess(p) - g;

            // Halley: Δ = 2ff′ / (2f′² − ff″), with f′ = p/(1+p), f″ = 1/(1+p)², simplified.
            double step = 2.0 * f * p * (1.0 + p) / ((2.0 * p * p) - f);
            double next = p - step;
            if (!(next > 0.0))
            {
                // A step past the branch point cannot happen from our starts; halve towards it for safety.
                next = 0.5 * p;
            }

            p = next;

            // Halley's error shrinks cubically: once a step is this small, the next would be below an ulp.
            if (Math.Abs(step) <= 1e-6 * p)
            {
                break;
            }
        }

        return p;
    }

    private static double InitialOffset(double g)
    {
        if (g < SeriesStartLimit)
        {
            double s = Math.Sqrt(2.0 * g);
            return s * (1.0 + (s * ((1.0 / 3.0) + (s * ((1.0 / 36.0) + (s * ((-1.0 / 270.0) + (s / 4320.0))))))));
        }

        // 1 + p = 1 + g + ln(1 + p): two fixed-point steps from 1 + p ≈ 1 + g.
        double y = 1.0 + g;
        y = 1.0 + g + Math.Log(y);
        y = 1.0 + g + Math.Log(y);
        return y - 1.0;
    }
}
