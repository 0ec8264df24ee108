using System.Globalization;
using PartialLoading.Comparison;

namespace PartialLoading.Cli.Output;

/// <summary>A comparison for people: the rows as an aligned table, then one summary line per solver.</summary>
internal static class ComparisonReport
{
    private const int NoteWidth = 60;

    public static void Write(TextWriter writer, IReadOnlyList<ComparisonRow> rows)
    {
        bool seeds = rows.Select(r => r.Seed).Distinct().Count() > 1;
        var table = new TextTable(seeds
            ? ["instance", "users", "solver", "seed", "status", "value", "bound", "best_bound", "gap", "time_s", "note"]
            : ["instance", "users", "solver", "status", "value", "bound", "best_bound", "gap", "time_s", "note"]);
        foreach (ComparisonRow r in rows)
        {
            string[] solver = seeds ? [r.Solver, Integer(r.Seed)] : [r.Solver];
            table.Add(
            [
                r.Instance,
                Integer(r.Users),
                .. solver,
                r.Status,
                r.Value is double v ? Formats.Value(v) : string.Empty,
                r.Bound is double b ? Formats.Value(b) : string.Empty,
                $"{Formats.Value(r.BestBound)} ({r.BestBoundBy})",
                r.Gap is double g ? Formats.Percent(g) : string.Empty,
                r.RuntimeSeconds is double t ? Formats.Fixed(t + (r.WarmStartSeconds ?? 0.0), 3) : string.Empty,
                Shorten(r.Note),
            ]);
        }

        table.Write(writer);
        writer.WriteLine();
        WriteSummary(writer, rows);
        if (seeds)
        {
            writer.WriteLine();
            WriteStatistics(writer, rows);
        }
    }

    /// <summary>Per solver: n results and the mean ± half-width of the 95 % t-interval of value and gap.</summary>
    public static void WriteStatistics(TextWriter writer, IReadOnlyList<ComparisonRow> rows)
    {
        var table = new TextTable("solver", "runs", "n", "value_mean", "value_sd", "value_ci95", "gap_mean", "gap_sd", "gap_ci95");
        foreach (SolverStatistics s in ComparisonStatistics.PerSolver(rows))
        {
            table.Add(
                s.Solver,
                Integer(s.Runs),
                Integer(s.Results),
                s.Value is { } v ? Formats.Value(v.Mean) : string.Empty,
                s.Value?.StandardDeviation is double vs ? Formats.Value(vs) : string.Empty,
                s.Value is { Low: double vl, High: double vh } ? $"[{Formats.Value(vl)}, {Formats.Value(vh)}]" : string.Empty,
                s.Gap is { } g ? Formats.Percent(g.Mean) : string.Empty,
                s.Gap?.StandardDeviation is double gs ? Formats.Percent(gs) : string.Empty,
                s.Gap is { Low: double gl, High: double gh } ? $"[{Formats.Percent(gl)}, {Formats.Percent(gh)}]" : string.Empty);
        }

        table.Write(writer);
        writer.WriteLine("over every instance × seed with a result (n of runs); ci95: mean ± t(0.975, n−1)·sd/√n, which treats the runs as independent draws.");
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
                results.Any(r => r.RuntimeSeconds is not null) ? Formats.Fixed(results.Sum(r => (r.RuntimeSeconds ?? 0.0) + (r.WarmStartSeconds ?? 0.0)), 3) : string.Empty);
        }

        summary.Write(writer);
        writer.WriteLine("gap: to the best bound known (the lowest of the solvers' proved bounds, the library's results.csv, Σ w); " +
                         "optimal: proved by the solver; at_best_bound: value equals the best bound, so optimal too; time_s includes the warm start of exact solvers (empty for schedules scored from elsewhere).");
    }

    private static string Shorten(string? note)
        => note is null ? string.Empty : note.Length <= NoteWidth ? note : string.Concat(note.AsSpan(0, NoteWidth - 1), "…");

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
