using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Csv;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>Where studies write: docs/results for tables and docs/plots for figures, under the repository root.</summary>
internal sealed class StudyOutput(string root)
{
    public string ResultsDirectory => Path.Combine(root, "docs", "results");

    public string PlotsDirectory => Path.Combine(root, "docs", "plots");

    /// <summary>The repository found from the current directory upwards (the folder holding PartialLoadingSolvers.sln).</summary>
    public static StudyOutput InRepository() => new(RepositoryRoot.Find());

    /// <summary>Writes a result table whole or not at all; returns its path.</summary>
    public string WriteResult(string fileName, string text)
    {
        Directory.CreateDirectory(ResultsDirectory);
        string path = Path.Combine(ResultsDirectory, fileName);
        AtomicFile.WriteText(path, text);
        return path;
    }

    /// <summary>The path of a result table written earlier.</summary>
    public string ResultPath(string fileName) => Path.Combine(ResultsDirectory, fileName);

    /// <summary>The path for a plot (the folder is created).</summary>
    public string PlotPath(string fileName)
    {
        Directory.CreateDirectory(PlotsDirectory);
        return Path.Combine(PlotsDirectory, fileName);
    }
}
