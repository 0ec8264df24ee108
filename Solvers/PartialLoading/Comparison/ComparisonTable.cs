using System.Globalization;
using CsvHelper;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;

namespace PartialLoading.Comparison;

/// <summary>
/// The files of a comparison (<c>plsolve compare --out</c>, <c>compare merge</c>, <c>score</c>): one row per instance,
/// solver and seed. CSV: a header line, empty cells for what a row does not have (no bound, no result), numbers in
/// round-trip form with a dot, UTF-8, <c>\n</c> line ends, so <c>pandas.read_csv</c> and R's <c>read.csv</c> read it
/// as is. JSON: an array of objects with the same keys, <c>null</c> for the empty cells (<c>pandas.read_json</c>).
/// </summary>
public static class ComparisonTable
{
    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "instance", "users", "solver", "status", "termination", "value", "served", "bound", "bound_by", "best_bound", "best_bound_by", "gap",
        "runtime_s", "warm_start_s", "time_limit_s", "seed", "shard", "sweep_instances", "note",
    ];

    // Files written before the termination and bound_by columns are still read (and merged) as they are.
    private static readonly CsvSchema Schema = new([.. Columns.Where(c => c is not ("termination" or "bound_by"))], ["termination", "bound_by"]);

    /// <summary>Writes the rows, in the order given, whole or not at all.</summary>
    public static void Write(string path, IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream =>
        {
            using CsvWriter writer = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
            writer.WriteHeader([.. Columns]);
            foreach (ComparisonRow r in rows)
            {
                writer.WriteRecord(
                [
                    r.Instance, Integer(r.Users), r.Solver, r.Status, r.Termination ?? string.Empty, Number(r.Value), r.Served is int s ? Integer(s) : string.Empty,
                    Number(r.Bound), r.BoundBy ?? string.Empty, Number(r.BestBound), r.BestBoundBy, Number(r.Gap),
                    Number(Seconds(r.RuntimeSeconds)), Number(Seconds(r.WarmStartSeconds)), Number(r.TimeLimitSeconds),
                    Integer(r.Seed), r.Shard.ToString(), Integer(r.SweepInstances), r.Note ?? string.Empty,
                ]);
            }

            writer.Flush();
        });
    }

    /// <summary>Writes the rows as a JSON array of objects keyed by <see cref="Columns"/>, whole or not at all.</summary>
    public static void WriteJson(string path, IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream => WriteJson(stream, rows));
    }

    /// <summary>Writes the rows as a JSON array of objects keyed by <see cref="Columns"/> to <paramref name="stream"/>.</summary>
    public static void WriteJson(Stream stream, IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        using var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (ComparisonRow r in rows)
        {
            json.WriteStartObject();
            json.WriteString("instance", r.Instance);
            json.WriteNumber("users", r.Users);
            json.WriteString("solver", r.Solver);
            json.WriteString("status", r.Status);
            Text(json, "termination", r.Termination);
            Number(json, "value", r.Value);
            Number(json, "served", r.Served);
            Number(json, "bound", r.Bound);
            Text(json, "bound_by", r.BoundBy);
            json.WriteNumber("best_bound", r.BestBound);
            json.WriteString("best_bound_by", r.BestBoundBy);
            Number(json, "gap", r.Gap);
            Number(json, "runtime_s", Seconds(r.RuntimeSeconds));
            Number(json, "warm_start_s", Seconds(r.WarmStartSeconds));
            Number(json, "time_limit_s", r.TimeLimitSeconds);
            json.WriteNumber("seed", r.Seed);
            json.WriteString("shard", r.Shard.ToString());
            json.WriteNumber("sweep_instances", r.SweepInstances);
            Text(json, "note", r.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
    }

    /// <summary>Reads a comparison file.</summary>
    /// <exception cref="InvalidInputException">The file is missing or malformed (one problem per line, located by the path given).</exception>
    public static IReadOnlyList<ComparisonRow> Read(string path)
    {
        var problems = new List<InputProblem>();
        CsvTable? table = CsvTable.Read(path, Schema, problems);
        var rows = new List<ComparisonRow>();
        foreach (CsvRecord record in table?.Records ?? [])
        {
            var cells = new RowCells(table!, record, path, problems);
            Field<string> instance = cells.Text("instance");
            int? users = cells.Integer("users");
            Field<string> solver = cells.Text("solver");
            Field<string> status = cells.Text("status");
            if (status.IsValid && !ComparisonStatus.All.Contains(status.Value))
            {
                problems.Add(new InputProblem(path, record.Line, "status", $"'{status.Value}' is not a status ({string.Join(", ", ComparisonStatus.All)})"));
            }

            string termination = table!.Cell(record, "termination") ?? string.Empty;
            double? value = cells.OptionalNumber("value");
            int? served = cells.OptionalNumber("served") is null ? null : cells.Integer("served");
            double? bound = cells.OptionalNumber("bound");
            string boundBy = table.Cell(record, "bound_by") ?? string.Empty;
            Field<double> bestBound = CsvCells.Number(table!.Cell(record, "best_bound"), path, record.Line, "best_bound", problems);
            Field<string> bestBoundBy = cells.Text("best_bound_by");
            double? gap = cells.OptionalNumber("gap");
            double? runtime = cells.OptionalNumber("runtime_s");
            double? warmStart = cells.OptionalNumber("warm_start_s");
            double? timeLimit = cells.OptionalNumber("time_limit_s");
            int? seed = cells.Integer("seed");
            Field<string> shardText = cells.Text("shard");
            Shard shard = Shard.All;
            if (shardText.IsValid && !Shard.TryParse(shardText.Value, out shard, out string? shardError))
            {
                problems.Add(new InputProblem(path, record.Line, "shard", shardError!));
            }

            int? sweep = cells.Integer("sweep_instances");
            string note = table.Cell(record, "note") ?? string.Empty;
            if (problems.Count == 0)
            {
                rows.Add(new ComparisonRow
                {
                    Instance = instance.Value, Users = users!.Value, Solver = solver.Value, Status = status.Value, Termination = termination.Length == 0 ? null : termination, Value = value, Served = served,
                    Bound = bound, BoundBy = boundBy.Length == 0 ? null : boundBy, BestBound = bestBound.Value, BestBoundBy = bestBoundBy.Value, Gap = gap, RuntimeSeconds = runtime,
                    WarmStartSeconds = warmStart, TimeLimitSeconds = timeLimit, Seed = seed!.Value, Shard = shard, SweepInstances = sweep!.Value,
                    Note = note.Length == 0 ? null : note,
                });
            }
        }

        return problems.Count > 0 ? throw new InvalidInputException([.. problems.Select(p => Located(p, path))]) : rows;
    }

    /// <summary>Problems name the file as the user gave it (shards often share a file name in different folders).</summary>
    private static InputProblem Located(InputProblem problem, string path) => problem.Source == Path.GetFileName(path) ? problem with { Source = path } : problem;

    private static double? Seconds(double? seconds) => seconds is double s ? Math.Round(s, 4) : null;

    private static string Number(double? value) => value is double v ? ScheduleFile.Number(v) : string.Empty;

    private static void Number(System.Text.Json.Utf8JsonWriter json, string name, double? value)
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

    private static void Text(System.Text.Json.Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The cells of one record, parsed with the problems located at its line.</summary>
    private readonly struct RowCells(CsvTable table, CsvRecord record, string path, List<InputProblem> problems)
    {
        public Field<string> Text(string column) => CsvCells.Text(table.Cell(record, column), path, record.Line, column, problems);

        public double? OptionalNumber(string column)
        {
            string? text = table.Cell(record, column);
            return string.IsNullOrEmpty(text) ? null : CsvCells.Number(text, path, record.Line, column, problems) is { IsValid: true } f ? f.Value : null;
        }

        public int? Integer(string column)
        {
            Field<double> field = CsvCells.Number(table.Cell(record, column), path, record.Line, column, problems);
            if (!field.IsValid)
            {
                return null;
            }

            if (field.Value != Math.Floor(field.Value) || field.Value < 0 || field.Value > int.MaxValue)
            {
                problems.Add(new InputProblem(path, record.Line, column, $"'{field.Text}' is not a whole number ≥ 0"));
                return null;
            }

            return (int)field.Value;
        }
    }
}
