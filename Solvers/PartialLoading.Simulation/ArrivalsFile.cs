using System.Collections.Immutable;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Simulation;

/// <summary>
/// A folder of arrivals (docs/model.md §11): the catalogue's <c>server.csv</c>, <c>blocks.csv</c> and <c>models.csv</c>
/// (docs/model.md §7) beside <c>arrivals.csv</c>, whose rows are <c>arrival_s</c> followed by the columns of
/// <c>users.csv</c> (with <c>deadline_s</c> the latency budget), sorted by arrival time.
/// </summary>
public static class ArrivalsFile
{
    /// <summary>The file of requests in an arrivals folder.</summary>
    public const string FileName = "arrivals.csv";

    /// <summary>The column of arrival times, s.</summary>
    public const string ArrivalColumn = "arrival_s";

    /// <summary>
    /// The arrival times read, s: [0, 1e9], the range of <c>deadline_s</c> (docs/model.md §7). Beyond it an absolute
    /// deadline a_r + deadline_s loses the budget to rounding (at 1e16 s a budget of a second vanishes and the request
    /// would end before it arrives), and no run of decision epochs reaches it (<see cref="Simulator.MaxEpochs"/>).
    /// </summary>
    public static ValueRange ArrivalRange { get; } = new(0.0, 1e9);

    private static readonly CsvSchema Schema = new(
        [ArrivalColumn, .. InstanceFiles.UsersSchema.Required],
        InstanceFiles.UsersSchema.Optional);

    /// <summary>Reads and validates the folder: every cell by the rules of <c>users.csv</c>, and the arrival times.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="horizonSeconds">The end of the arrival window (null: the last absolute deadline); later arrivals are left out.</param>
    /// <exception cref="InvalidInputException">
    /// A file breaks a rule; every problem is listed, one line each (<c>arrivals.csv:7: column 'arrival_s': …</c>),
    /// including an arrival time below 0 or earlier than the row before it.
    /// </exception>
    public static ArrivalTrace Read(string directory, double? horizonSeconds = null)
    {
        var times = new List<double>();
        Instance catalogue = InstanceReader.Read(directory, FileName, Schema, (table, problems) => ReadTimes(table, problems, times));
        if (times.Count == 0 && horizonSeconds is null)
        {
            throw new InvalidInputException(new InputProblem(FileName, null, null, "no requests (give a horizon to simulate an idle server)"));
        }

        var trace = new ArrivalTrace(catalogue, [.. times], times.Count == 0 ? horizonSeconds : null);
        return horizonSeconds is double horizon ? trace.Until(horizon) : trace;
    }

    private static void ReadTimes(CsvTable table, List<InputProblem> problems, List<double> times)
    {
        string file = table.FileName;
        double latest = 0.0;
        int latestLine = 0;
        foreach (CsvRecord row in table.Records)
        {
            Field<double> time = CsvCells.Number(table.Cell(row, ArrivalColumn), file, row.Line, ArrivalColumn, problems);
            if (!time.IsValid)
            {
                times.Add(double.NaN);
                continue;
            }

            if (time.Value < 0.0)
            {
                problems.Add(new InputProblem(file, row.Line, ArrivalColumn, $"must be at least 0, got '{time.Text}'"));
            }
            else if (!ArrivalRange.Contains(time.Value))
            {
                problems.Add(new InputProblem(file, row.Line, ArrivalColumn, $"'{InputEcho.Cell(time.Text)}' is outside the range {ArrivalRange} s in which arrivals are simulated (docs/model.md §11)"));
            }
            else if (time.Value < latest)
            {
                problems.Add(new InputProblem(file, row.Line, ArrivalColumn, $"'{time.Text}' is earlier than the arrival on line {latestLine} ({latest.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} s): rows must be sorted by arrival time"));
            }
            else
            {
                latest = time.Value;
                latestLine = row.Line;
            }

            times.Add(time.Value);
        }
    }
}
