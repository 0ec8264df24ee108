namespace PartialLoading.Core.Model;

/// <summary>The unit conversions of docs/model.md §2, in one place so that every reader and generator agrees.</summary>
public static class Units
{
    /// <summary>a = p·g/N₀ in Hz from the file units (W, dB, dBm/Hz).</summary>
    /// <remarks>One power of ten of the combined exponent, so that a deep fade over a low noise floor does not
    /// underflow on the way (10^(−13) / 10^(−20.4) is fine, but separately they lose range for extreme inputs).</remarks>
    public static double SnrBandwidthHz(double powerWatts, double gainDb, double noiseDbmPerHz)
        => powerWatts * Math.Pow(10.0, (gainDb - noiseDbmPerHz + 30.0) / 10.0);
}
