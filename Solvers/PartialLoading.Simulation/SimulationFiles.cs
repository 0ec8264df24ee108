using System.Globalization;
using System.Text.Json;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;

namespace PartialLoading.Simulation;

/// <summary>
/// Writes the results of one or more policies on the same trace (docs/model.md §11) as <c>frames.csv</c> (one row per
/// policy × epoch), <c>requests.csv</c> (one row per policy × request: its fate) and <c>summary.json</c> (per policy:
/// the <see cref="SimulationSummary"/>), each whole or not at all.
/// </summary>
/// <remarks>
/// <c>requests.csv</c> holds nothing that depends on the machine's speed, so with deterministic policies and uncharged
/// solve time it is byte-identical across reruns; <c>frames.csv</c> and <c>summary.json</c> also report solve times.
/// </remarks>
public static class SimulationFiles
{
    /// <summary>The per-epoch file.</summary>
    public const string Frames = "frames.csv";

    /// <summary>The per-request file.</summary>
    public const string Requests = "requests.csv";

    /// <summary>The summary file.</summary>
    public const string Summary = "summary.json";

    /// <summary>The columns of <c>frames.csv</c>.</summary>
    public static IReadOnlyList<string> FrameColumns { get; } =
        ["policy", "epoch", "time_s", "pending", "served", "missed", "carried", "loading_s", "full_loading_s", "busy_s", "bandwidth_used_hz", "solver_s"];

    /// <summary>The columns of <c>requests.csv</c>.</summary>
    public static IReadOnlyList<string> RequestColumns { get; } =
        ["policy", "request_id", "model_id", "arrival_s", "deadline_s", "fate", "epoch", "completion_s", "response_s"];

    /// <summary>
    /// Writes the three files into <paramref name="directory"/> (created if needed): every one is written and flushed
    /// before any replaces its old version, <c>summary.json</c> last, so a full disk leaves the old set untouched.
    /// </summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="results">One result per policy, all on the same trace.</param>
    /// <exception cref="ArgumentException">No results, or results on different streams.</exception>
    public static void Write(string directory, IReadOnlyList<SimulationResult> results)
    {
        ArgumentNullException.ThrowIfNull(directory);
        AtomicFile.WriteTogether([.. Contents(results).Select(f => (Path.Combine(directory, f.Name), (Action<Stream>)(stream => stream.Write(f.Bytes))))]);
    }

    /// <summary>
    /// The three files, by name, in the order to put them in place (<c>summary.json</c>, which describes the others,
    /// last): for a writer that swaps them into a folder all at once.
    /// </summary>
    /// <param name="results">One result per policy, all on the same trace.</param>
    /// <exception cref="ArgumentException">No results, or results on different streams.</exception>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Contents(IReadOnlyList<SimulationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0 || results.Any(r => !ReferenceEquals(r.Trace, results[0].Trace)))
        {
            throw new ArgumentException("Give at least one result, all on the same arrival trace.", nameof(results));
        }

        return
        [
            (Frames, InstanceWriter.Table(FrameColumns, results.SelectMany(r => r.Epochs.Select(e => FrameRow(r.Policy, e))))),
            (Requests, InstanceWriter.Table(RequestColumns, results.SelectMany(r => r.Outcomes.Select(o => RequestRow(r, o))))),
            (Summary, System.Text.Encoding.UTF8.GetBytes(SummaryJson(results) + "\n")),
        ];
    }

    /// <summary>The <c>summary.json</c> object: the trace and settings, then one entry per policy.</summary>
    public static string SummaryJson(IReadOnlyList<SimulationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            if (results.Count > 0)
            {
                SimulationResult first = results[0];
                json.WriteString("arrivals", first.Trace.Catalogue.Name);
                json.WriteNumber("requests", first.Trace.Count);
                json.WriteNumber("horizon_s", first.Trace.HorizonSeconds);
                json.WriteNumber("frame_s", first.Settings.FrameSeconds);
                json.WriteNumber("frame_time_limit_s", first.Settings.EffectiveFrameOptions.TimeLimit!.Value.TotalSeconds);
                json.WriteNumber("seed", first.Settings.FrameOptions.Seed);
                json.WriteBoolean("charge_solver_time", first.Settings.ChargeSolverTime);
            }

            json.WriteStartArray("policies");
            foreach (SimulationResult result in results)
            {
                WritePolicy(json, result.Summary);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePolicy(Utf8JsonWriter json, SimulationSummary s)
    {
        json.WriteStartObject();
        json.WriteString("policy", s.Policy);
        json.WriteNumber("arrivals", s.Arrivals);
        json.WriteNumber("served", s.Served);
        json.WriteNumber("missed", s.Missed);
        json.WriteNumber("pending", s.Pending);
        json.WriteNumber("epochs", s.Epochs);
        json.WriteNumber("duration_s", s.DurationSeconds);
        json.WriteNumber("throughput", s.Throughput);
        json.WriteNumber("served_per_s", s.ServedPerSecond);
        json.WriteNumber("miss_rate", s.MissRate);
        Nullable(json, "response_mean_s", s.ResponseMeanSeconds);
        Nullable(json, "response_p50_s", s.ResponseP50Seconds);
        Nullable(json, "response_p95_s", s.ResponseP95Seconds);
        Nullable(json, "response_p99_s", s.ResponseP99Seconds);
        json.WriteNumber("loading_s", s.LoadingSeconds);
        json.WriteNumber("full_loading_s", s.FullLoadingSeconds);
        json.WriteNumber("loading_saved_s", s.LoadingSavedSeconds);
        json.WriteNumber("solver_s", s.SolverSeconds);
        json.WriteBoolean("interrupted", s.Interrupted);
        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string[] FrameRow(string policy, EpochRecord e) =>
    [
        policy, I(e.Epoch), N(e.TimeSeconds), I(e.Pending), I(e.Served), I(e.Missed), I(e.Carried),
        N(e.LoadingSeconds), N(e.FullLoadingSeconds), N(e.BusySeconds), N(e.BandwidthUsedHz), N(e.SolverSeconds),
    ];

    private static string[] RequestRow(SimulationResult result, RequestOutcome o)
    {
        Arrival arrival = result.Trace[o.Request];
        Instance catalogue = result.Trace.Catalogue;
        return
        [
            result.Policy,
            arrival.Request.Id,
            catalogue.Models[arrival.Request.Model].Id,
            N(arrival.TimeSeconds),
            N(arrival.DeadlineSeconds),
            o.Fate.ToWord(),
            o.Epoch is int n ? I(n) : string.Empty,
            o.CompletionSeconds is double c ? N(c) : string.Empty,
            result.ResponseSeconds(o) is double response ? N(response) : string.Empty,
        ];
    }

    private static string N(double value) => ScheduleFile.Number(value);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
