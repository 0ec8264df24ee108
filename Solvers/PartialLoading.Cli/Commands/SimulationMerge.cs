using System.Text;
using System.Text.Json;
using PartialLoading.Comparison;
using PartialLoading.Cli.Comparison;
using PartialLoading.Core.Csv;
using PartialLoading.Simulation;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>plsolve simulate merge DIR... --out DIR</c>: joins the outputs of <c>simulate --shard i/n</c> runs into the files
/// one unsharded run would have written (rows in the sweep's policy order). Refuses, one line per problem, shards of
/// different sweeps, a shard given twice, a missing shard, and a shard cut short by Ctrl-C.
/// </summary>
internal static class SimulationMerge
{
    /// <summary>Merges; returns the problems (empty when the files were written) and the policies merged.</summary>
    public static IReadOnlyList<string> Run(IReadOnlyList<string> directories, string outDirectory, out int policies)
    {
        var problems = new List<string>();
        var parts = new List<Part>();
        policies = 0;
        foreach (string directory in directories)
        {
            string path = Path.Combine(directory, SimulationShardFile.FileName);
            if (!File.Exists(path))
            {
                problems.Add($"{directory}: no {SimulationShardFile.FileName} (not written by 'plsolve simulate --shard i/n --out')");
                continue;
            }

            string[] missing = [.. new[] { SimulationFiles.Frames, SimulationFiles.Requests, SimulationFiles.Summary }.Where(f => !File.Exists(Path.Combine(directory, f)))];
            if (missing.Length > 0)
            {
                problems.Add($"{directory}: {string.Join(", ", missing)} not found");
                continue;
            }

            try
            {
                using JsonDocument shard = JsonDocument.Parse(File.ReadAllText(path));
                JsonElement root = shard.RootElement;
                string text = root.GetProperty("shard").GetString() ?? string.Empty;
                if (!Shard.TryParse(text, out Shard place, out string? error))
                {
                    problems.Add($"{path}: shard {error}");
                    continue;
                }

                parts.Add(new Part(directory, place, root.GetProperty("sweep").GetRawText(), root.GetProperty("interrupted").GetBoolean(),
                    [.. root.GetProperty("sweep").GetProperty("policies").EnumerateArray().Select(p => p.GetString() ?? string.Empty)]));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{path}: not a shard file written by plsolve ({e.Message})");
            }
        }

        if (parts.Count > 0)
        {
            Check(parts, problems);
        }

        if (problems.Count > 0 || parts.Count == 0)
        {
            return problems.Count > 0 ? problems : ["no shards given"];
        }

        string[] order = parts[0].Policies;
        policies = order.Length;
        Directory.CreateDirectory(outDirectory);
        MergeCsv(parts, order, SimulationFiles.Frames, outDirectory);
        MergeCsv(parts, order, SimulationFiles.Requests, outDirectory);
        MergeSummary(parts, order, outDirectory);
        return [];
    }

    private static void Check(List<Part> parts, List<string> problems)
    {
        Part first = parts[0];
        foreach (Part part in parts.Skip(1).Where(p => p.Sweep != first.Sweep || p.Shard.Count != first.Shard.Count))
        {
            problems.Add($"{part.Directory}: not the same sweep as {first.Directory} (arrivals, settings, policies or shard count differ)");
        }

        foreach (IGrouping<int, Part> twice in parts.GroupBy(p => p.Shard.Index).Where(g => g.Count() > 1))
        {
            problems.Add($"shard {twice.First().Shard} is given twice: {string.Join(", ", twice.Select(p => p.Directory))}");
        }

        for (int i = 1; i <= first.Shard.Count; i++)
        {
            if (!parts.Any(p => p.Shard.Index == i))
            {
                problems.Add($"shard {i}/{first.Shard.Count} is missing");
            }
        }

        foreach (Part part in parts.Where(p => p.Interrupted))
        {
            problems.Add($"{part.Directory}: shard {part.Shard} was cut short (interrupted); run it again");
        }
    }

    /// <summary>The rows of every shard's file, grouped by their policy (the first column) and put in the sweep's order.</summary>
    private static void MergeCsv(List<Part> parts, string[] order, string file, string outDirectory)
    {
        string header = string.Empty;
        var rows = order.ToDictionary(p => p, _ => new List<string>(), StringComparer.Ordinal);
        foreach (Part part in parts)
        {
            string[] lines = File.ReadAllLines(Path.Combine(part.Directory, file));
            header = lines.Length > 0 ? lines[0] : header;
            foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
            {
                string policy = line[..line.IndexOf(',', StringComparison.Ordinal)];
                rows[policy].Add(line);
            }
        }

        var text = new StringBuilder(header).Append('\n');
        foreach (string policy in order)
        {
            foreach (string row in rows[policy])
            {
                text.Append(row).Append('\n');
            }
        }

        AtomicFile.WriteText(Path.Combine(outDirectory, file), text.ToString());
    }

    private static void MergeSummary(List<Part> parts, string[] order, string outDirectory)
    {
        var documents = parts.Select(p => JsonDocument.Parse(File.ReadAllText(Path.Combine(p.Directory, SimulationFiles.Summary)))).ToList();
        try
        {
            var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (JsonElement entry in documents.SelectMany(d => d.RootElement.GetProperty("policies").EnumerateArray()))
            {
                entries[entry.GetProperty("policy").GetString()!] = entry;
            }

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                foreach (JsonProperty property in documents[0].RootElement.EnumerateObject().Where(p => p.Name != "policies"))
                {
                    property.WriteTo(json);
                }

                json.WriteStartArray("policies");
                foreach (string policy in order)
                {
                    entries[policy].WriteTo(json);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            AtomicFile.WriteText(Path.Combine(outDirectory, SimulationFiles.Summary), Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    private sealed record Part(string Directory, Shard Shard, string Sweep, bool Interrupted, string[] Policies);
}
