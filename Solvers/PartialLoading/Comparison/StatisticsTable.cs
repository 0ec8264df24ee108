using System.Globalization;
using CsvHelper;
using PartialLoading.Core.Csv;

namespace PartialLoading.Comparison;

/// <summary>
/// CSV files of a comparison's statistics (<see cref="ComparisonStatistics"/>) and performance profile
/// (<see cref="PerformanceProfile"/>), in the form of <see cref="ComparisonTable"/>: a header, empty cells for what is
/// missing (no result, no interval with n = 1), numbers with a dot, so pandas and R read them as is.
/// </summary>
public static class StatisticsTable
{
    /// <summary>The columns of a statistics file; <c>instance</c> is empty on a summary over all of a solver's rows.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "solver", "instance", "runs", "n", "value_mean", "value_sd", "value_ci95_low", "value_ci95_high",
        "gap_mean", "gap_sd", "gap_ci95_low", "gap_ci95_high",
    ];

    /// <summary>The columns of a profile file: one row per corner of each solver's step function, n = problems.</summary>
    public static IReadOnlyList<string> ProfileColumns { get; } = ["solver", "tau", "share", "problems"];

    /// <summary>Writes the summaries, whole or not at all.</summary>
    public static void Write(string path, IEnumerable<SolverStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Write(path, Columns, statistics.Select(s => (IReadOnlyList<string>)
        [
            s.Solver, s.Instance ?? string.Empty, Integer(s.Runs), Integer(s.Results),
            Number(s.Value?.Mean), Number(s.Value?.StandardDeviation), Number(s.Value?.Low), Number(s.Value?.High),
            Number(s.Gap?.Mean), Number(s.Gap?.StandardDeviation), Number(s.Gap?.Low), Number(s.Gap?.High),
        ]));
    }

    /// <summary>Writes the profile's steps, whole or not at all.</summary>
    public static void Write(string path, PerformanceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Write(path, ProfileColumns, profile.Solvers.SelectMany(s => profile.Steps(s).Select(step => (IReadOnlyList<string>)
            [s, Number(step.Tau), Number(step.Share), Integer(profile.Problems)])));
    }

    private static void Write(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> records)
    {
        AtomicFile.Write(path, stream =>
        {
            using CsvWriter writer = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
            writer.WriteHeader([.. columns]);
            foreach (IReadOnlyList<string> record in records)
            {
                writer.WriteRecord([.. record]);
            }

            writer.Flush();
        });
    }

    private static string Number(double? value) => value is double v ? ScheduleFile.Number(v) : string.Empty;

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
