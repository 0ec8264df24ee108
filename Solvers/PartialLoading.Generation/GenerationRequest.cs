namespace PartialLoading.Generation;

/// <summary>
/// What to generate: the number of users and the seed, and overrides of a scenario's defaults (null: the scenario's
/// own value, see <see cref="ScenarioDefaults"/>). The same request and seed always give the same instance.
/// </summary>
public sealed record GenerationRequest
{
    /// <summary>Number of users (requests), ≥ 0.</summary>
    public required int Users { get; init; }

    /// <summary>Seed of every random draw.</summary>
    public int Seed { get; init; }

    /// <summary>Name of the instance (used in reports).</summary>
    public string Name { get; init; } = "generated";

    /// <summary>Number of models (tasks, adapters); only for scenarios with <see cref="ScenarioKnobs.Models"/>.</summary>
    public int? Models { get; init; }

    /// <summary>Number of clusters (pre-trained backbones); only for scenarios with <see cref="ScenarioKnobs.Clusters"/>.</summary>
    public int? Clusters { get; init; }

    /// <summary>How much of a model is shared, in [0, 1); only for scenarios with <see cref="ScenarioKnobs.SharingRatio"/>.</summary>
    public double? SharingRatio { get; init; }

    /// <summary>Total uplink bandwidth B in Hz.</summary>
    public double? BandwidthHz { get; init; }

    /// <summary>Loading rate R in MB/s.</summary>
    public double? LoadRateMbPerSecond { get; init; }

    /// <summary>A common deadline T in seconds for every user (implies <see cref="DeadlineMode.Common"/>).</summary>
    public double? CommonDeadlineSeconds { get; init; }

    /// <summary>Common or per-user deadlines.</summary>
    public DeadlineMode? Deadlines { get; init; }

    /// <summary>
    /// Offered work over available time, &gt; 0: the deadlines are drawn so that serving everybody would take about
    /// this many times the time frame (<c>plsolve generate --help</c> gives the formulas); above 1 not everybody can be served.
    /// </summary>
    public double? LoadFactor { get; init; }

    /// <summary>Exponent s of the Zipf popularity of models (rank r drawn with weight r^−s), ≥ 0; 0 is uniform.</summary>
    public double? ZipfExponent { get; init; }

    /// <summary>Radius of the cell the users are dropped in, m.</summary>
    public double? CellRadiusMeters { get; init; }
}
