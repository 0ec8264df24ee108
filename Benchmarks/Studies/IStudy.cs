namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// A study: a measured series that writes its results (a CSV under docs/results, a plot under docs/plots) rather than
/// a BenchmarkDotNet report. Run with <c>dotnet run -c Release --project Benchmarks/PartialLoading.Benchmarks.csproj -- study NAME</c>.
/// </summary>
internal interface IStudy
{
    /// <summary>The name on the command line.</summary>
    string Name { get; }

    /// <summary>One line for the list of studies.</summary>
    string Description { get; }

    /// <summary>Runs the study, writing progress to <paramref name="progress"/>; returns the exit code.</summary>
    int Run(StudyOutput output, TextWriter progress);
}
