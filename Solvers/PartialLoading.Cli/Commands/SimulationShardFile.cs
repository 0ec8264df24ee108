using System.Text;
using System.Text.Json;
using PartialLoading.Cli.Comparison;
using PartialLoading.Core.Csv;
using PartialLoading.Simulation;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>shard.json</c>, written beside the outputs of <c>plsolve simulate --shard i/n</c>: which shard it is, the sweep it
/// belongs to (arrivals, settings, the full policy list) and whether it was cut short, so <c>simulate merge</c> can
/// refuse files that do not fit together.
/// </summary>
internal static class SimulationShardFile
{
    public const string FileName = "shard.json";

    /// <summary>Writes the file whole; <paramref name="policies"/> is the whole sweep's list, not only this shard's.</summary>
    public static void Write(string directory, Shard shard, IReadOnlyList<string> policies, int? iterations, IReadOnlyList<SimulationResult> results)
    {
        SimulationResult first = results[0];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("shard", shard.ToString());
            json.WriteStartObject("sweep");
            json.WriteString("arrivals", first.Trace.Catalogue.Name);
            json.WriteNumber("requests", first.Trace.Count);
            json.WriteNumber("horizon_s", first.Trace.HorizonSeconds);
            json.WriteNumber("frame_s", first.Settings.FrameSeconds);
            json.WriteNumber("frame_time_limit_s", first.Settings.EffectiveFrameOptions.TimeLimit!.Value.TotalSeconds);
            json.WriteNumber("seed", first.Settings.FrameOptions.Seed);
            json.WriteBoolean("charge_solver_time", first.Settings.ChargeSolverTime);
            if (iterations is int n)
            {
                json.WriteNumber("iterations", n);
            }
            else
            {
                json.WriteNull("iterations");
            }

            json.WriteStartArray("policies");
            foreach (string policy in policies)
            {
                json.WriteStringValue(policy);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteBoolean("interrupted", results.Any(r => r.Interrupted));
            json.WriteEndObject();
        }

        AtomicFile.WriteText(Path.Combine(directory, FileName), Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }
}
