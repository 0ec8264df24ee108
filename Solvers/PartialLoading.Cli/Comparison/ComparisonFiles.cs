using PartialLoading.Cli.Output;
using PartialLoading.Comparison;

namespace PartialLoading.Cli.Comparison;

/// <summary>
/// The files a comparison writes (<c>--out</c>, <c>--stats</c>, <c>--profile</c>), each whole or not at all; null
/// where not asked for. The rows go to CSV, or JSON when the name ends in <c>.json</c>.
/// </summary>
internal sealed record ComparisonFiles(string? Rows, string? Statistics, string? Profile)
{
    /// <summary>Writes the rows file (again: compare rewrites it after every instance).</summary>
    public void WriteRows(IReadOnlyList<ComparisonRow> rows)
    {
        if (Rows is null)
        {
            return;
        }

        if (Path.GetExtension(Rows).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            ComparisonTable.WriteJson(Rows, rows);
        }
        else
        {
            ComparisonTable.Write(Rows, rows);
        }
    }

    /// <summary>Writes the statistics and the profile, and says which files were written.</summary>
    public void WriteStatistics(TextWriter output, IReadOnlyList<ComparisonRow> rows)
    {
        if (Statistics is not null)
        {
            StatisticsTable.Write(Statistics, [.. ComparisonStatistics.PerSolver(rows), .. ComparisonStatistics.PerInstance(rows)]);
        }

        if (Profile is not null)
        {
            PerformanceProfile profile = PerformanceProfile.Of(rows);
            if (ProfilePlot.IsPicture(Profile))
            {
                ProfilePlot.Write(Profile, profile);
            }
            else
            {
                StatisticsTable.Write(Profile, profile);
            }
        }

        foreach (string? path in new[] { Rows, Statistics, Profile })
        {
            if (path is not null)
            {
                output.WriteLine($"written {path}");
            }
        }
    }
}
