using System.Text.Json;
using PartialLoading.Comparison;
using PartialLoading.Cli.Comparison;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>shard.json</c>, written beside the outputs of <c>plsolve simulate --shard i/n</c>: which shard it is, the sweep it
/// belongs to (arrivals, settings, the full policy list) and whether it was cut short, so <c>simulate merge</c> can
/// refuse files that do not fit together.
/// </summary>
internal static class SimulationShardFile
{
    public const string FileName = "shard.json";

    /// <summary>
    /// The file's bytes, to be put in place after <c>summary.json</c>: the sweep is that file's arrivals and settings
    /// (<paramref name="summaryJson"/>), the iteration budget and <paramref name="policies"/>, the whole sweep's list
    /// (not only this shard's).
    /// </summary>
    public static byte[] Contents(byte[] summaryJson, Shard shard, IReadOnlyList<string> policies, int? iterations, bool interrupted)
    {
        using JsonDocument summary = JsonDocument.Parse(summaryJson);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("shard", shard.ToString());
            json.WriteStartObject("sweep");
            foreach (JsonProperty property in summary.RootElement.EnumerateObject().Where(p => p.Name != "policies"))
            {
                property.WriteTo(json);
            }

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
            json.WriteBoolean("interrupted", interrupted);
            json.WriteEndObject();
        }

        return [.. buffer.ToArray(), (byte)'\n'];
    }
}
