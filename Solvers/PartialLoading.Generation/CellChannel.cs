using MathNet.Numerics.Distributions;

namespace PartialLoading.Generation;

/// <summary>
/// The uplink channel of a user dropped uniformly at random in a circular cell around the edge server: distance-
/// dependent path loss <c>128.1 + 37.6·log10(d / km)</c> dB (the macro-cell model of 3GPP TR 36.814, Table A.2.1.1.2-3,
/// also used by the PartialLoading paper, Qu et al., arXiv:2503.22982) with log-normal shadowing of 8 dB standard
/// deviation (same table), transmit power 0.2 W (23 dBm, a UE power class 3 maximum) and noise −174 dBm/Hz
/// (thermal noise at 290 K).
/// </summary>
internal sealed class CellChannel
{
    /// <summary>Users are dropped at least this far from the server, m (the path-loss model is not meant for the near field).</summary>
    public const double MinimumDistanceMeters = 10.0;

    /// <summary>Standard deviation of the log-normal shadowing, dB.</summary>
    public const double ShadowingDb = 8.0;

    /// <summary>Transmit power of every user, W.</summary>
    public const double PowerWatts = 0.2;

    /// <summary>Noise power spectral density, dBm/Hz.</summary>
    public const double NoiseDbmPerHz = -174.0;

    private readonly ContinuousUniform _squaredDistance;
    private readonly Normal _shadowing;

    /// <summary>A cell of the given radius whose draws come from <paramref name="random"/>.</summary>
    public CellChannel(double radiusMeters, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(radiusMeters, 2 * MinimumDistanceMeters);
        ArgumentNullException.ThrowIfNull(random);
        // Uniform over the annulus: the squared distance is uniform.
        _squaredDistance = new ContinuousUniform(MinimumDistanceMeters * MinimumDistanceMeters, radiusMeters * radiusMeters, random);
        _shadowing = new Normal(0.0, ShadowingDb, random);
    }

    /// <summary>Path loss at <paramref name="distanceMeters"/>, dB.</summary>
    public static double PathLossDb(double distanceMeters) => 128.1 + (37.6 * Math.Log10(distanceMeters / 1000.0));

    /// <summary>Draws a position and a shadowing value and returns the channel gain, dB (negative).</summary>
    public double DrawGainDb()
    {
        double distance = Math.Sqrt(_squaredDistance.Sample());
        return -(PathLossDb(distance) + _shadowing.Sample());
    }
}
