namespace PartialLoading.Bandwidth;

/// <summary>
/// The FDMA uplink rate <c>r(b) = b·log₂(1 + a/b)</c> of a user with received signal-to-noise bandwidth
/// <c>a = p·g/N₀</c> (Hz), and the upload time that follows from it (docs/model.md §2, §3).
/// </summary>
public static class UplinkRate
{
    /// <summary>ln 2.</summary>
    public const double Ln2 = 0.69314718055994530942;

    /// <summary>The rate in bit/s with bandwidth <paramref name="bandwidthHz"/>; +∞ bandwidth gives the limit a/ln 2.</summary>
    /// <param name="snrBandwidthHz">a = p·g/N₀ in Hz, positive.</param>
    /// <param name="bandwidthHz">b ≥ 0 in Hz; 0 gives rate 0.</param>
    public static double BitsPerSecond(double snrBandwidthHz, double bandwidthHz)
    {
        if (bandwidthHz <= 0.0)
        {
            return 0.0;
        }

        if (double.IsPositiveInfinity(bandwidthHz))
        {
            return snrBandwidthHz / Ln2;
        }

        double x = snrBandwidthHz / bandwidthHz;

        // A bandwidth so small that a/b overflows (b = 5e-324): ln(1 + a/b) = ln a − ln b to full precision there.
        double log = double.IsPositiveInfinity(x) ? Math.Log(snrBandwidthHz) - Math.Log(bandwidthHz) : LogarithmicExcess.Log1P(x);
        return bandwidthHz * log / Ln2;
    }

    /// <summary>The supremum of the rate over all bandwidths, a/ln 2 (approached, never reached).</summary>
    public static double Limit(double snrBandwidthHz) => snrBandwidthHz / Ln2;

    /// <summary>Time to upload <paramref name="dataBits"/> with the given bandwidth; +∞ when the bandwidth is 0.</summary>
    public static double UploadSeconds(double snrBandwidthHz, double dataBits, double bandwidthHz)
    {
        double rate = BitsPerSecond(snrBandwidthHz, bandwidthHz);
        return rate > 0.0 ? dataBits / rate : double.PositiveInfinity;
    }

    /// <summary>d r / d b in bit/s per Hz: <c>[ln(1+x) − x/(1+x)] / ln 2</c> with <c>x = a/b</c>; positive and decreasing.</summary>
    public static double Derivative(double snrBandwidthHz, double bandwidthHz)
    {
        if (double.IsPositiveInfinity(bandwidthHz))
        {
            return 0.0;
        }

        double x = snrBandwidthHz / bandwidthHz;

        // ln(1+x) − x/(1+x) = x²/(1+x) − (x − ln(1+x)); both parts are accurate near 0.
        return ((x * x / (1.0 + x)) - LogarithmicExcess.Excess(x)) / Ln2;
    }
}
