using System.Globalization;
using CsvHelper;
using PartialLoading.Core.Input;

namespace PartialLoading.Core.Csv;

/// <summary>Reads and writes <c>results.csv</c>, the table of best known results of an instance library.</summary>
public static class LibraryResults
{
    /// <summary>The results table's file name, in the library folder.</summary>
    public const string FileName = "results.csv";

    /// <summary>The best known schedule's file name, in each instance folder.</summary>
    public const string BestScheduleFileName = "best.csv";

    /// <summary>The <c>bound_by</c> word of the bound every instance has: serving everybody, Σ w.</summary>
    public const string TotalWeightBound = "total-weight";

    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["instance", "users", "best_value", "best_bound", "status", "solver", "time_s", "bound_by"];

    private static readonly CsvSchema Schema = new([.. Columns], []);

    /// <summary>Reads a results table.</summary>
    /// <exception cref="InvalidInputException">The file is missing or malformed (one problem per line).</exception>
    public static IReadOnlyList<LibraryResult> Read(string path)
    {
        var problems = new List<InputProblem>();
        CsvTable table = CsvTable.Read(path, Schema, problems) ?? throw new InvalidInputException(problems);
        var results = new List<LibraryResult>();
        foreach (CsvRecord row in table.Records)
        {
            string file = table.FileName;
            Field<string> instance = CsvCells.Text(table.Cell(row, "instance"), file, row.Line, "instance", problems);
            Field<double> users = CsvCells.Number(table.Cell(row, "users"), file, row.Line, "users", problems);
            Field<double> value = CsvCells.Number(table.Cell(row, "best_value"), file, row.Line, "best_value", problems);
            Field<double> bound = CsvCells.Number(table.Cell(row, "best_bound"), file, row.Line, "best_bound", problems);
            Field<string> status = CsvCells.Text(table.Cell(row, "status"), file, row.Line, "status", problems);
            Field<string> solver = CsvCells.Text(table.Cell(row, "solver"), file, row.Line, "solver", problems);
            Field<double> time = CsvCells.Number(table.Cell(row, "time_s"), file, row.Line, "time_s", problems);
            Field<string> boundBy = CsvCells.Text(table.Cell(row, "bound_by"), file, row.Line, "bound_by", problems);
            LibraryStatus? parsedStatus = status.IsValid ? status.Value switch
            {
                "optimal" => LibraryStatus.Optimal,
                "open" => LibraryStatus.Open,
                _ => null,
            } : null;
            if (status.IsValid && parsedStatus is null)
            {
                problems.Add(new InputProblem(file, row.Line, "status", $"'{status.Value}' is not a status (optimal or open)"));
            }

            // A row that contradicts itself is a bad file, not a defect of the solver it names: compare and refresh
            // trust best_bound as a proved bound and best_value as a verified one, so they are checked here.
            bool sane = true;
            void Refuse(string column, string message)
            {
                problems.Add(new InputProblem(file, row.Line, column, message));
                sane = false;
            }

            if (users.IsValid && (users.Value < 0 || users.Value != Math.Floor(users.Value) || users.Value > int.MaxValue))
            {
                Refuse("users", $"'{users.Text}' is not a whole number of users (0 or more)");
            }

            if (value.IsValid && value.Value < 0)
            {
                Refuse("best_value", $"'{value.Text}' is negative (a value is a sum of positive weights)");
            }

            if (bound.IsValid && bound.Value < 0)
            {
                Refuse("best_bound", $"'{bound.Text}' is negative (no schedule is worth less than 0)");
            }
            else if (bound.IsValid && value.IsValid && value.Value >= 0 && value.Value > bound.Value + (1e-9 * Math.Max(1.0, Math.Abs(bound.Value))))
            {
                Refuse("best_bound", $"'{bound.Text}' is below best_value '{value.Text}' (a proved bound is at least every verified value)");
            }

            if (time.IsValid && time.Value < 0)
            {
                Refuse("time_s", $"'{time.Text}' is negative");
            }

            if (sane && instance.IsValid && users.IsValid && value.IsValid && bound.IsValid && parsedStatus is LibraryStatus s && solver.IsValid && time.IsValid && boundBy.IsValid)
            {
                results.Add(new LibraryResult(instance.Value, (int)users.Value, value.Value, bound.Value, s, solver.Value, time.Value, boundBy.Value));
            }
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : results;
    }

    /// <summary>Writes a results table, rows ordered by instance name, whole or not at all.</summary>
    public static void Write(string path, IEnumerable<LibraryResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        AtomicFile.Write(path, stream =>
        {
            using CsvWriter writer = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
            writer.WriteHeader([.. Columns]);
            foreach (LibraryResult r in results.OrderBy(r => r.Instance, StringComparer.Ordinal))
            {
                writer.WriteRecord([r.Instance, r.Users.ToString(CultureInfo.InvariantCulture), ScheduleFile.Number(r.BestValue), ScheduleFile.Number(r.BestBound), r.StatusWord, r.Solver, ScheduleFile.Number(r.TimeSeconds), r.BoundBy]);
            }

            writer.Flush();
        });
    }
}
