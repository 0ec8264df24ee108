namespace PartialLoading.Generation;

/// <summary>
/// A <see cref="GenerationRequest"/> with every open value filled from the scenario's defaults and checked: what a
/// scenario actually builds from.
/// </summary>
internal sealed record GenerationSettings
{
    /// <summary>The smallest cell radius accepted (users are dropped at least <see cref="CellChannel.MinimumDistanceMeters"/> from the server).</summary>
    public const double MinimumCellRadiusMeters = 2 * CellChannel.MinimumDistanceMeters;

    private GenerationSettings()
    {
    }

    /// <summary>Number of users.</summary>
    public int Users { get; private init; }

    /// <summary>Seed.</summary>
    public int Seed { get; private init; }

    /// <summary>Instance name.</summary>
    public string Name { get; private init; } = string.Empty;

    /// <summary>Number of models.</summary>
    public int Models { get; private init; }

    /// <summary>Number of clusters.</summary>
    public int Clusters { get; private init; }

    /// <summary>Sharing ratio.</summary>
    public double SharingRatio { get; private init; }

    /// <summary>Bandwidth B, Hz.</summary>
    public double BandwidthHz { get; private init; }

    /// <summary>Loading rate R, MB/s.</summary>
    public double LoadRateMbPerSecond { get; private init; }

    /// <summary>Deadline mode.</summary>
    public DeadlineMode Deadlines { get; private init; }

    /// <summary>The common deadline given explicitly, or null to derive it from the load factor.</summary>
    public double? CommonDeadlineSeconds { get; private init; }

    /// <summary>Load factor.</summary>
    public double LoadFactor { get; private init; }

    /// <summary>Zipf exponent.</summary>
    public double ZipfExponent { get; private init; }

    /// <summary>Cell radius, m.</summary>
    public double CellRadiusMeters { get; private init; }

    /// <summary>Fills <paramref name="request"/> from <paramref name="scenario"/>'s defaults and checks every value.</summary>
    /// <exception cref="GenerationRequestException">A value is out of range, or a knob the scenario does not take is set.</exception>
    public static GenerationSettings Resolve(IScenario scenario, GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(request);
        RefuseKnob(scenario, ScenarioKnobs.Models, request.Models is not null, "number of models");
        RefuseKnob(scenario, ScenarioKnobs.Clusters, request.Clusters is not null, "number of clusters");
        RefuseKnob(scenario, ScenarioKnobs.SharingRatio, request.SharingRatio is not null, "sharing ratio");
        if (request.CommonDeadlineSeconds is not null && request.Deadlines == DeadlineMode.PerUser)
        {
            throw new GenerationRequestException("a common deadline was given together with per-user deadlines; choose one");
        }

        ScenarioDefaults d = scenario.Defaults;
        var settings = new GenerationSettings
        {
            Users = request.Users,
            Seed = request.Seed,
            Name = request.Name,
            Models = request.Models ?? d.Models,

            // The default is for the default number of models: fewer models asked for get at most one cluster each.
            Clusters = request.Clusters ?? Math.Min(d.Clusters, Math.Max(1, request.Models ?? d.Models)),
            SharingRatio = request.SharingRatio ?? d.SharingRatio,
            BandwidthHz = request.BandwidthHz ?? d.BandwidthHz,
            LoadRateMbPerSecond = request.LoadRateMbPerSecond ?? d.LoadRateMbPerSecond,
            Deadlines = request.CommonDeadlineSeconds is not null ? DeadlineMode.Common : request.Deadlines ?? d.Deadlines,
            CommonDeadlineSeconds = request.CommonDeadlineSeconds,
            LoadFactor = request.LoadFactor ?? d.LoadFactor,
            ZipfExponent = request.ZipfExponent ?? d.ZipfExponent,
            CellRadiusMeters = request.CellRadiusMeters ?? d.CellRadiusMeters,
        };
        settings.Check(scenario);
        return settings;
    }

    private static void RefuseKnob(IScenario scenario, ScenarioKnobs knob, bool given, string what)
    {
        if (given && !scenario.Knobs.HasFlag(knob))
        {
            throw new GenerationRequestException($"scenario '{scenario.Name}' does not take a {what}");
        }
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new GenerationRequestException(message);
        }
    }

    private static bool PositiveFinite(double value) => value > 0.0 && double.IsFinite(value);

    private void Check(IScenario scenario)
    {
        Require(!string.IsNullOrWhiteSpace(Name), "the instance name is empty");
        Require(Users >= 0, $"the number of users must be at least 0, got {Users}");
        Require(Models >= 1, $"the number of models must be at least 1, got {Models}");
        if (scenario.Knobs.HasFlag(ScenarioKnobs.Clusters))
        {
            Require(Clusters >= 1 && Clusters <= Models, $"the number of clusters must be between 1 and the number of models ({Models}), got {Clusters}");
        }

        Require(SharingRatio is >= 0.0 and < 1.0, $"the sharing ratio must be in [0, 1), got {SharingRatio}");
        Require(PositiveFinite(BandwidthHz), $"the bandwidth must be a positive number, got {BandwidthHz} Hz");
        Require(PositiveFinite(LoadRateMbPerSecond), $"the loading rate must be a positive number, got {LoadRateMbPerSecond} MB/s");
        Require(CommonDeadlineSeconds is null || PositiveFinite(CommonDeadlineSeconds.Value), $"the common deadline must be a positive number, got {CommonDeadlineSeconds} s");
        Require(PositiveFinite(LoadFactor), $"the load factor must be a positive number, got {LoadFactor}");
        Require(ZipfExponent >= 0.0 && double.IsFinite(ZipfExponent), $"the Zipf exponent must be at least 0, got {ZipfExponent}");
        Require(CellRadiusMeters >= MinimumCellRadiusMeters && double.IsFinite(CellRadiusMeters), $"the cell radius must be at least {MinimumCellRadiusMeters} m, got {CellRadiusMeters} m");
    }
}
