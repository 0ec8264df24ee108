using System.Globalization;
using PartialLoading.Comparison;

namespace PartialLoading.Cli.Output;

/// <summary>A comparison for people: the rows as an aligned table, then one summary line per solver.</summary>
internal static class ComparisonReport
{
    private const int NoteWidth = 60;

    public static void Write(TextWriter writer, IReadOnlyList<ComparisonRow> rows)
    {
        var table = new TextTable("instance", "users", "solver", "status", "value", "bound", "best_bound", "gap", "time_s", "note");
        foreach (ComparisonRow r in rows)
        {
            table.Add(
                r.Instance,
                Integer(r.Users),
                r.Solver,
                r.Status,
                r.Value is double v ? Formats.Value(v) : string.Empty,
                r.Bound is double b ? Formats.Value(b) : string.Empty,
                $"{Formats.Value(r.BestBound)} ({r.BestBoundBy})",
                r.Gap is double g ? Formats.Percent(g) : string.Empty,
                r.RuntimeSeconds is double t ? Formats.Fixed(t + (r.WarmStartSeconds ?? 0.0), 3) : string.Empty,
                Shorten(r.Note));
        }

        table.Write(writer);
        writer.WriteLine();
        WriteSummary(writer, rows);
    }

    /// <summary>Per solver: results, refusals, mean and largest gap, proved optima, rows at the best bound, total time.</summary>
    public static void WriteSummary(TextWriter writer, IReadOnlyList<ComparisonRow> rows)
    {
        var summary = new TextTable("solver", "results", "n/a", "mean_gap", "max_gap", "optimal", "at_best_bound", "time_s");
        foreach (var solver in rows.GroupBy(r => r.Solver, StringComparer.Ordinal))
        {
            ComparisonRow[] results = [.. solver.Where(r => r.HasResult)];
            double[] gaps = [.. results.Select(r => r.Gap ?? 0.0)];
            summary.Add(
                solver.Key,
                Integer(results.Length),
                Integer(solver.Count(r => r.Status == ComparisonStatus.NotApplicable)),
                gaps.Length > 0 ? Formats.Percent(gaps.Average()) : string.Empty,
                gaps.Length > 0 ? Formats.Percent(gaps.Max()) : string.Empty,
                Integer(results.Count(r => r.Status == "optimal")),
                Integer(gaps.Count(g => g == 0.0)),
                Formats.Fixed(results.Sum(r => (r.RuntimeSeconds ?? 0.0) + (r.WarmStartSeconds ?? 0.0)), 3));
        }

        summary.Write(writer);
        writer.WriteLine("gap: to the best bound known (the lowest of the solvers' proved bounds, the library's results.csv, Σ w); " +
                         "optimal: proved by the solver; at_best_bound: value equals the best bound, so optimal too; time_s includes the warm start of exact solvers.");
    }

    private static string Shorten(string? note)
        => note is null ? string.Empty : note.Length <= NoteWidth ? note : string.Concat(note.AsSpan(0, NoteWidth - 1), "…");

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
