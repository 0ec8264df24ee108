namespace PartialLoading.Core.Model;

/// <summary>The edge server: loading rate, uplink bandwidth, noise level and the model in memory at time 0.</summary>
public sealed class Server
{
    internal Server(double loadRateMbPerSecond, double bandwidthHz, double noiseDbmPerHz, int? initialModel)
    {
        LoadRateMbPerSecond = loadRateMbPerSecond;
        BandwidthHz = bandwidthHz;
        NoiseDbmPerHz = noiseDbmPerHz;
        InitialModel = initialModel;
    }

    /// <summary>Loading rate R from storage into GPU memory, MB/s.</summary>
    public double LoadRateMbPerSecond { get; }

    /// <summary>Total uplink bandwidth B, Hz.</summary>
    public double BandwidthHz { get; }

    /// <summary>Noise power spectral density in dBm/Hz, as in the files.</summary>
    public double NoiseDbmPerHz { get; }

    /// <summary>Index of the model whose blocks are in GPU memory at time 0, or null for empty memory.</summary>
    public int? InitialModel { get; }
}
