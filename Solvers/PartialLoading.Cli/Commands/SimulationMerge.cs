using System.Text.Json;
using PartialLoading.Comparison;
using PartialLoading.Cli.Comparison;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Simulation;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>plsolve simulate merge DIR... --out DIR</c>: joins the outputs of <c>simulate --shard i/n</c> runs into the files
/// one unsharded run would have written (rows in the sweep's policy order). Refuses, one line per problem, shards of
/// different sweeps, a shard given twice, a missing shard, a shard cut short by Ctrl-C, and a shard whose files do not
/// read back as plsolve wrote them; then nothing is written.
/// </summary>
/// <remarks>
/// The shards' CSV files are read by the rules of every other input (<see cref="CsvTable"/>, <see cref="CsvCells"/>:
/// header, field counts, numbers), each row's policy must be one its shard ran, a fate one of the words of
/// <see cref="RequestFate"/> with the cells that fate has (a served request has its epoch and completion, a pending one
/// neither), and each policy's fates must add up to the served, missed and pending of its <c>summary.json</c>: a merged
/// file is the input of later analysis, and a row edited by hand or cut by a full disk must not pass into it.
/// </remarks>
internal static class SimulationMerge
{
    private const string Prefix = "plsolve: simulate merge: ";

    private static readonly CsvSchema FramesSchema = new(SimulationFiles.FrameColumns, []);

    private static readonly CsvSchema RequestsSchema = new(SimulationFiles.RequestColumns, []);

    private static readonly string[] FateWords = [.. Enum.GetValues<RequestFate>().Select(f => f.ToWord())];

    /// <summary>Merges; returns the lines to print, one per problem (empty when the files were written), and the policies merged.</summary>
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
                problems.Add($"{Prefix}{directory}: no {SimulationShardFile.FileName} (not written by 'plsolve simulate --shard i/n --out')");
                continue;
            }

            string[] missing = [.. new[] { SimulationFiles.Frames, SimulationFiles.Requests, SimulationFiles.Summary }.Where(f => !File.Exists(Path.Combine(directory, f)))];
            if (missing.Length > 0)
            {
                problems.Add($"{Prefix}{directory}: {string.Join(", ", missing)} not found");
                continue;
            }

            try
            {
                using JsonDocument shard = JsonDocument.Parse(File.ReadAllText(path));
                JsonElement root = shard.RootElement;
                string text = root.GetProperty("shard").GetString() ?? string.Empty;
                if (!Shard.TryParse(text, out Shard place, out string? error))
                {
                    problems.Add($"{Prefix}{path}: shard {error}");
                    continue;
                }

                parts.Add(new Part(directory, place, root.GetProperty("sweep").GetRawText(), root.GetProperty("interrupted").GetBoolean(),
                    [.. root.GetProperty("sweep").GetProperty("policies").EnumerateArray().Select(p => p.GetString() ?? string.Empty)]));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{Prefix}{path}: not a shard file written by plsolve ({e.Message})");
            }
        }

        if (parts.Count > 0)
        {
            Check(parts, problems);
        }

        if (problems.Count > 0 || parts.Count == 0)
        {
            return problems.Count > 0 ? problems : [$"{Prefix}no shards given"];
        }

        string[] order = parts[0].Policies;
        var frames = order.ToDictionary(p => p, _ => new List<string[]>(), StringComparer.Ordinal);
        var requests = order.ToDictionary(p => p, _ => new List<string[]>(), StringComparer.Ordinal);
        var summaries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var inputProblems = new List<InputProblem>();
        JsonElement? head = null;
        foreach (Part part in parts)
        {
            var own = new HashSet<string>(part.Policies.Where((_, place) => part.Shard.Contains(place)), StringComparer.Ordinal);
            var fates = own.ToDictionary(p => p, _ => new int[FateWords.Length], StringComparer.Ordinal);
            ReadRows(Path.Combine(part.Directory, SimulationFiles.Frames), FramesSchema, own, frames, inputProblems, CheckFrame);
            bool counted = ReadRows(Path.Combine(part.Directory, SimulationFiles.Requests), RequestsSchema, own, requests, inputProblems, (cells, file, line, problems) => CheckRequest(cells, file, line, problems, fates));
            JsonElement? root = ReadSummary(Path.Combine(part.Directory, SimulationFiles.Summary), own, counted ? fates : null, summaries, problems);
            head ??= root;
        }

        problems.InsertRange(0, inputProblems.Select(p => p.ToString()));
        if (problems.Count > 0 || head is not JsonElement top)
        {
            return problems;
        }

        if (File.Exists(outDirectory))
        {
            return [$"{Prefix}{outDirectory}: is a file, expected a folder"];
        }

        policies = order.Length;
        AtomicFolder.Write(outDirectory,
        [
            (SimulationFiles.Frames, InstanceWriter.Table(SimulationFiles.FrameColumns, order.SelectMany(p => frames[p]))),
            (SimulationFiles.Requests, InstanceWriter.Table(SimulationFiles.RequestColumns, order.SelectMany(p => requests[p]))),
            (SimulationFiles.Summary, Summary(top, order, summaries)),
        ]);
        return [];
    }

    private static void Check(List<Part> parts, List<string> problems)
    {
        Part first = parts[0];
        foreach (Part part in parts.Skip(1).Where(p => p.Sweep != first.Sweep || p.Shard.Count != first.Shard.Count))
        {
            problems.Add($"{Prefix}{part.Directory}: not the same sweep as {first.Directory} (arrivals, settings, policies or shard count differ)");
        }

        foreach (IGrouping<int, Part> twice in parts.GroupBy(p => p.Shard.Index).Where(g => g.Count() > 1))
        {
            problems.Add($"{Prefix}shard {twice.First().Shard} is given twice: {string.Join(", ", twice.Select(p => p.Directory))}");
        }

        for (int i = 1; i <= first.Shard.Count; i++)
        {
            if (!parts.Any(p => p.Shard.Index == i))
            {
                problems.Add($"{Prefix}shard {i}/{first.Shard.Count} is missing");
            }
        }

        foreach (Part part in parts.Where(p => p.Interrupted))
        {
            problems.Add($"{Prefix}{part.Directory}: shard {part.Shard} was cut short (interrupted); run it again");
        }
    }

    /// <summary>
    /// Reads one shard's CSV file and adds its rows, cells as read, to their policy's list; every problem is located at
    /// its line and column in the file as the user named it (shards share their file names).
    /// </summary>
    /// <returns>True when the file has no problem.</returns>
    private static bool ReadRows(string path, CsvSchema schema, HashSet<string> own, Dictionary<string, List<string[]>> rows, List<InputProblem> problems, RowCheck check)
    {
        var found = new List<InputProblem>();
        CsvTable? table = CsvTable.Read(path, schema, found);
        foreach (CsvRecord record in table?.Records ?? [])
        {
            var cells = schema.Required.ToDictionary(c => c, c => table!.Cell(record, c), StringComparer.Ordinal);
            Field<string> policy = CsvCells.Text(cells["policy"], path, record.Line, "policy", found);
            if (policy.IsValid && !own.Contains(policy.Value))
            {
                found.Add(new InputProblem(path, record.Line, "policy", $"'{InputEcho.Cell(policy.Value)}' is not a policy of this shard ({string.Join(", ", own)})"));
            }

            check(cells, path, record.Line, found);
            if (policy.IsValid && own.Contains(policy.Value))
            {
                rows[policy.Value].Add([.. schema.Required.Select(c => cells[c] ?? string.Empty)]);
            }
        }

        problems.AddRange(found.OrderBy(p => p.Line ?? 0).Select(p => p.Source == Path.GetFileName(path) ? p with { Source = path } : p));
        return found.Count == 0;
    }

    private static void CheckFrame(Dictionary<string, string?> cells, string file, int line, List<InputProblem> problems)
    {
        foreach (string column in SimulationFiles.FrameColumns.Skip(1))
        {
            _ = column is "epoch" or "pending" or "served" or "missed" or "carried"
                ? CsvCells.WholeNumber(cells[column], file, line, column, problems).IsValid
                : CsvCells.Number(cells[column], file, line, column, problems).IsValid;
        }
    }

    private static void CheckRequest(Dictionary<string, string?> cells, string file, int line, List<InputProblem> problems, Dictionary<string, int[]> fates)
    {
        CsvCells.Text(cells["request_id"], file, line, "request_id", problems);
        CsvCells.Text(cells["model_id"], file, line, "model_id", problems);
        CsvCells.Number(cells["arrival_s"], file, line, "arrival_s", problems);
        CsvCells.Number(cells["deadline_s"], file, line, "deadline_s", problems);
        bool epoch = Optional(cells, "epoch", file, line, problems, whole: true);
        bool completion = Optional(cells, "completion_s", file, line, problems, whole: false);
        bool response = Optional(cells, "response_s", file, line, problems, whole: false);
        if (cells["fate"] is not string fate)
        {
            return;
        }

        int index = Array.IndexOf(FateWords, fate);
        if (index < 0)
        {
            problems.Add(new InputProblem(file, line, "fate", $"'{InputEcho.Cell(fate)}' is not a fate ({string.Join(", ", FateWords)})"));
            return;
        }

        // The cells each fate has (docs/model.md §11): served at an epoch with a completion; missed without a
        // completion (at an epoch, or at the end); pending with neither.
        RequestFate word = (RequestFate)index;
        string? wrong = word switch
        {
            RequestFate.Served when !(epoch && completion && response) => "a served request has an epoch, a completion_s and a response_s",
            RequestFate.Missed when completion || response => "a missed request has no completion_s or response_s",
            RequestFate.Pending when epoch || completion || response => "a pending request has no epoch, completion_s or response_s",
            _ => null,
        };
        if (wrong is not null)
        {
            problems.Add(new InputProblem(file, line, "fate", $"'{fate}' does not fit the row: {wrong}"));
        }
        else if (cells["policy"] is string policy && fates.TryGetValue(policy, out int[]? counts))
        {
            counts[index]++;
        }
    }

    /// <summary>True when the cell holds a value; an empty cell is allowed, anything else must parse.</summary>
    private static bool Optional(Dictionary<string, string?> cells, string column, string file, int line, List<InputProblem> problems, bool whole)
    {
        if (string.IsNullOrEmpty(cells[column]))
        {
            return false;
        }

        return whole ? CsvCells.WholeNumber(cells[column], file, line, column, problems).IsValid : CsvCells.Number(cells[column], file, line, column, problems).IsValid;
    }

    /// <summary>
    /// Reads a shard's summary.json: its entry for each of the shard's policies, whose served, missed and pending must
    /// be the fates counted in its requests.csv (not compared when that file has problems of its own: null). Returns
    /// the document's root (its trace and settings) when it reads.
    /// </summary>
    private static JsonElement? ReadSummary(string path, HashSet<string> own, Dictionary<string, int[]>? fates, Dictionary<string, JsonElement> summaries, List<string> problems)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            var entries = document.RootElement.GetProperty("policies").EnumerateArray().ToDictionary(e => e.GetProperty("policy").GetString() ?? string.Empty, e => e.Clone(), StringComparer.Ordinal);
            foreach (string policy in own)
            {
                if (!entries.TryGetValue(policy, out JsonElement entry))
                {
                    problems.Add($"{Prefix}{path}: no entry for policy '{policy}'");
                    continue;
                }

                int[] summed = [.. FateWords.Select(w => entry.GetProperty(w).GetInt32())];
                if (fates is not null && !summed.SequenceEqual(fates[policy]))
                {
                    problems.Add($"{Prefix}{path}: policy '{policy}' has {Fates(summed)}, but its {SimulationFiles.Requests} has {Fates(fates[policy])}");
                }

                summaries[policy] = entry;
            }

            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            problems.Add($"{Prefix}{path}: not a summary written by plsolve ({e.Message})");
            return null;
        }
    }

    private static string Fates(int[] counts) => string.Join(", ", FateWords.Select((w, i) => $"{counts[i]} {w}"));

    private static byte[] Summary(JsonElement head, string[] order, Dictionary<string, JsonElement> summaries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (JsonProperty property in head.EnumerateObject().Where(p => p.Name != "policies"))
            {
                property.WriteTo(json);
            }

            json.WriteStartArray("policies");
            foreach (string policy in order)
            {
                summaries[policy].WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return [.. buffer.ToArray(), (byte)'\n'];
    }

    /// <summary>Checks the cells of one row (by column), adding a located problem for each that is wrong.</summary>
    private delegate void RowCheck(Dictionary<string, string?> cells, string file, int line, List<InputProblem> problems);

    private sealed record Part(string Directory, Shard Shard, string Sweep, bool Interrupted, string[] Policies);
}
