namespace PartialLoading.Bandwidth;

/// <summary>
/// β(t), the least bandwidth with which a user uploads <c>D</c> bits within <c>t</c> seconds (docs/model.md §4).
/// </summary>
/// <remarks>
/// <para>
/// With the saturation <c>c = D·ln2 / (a·t)</c> (the needed rate over the rate limit a/ln 2) the closed form is
/// <c>β = a·c / (−W₋₁(−c·e^(−c)) − c)</c>, infinite for <c>c ≥ 1</c>. As <c>c → 1</c> both W₋₁ and c tend to
/// −1 and 1 and the denominator cancels. Writing <c>q = 1 − c</c> (exact for c ≥ 1/2) and
/// <c>g = c − 1 − ln c = q − ln(1 + q)</c> evaluated as the excess <c>(−q) − ln(1 − q)</c>, the argument
/// <c>−c·e^(−c)</c> equals <c>−e^(−1−g)</c>, so <c>−W₋₁ = 1 + p(g)</c> (see <see cref="LambertW.MinusOneOffset"/>)
/// and the denominator is <c>p + q</c>, a sum of two positive numbers: nothing cancels at any c &lt; 1.
/// </para>
/// <para>β is positive, decreasing and convex in t; it is what the lemma of docs/model.md §4 charges each served user.</para>
/// </remarks>
public static class LeastBandwidth
{
    /// <summary>The saturation <c>c = D·ln2 / (a·t)</c>: the rate the upload needs as a share of the rate limit.</summary>
    public static double Saturation(double snrBandwidthHz, double dataBits, double seconds)
        => dataBits * UplinkRate.Ln2 / (snrBandwidthHz * seconds);

    /// <summary>β(t) in Hz: +∞ when t ≤ 0 or when even unlimited bandwidth is too slow (c ≥ 1).</summary>
    /// <param name="snrBandwidthHz">a = p·g/N₀ in Hz, positive.</param>
    /// <param name="dataBits">D, positive.</param>
    /// <param name="seconds">t, the time by which the upload must end.</param>
    public static double Hz(double snrBandwidthHz, double dataBits, double seconds)
    {
        if (!(seconds > 0.0))
        {
            return double.PositiveInfinity;
        }

        return FromSaturation(snrBandwidthHz, Saturation(snrBandwidthHz, dataBits, seconds));
    }

    /// <summary>β in Hz as a function of the saturation c (see <see cref="Saturation"/>).</summary>
    public static double FromSaturation(double snrBandwidthHz, double saturation)
    {
        double c = saturation;
        if (!(c < 1.0))
        {
            return double.PositiveInfinity;
        }

        if (c <= 0.0)
        {
            // Unlimited time (c underflowed to 0) needs no bandwidth at all.
            return 0.0;
        }

        double q = 1.0 - c;
        double g = c >= 0.5
            ? LogarithmicExcess.Excess(-q) // q is exact here (Sterbenz); the excess keeps its digits
            : -Math.Log(c) - q;             // ln c is well away from 0: no cancellation
        double p = LambertW.MinusOneOffset(g);
        return snrBandwidthHz * c / (p + q);
    }

    /// <summary>dβ/dt in Hz per second (negative), for tangent cuts; −∞ where β is infinite.</summary>
    public static double Derivative(double snrBandwidthHz, double dataBits, double seconds)
    {
        double beta = Hz(snrBandwidthHz, dataBits, seconds);
        if (double.IsPositiveInfinity(beta))
        {
            return double.NegativeInfinity;
        }

        // r(β(t)) = D/t  ⇒  r′(β)·β′ = −D/t².
        return -dataBits / (seconds * seconds * UplinkRate.Derivative(snrBandwidthHz, beta));
    }
}
