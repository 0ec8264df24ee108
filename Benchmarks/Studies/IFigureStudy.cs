namespace PartialLoading.Benchmarks.Studies;

/// <summary>A study whose figure can be redrawn from the CSV it wrote (<c>study NAME --plot-only</c>), without measuring again.</summary>
internal interface IFigureStudy : IStudy
{
    /// <summary>Redraws the figure (PNG and SVG under docs/plots) from the study's CSV under docs/results; returns the exit code.</summary>
    int Replot(StudyOutput output, TextWriter progress);
}
