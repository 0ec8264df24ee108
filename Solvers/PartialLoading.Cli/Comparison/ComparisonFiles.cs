using PartialLoading.Cli.Output;
using PartialLoading.Comparison;

namespace PartialLoading.Cli.Comparison;

/// <summary>
/// The files a comparison writes (<c>--out</c>, <c>--stats</c>, <c>--profile</c>), each whole or not at all; null
/// where not asked for. The rows go to CSV, or JSON when the name ends in <c>.json</c>.
/// </summary>
internal sealed record ComparisonFiles(string? Rows, string? Statistics, string? Profile)
{
    /// <summary>
    /// Checks, before any work, that every file asked for can be written (<see cref="OutputTarget.CheckFile"/>), so
    /// that a typo in <c>--stats</c> or <c>--profile</c> does not cost a sweep of hours after its table is printed.
    /// </summary>
    /// <exception cref="UsageException">A path is a folder, or lies under a file, or its folder cannot be written.</exception>
    public void Check()
    {
        foreach ((string option, string? path) in new[] { ("--out", Rows), ("--stats", Statistics), ("--profile", Profile) })
        {
            try
            {
                if (path is not null)
                {
                    OutputTarget.CheckFile(path);
                }
            }
            catch (UsageException e)
            {
                throw new UsageException($"{option} {e.Message}"); // which of the three paths it is
            }
        }
    }

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
