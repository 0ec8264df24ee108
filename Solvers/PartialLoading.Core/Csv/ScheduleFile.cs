using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Csv;

/// <summary>
/// A schedule file as read (docs/model.md §8): users in position order and, when the file has a <c>bandwidth_hz</c> column,
/// their bandwidths. Everything else in the file is recomputed, never trusted.
/// </summary>
/// <param name="Order">User indices in position order (a user listed twice stays listed twice: that is a violation, not bad input).</param>
/// <param name="BandwidthsHz">Bandwidths aligned with <paramref name="Order"/>, or null when the column is absent.</param>
public sealed record ScheduleFile(ImmutableArray<int> Order, ImmutableArray<double>? BandwidthsHz)
{
    /// <summary>The columns of a schedule file, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["position", "user_id", "model_id", "bandwidth_hz", "load_start_s", "load_s", "upload_end_s", "inference_start_s", "end_s", "deadline_s"];

    private static readonly CsvSchema Schema = new(["position", "user_id"], Columns.Skip(2).ToArray());

    /// <summary>Reads a schedule for <paramref name="instance"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing or malformed, names an unknown user, or its positions are not 1..n.</exception>
    public static ScheduleFile Read(string path, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var problems = new List<InputProblem>();
        CsvTable? table = CsvTable.Read(path, Schema, problems);
        if (table is null)
        {
            throw new InvalidInputException(problems);
        }

        string file = table.FileName;
        bool hasBandwidth = table.HasColumn("bandwidth_hz");
        var rows = new List<(int Position, int Line, int User, double Bandwidth)>();
        var positionLines = new Dictionary<int, int>();
        foreach (CsvRecord row in table.Records)
        {
            int? position = ReadPosition(table.Cell(row, "position"), file, row.Line, problems);
            if (position is int p && !positionLines.TryAdd(p, row.Line))
            {
                problems.Add(new InputProblem(file, row.Line, "position", $"position {p} appears twice (first on line {positionLines[p]})"));
                position = null;
            }

            Field<string> id = CsvCells.Text(table.Cell(row, "user_id"), file, row.Line, "user_id", problems);
            int? user = null;
            if (id.IsValid)
            {
                user = instance.FindUser(id.Value);
                if (user is null)
                {
                    problems.Add(new InputProblem(file, row.Line, "user_id", $"unknown user '{InputEcho.Cell(id.Value)}'"));
                }
            }

            double bandwidth = 0.0;
            if (hasBandwidth)
            {
                Field<double> b = CsvCells.Number(table.Cell(row, "bandwidth_hz"), file, row.Line, "bandwidth_hz", problems);
                if (b.IsValid && b.Value < 0.0)
                {
                    problems.Add(new InputProblem(file, row.Line, "bandwidth_hz", $"must be at least 0, got '{InputEcho.Cell(b.Text)}'"));
                }

                bandwidth = b.Value;
            }

            if (position is int pos && user is int u)
            {
                rows.Add((pos, row.Line, u, bandwidth));
            }
        }

        for (int expected = 1; expected <= positionLines.Count; expected++)
        {
            if (!positionLines.ContainsKey(expected))
            {
                problems.Add(new InputProblem(file, null, "position", $"positions must run 1, 2, … without gaps: {expected} is missing"));
                break;
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        rows.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new ScheduleFile(
            [.. rows.Select(r => r.User)],
            hasBandwidth ? [.. rows.Select(r => r.Bandwidth)] : null);
    }

    /// <summary>Writes a verified schedule's timeline to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(string path, Instance instance, ScheduleEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(evaluation);
        AtomicFile.Write(path, stream => Write(stream, instance, evaluation));
    }

    /// <summary>Writes the schedule's rows to <paramref name="stream"/> (left open).</summary>
    internal static void Write(Stream stream, Instance instance, ScheduleEvaluation evaluation)
    {
        using CsvWriter writer = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        writer.WriteHeader([.. Columns]);
        foreach (TimelineEntry entry in evaluation.Timeline)
        {
            writer.WriteRecord(
            [
                entry.Position.ToString(CultureInfo.InvariantCulture),
                instance.Users[entry.User].Id,
                instance.Models[entry.Model].Id,
                Number(entry.BandwidthHz),
                Number(entry.LoadStartSeconds),
                Number(entry.LoadSeconds),
                Number(entry.UploadEndSeconds),
                Number(entry.InferenceStartSeconds),
                Number(entry.EndSeconds),
                Number(entry.DeadlineSeconds),
            ]);
        }

        writer.Flush();
    }

    /// <summary>Shortest round-trip text, so a written schedule reads back bit for bit.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int? ReadPosition(string? text, string file, int line, List<InputProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            problems.Add(new InputProblem(file, line, "position", "the cell is empty"));
            return null;
        }

        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int position) || position < 1)
        {
            problems.Add(new InputProblem(file, line, "position", $"'{InputEcho.Cell(text)}' is not a position (a whole number from 1)"));
            return null;
        }

        return position;
    }
}
