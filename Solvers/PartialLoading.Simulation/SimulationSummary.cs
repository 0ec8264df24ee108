namespace PartialLoading.Simulation;

/// <summary>A policy's totals over a simulation (docs/model.md §11); an entry of <c>summary.json</c>.</summary>
public sealed record SimulationSummary
{
    /// <summary>The policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>Requests that arrived (= <see cref="Served"/> + <see cref="Missed"/> + <see cref="Pending"/>).</summary>
    public required int Arrivals { get; init; }

    /// <summary>Requests served by their deadlines.</summary>
    public required int Served { get; init; }

    /// <summary>Requests missed.</summary>
    public required int Missed { get; init; }

    /// <summary>Requests still pending at the end.</summary>
    public required int Pending { get; init; }

    /// <summary>Decision epochs run.</summary>
    public required int Epochs { get; init; }

    /// <summary>Simulated time: the horizon, or the end when interrupted, s.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Served / arrivals (0 without arrivals).</summary>
    public double Throughput => Arrivals == 0 ? 0.0 : (double)Served / Arrivals;

    /// <summary>Missed / arrivals (0 without arrivals).</summary>
    public double MissRate => Arrivals == 0 ? 0.0 : (double)Missed / Arrivals;

    /// <summary>Served per second of <see cref="DurationSeconds"/>.</summary>
    public double ServedPerSecond => Served / DurationSeconds;

    /// <summary>Mean response time (completion − arrival) of the served requests, s; null when none was served.</summary>
    public required double? ResponseMeanSeconds { get; init; }

    /// <summary>Median response time, s (nearest rank); null when none was served.</summary>
    public required double? ResponseP50Seconds { get; init; }

    /// <summary>95th percentile of the response times, s (nearest rank); null when none was served.</summary>
    public required double? ResponseP95Seconds { get; init; }

    /// <summary>99th percentile of the response times, s (nearest rank); null when none was served.</summary>
    public required double? ResponseP99Seconds { get; init; }

    /// <summary>Model loading over all plans, s.</summary>
    public required double LoadingSeconds { get; init; }

    /// <summary>What the same plans would load on a server that loads whole models at every switch, s.</summary>
    public required double FullLoadingSeconds { get; init; }

    /// <summary>Loading saved by sharing blocks: <see cref="FullLoadingSeconds"/> − <see cref="LoadingSeconds"/>, s.</summary>
    public double LoadingSavedSeconds => FullLoadingSeconds - LoadingSeconds;

    /// <summary>The policy's solve time over all frames, s.</summary>
    public required double SolverSeconds { get; init; }

    /// <summary>True when the run was interrupted.</summary>
    public required bool Interrupted { get; init; }

    /// <summary>The summary of <paramref name="result"/>.</summary>
    public static SimulationSummary Of(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var responses = new List<double>();
        int missed = 0;
        int pending = 0;
        foreach (RequestOutcome outcome in result.Outcomes)
        {
            switch (outcome.Fate)
            {
                case RequestFate.Served:
                    responses.Add(result.ResponseSeconds(outcome)!.Value);
                    break;
                case RequestFate.Missed:
                    missed++;
                    break;
                default:
                    pending++;
                    break;
            }
        }

        responses.Sort();
        return new SimulationSummary
        {
            Policy = result.Policy,
            Arrivals = result.Arrivals,
            Served = responses.Count,
            Missed = missed,
            Pending = pending,
            Epochs = result.Epochs.Length,
            DurationSeconds = result.Interrupted ? Math.Max(result.EndSeconds, result.Settings.FrameSeconds) : result.Trace.HorizonSeconds,
            ResponseMeanSeconds = responses.Count == 0 ? null : responses.Average(),
            ResponseP50Seconds = NearestRank(responses, 0.50),
            ResponseP95Seconds = NearestRank(responses, 0.95),
            ResponseP99Seconds = NearestRank(responses, 0.99),
            LoadingSeconds = result.Epochs.Sum(e => e.LoadingSeconds),
            FullLoadingSeconds = result.Epochs.Sum(e => e.FullLoadingSeconds),
            SolverSeconds = result.Epochs.Sum(e => e.SolverSeconds),
            Interrupted = result.Interrupted,
        };
    }

    /// <summary>The nearest-rank p-quantile of sorted values: the ⌈p·n⌉-th smallest; null when empty.</summary>
    internal static double? NearestRank(List<double> sorted, double p)
        => sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
