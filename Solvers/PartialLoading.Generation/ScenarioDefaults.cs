namespace PartialLoading.Generation;

/// <summary>A scenario's values for everything a <see cref="GenerationRequest"/> may leave open.</summary>
public sealed record ScenarioDefaults
{
    /// <summary>Number of models.</summary>
    public required int Models { get; init; }

    /// <summary>Number of clusters (0 where the scenario has none to choose).</summary>
    public int Clusters { get; init; }

    /// <summary>Sharing ratio (0 where the scenario has none to choose).</summary>
    public double SharingRatio { get; init; }

    /// <summary>Loading rate R, MB/s.</summary>
    public required double LoadRateMbPerSecond { get; init; }

    /// <summary>Uplink bandwidth B, Hz (20 MHz, an LTE/NR carrier).</summary>
    public double BandwidthHz { get; init; } = 20e6;

    /// <summary>Common or per-user deadlines.</summary>
    public DeadlineMode Deadlines { get; init; } = DeadlineMode.PerUser;

    /// <summary>Offered work over available time.</summary>
    public double LoadFactor { get; init; } = 1.5;

    /// <summary>Zipf exponent of model popularity (0.8: the web-request popularity measured by Breslau et al., INFOCOM 1999, lies in 0.64–0.83).</summary>
    public double ZipfExponent { get; init; } = 0.8;

    /// <summary>
    /// Cell radius, m: 1 km, the hexagonal cell of 3GPP's macro-cell "case 3" (inter-site distance 1,732 m,
    /// TR 36.814), where cell-edge users are weak enough that the uplink band can decide who is served.
    /// </summary>
    public double CellRadiusMeters { get; init; } = 1000.0;
}
