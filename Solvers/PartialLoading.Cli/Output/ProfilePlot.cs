using PartialLoading.Comparison;
using ScottPlot;

namespace PartialLoading.Cli.Output;

/// <summary>
/// A performance profile drawn as one step line per solver (SVG or PNG by the file's extension): τ, the factor
/// within the best value, across; the share of problems within it up, from 0 to 1. Lines differ in colour, pattern
/// width and marker so overlapping ones stay apart (the first drawn widest, below), the legend sits beside the plot,
/// and the title states n. Lines are solid: the SVG canvas draws no dash patterns.
/// </summary>
internal static class ProfilePlot
{
    private const int Width = 1000;
    private const int Height = 600;

    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare];

    /// <summary>True when <paramref name="path"/> names a picture (.svg or .png) rather than a CSV file.</summary>
    public static bool IsPicture(string path) => Figure.IsPicture(path);

    /// <summary>Draws <paramref name="profile"/> and writes it to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(string path, PerformanceProfile profile)
    {
        new Figure(1, Width, Height, Draw(profile)).Write(path);
    }

    private static Plot Draw(PerformanceProfile profile)
    {
        var plot = new Plot();
        double right = Math.Max(profile.LargestFiniteRatio * 1.05, 1.1);
        for (int i = 0; i < profile.Solvers.Count; i++)
        {
            string solver = profile.Solvers[i];
            var steps = profile.Steps(solver);
            double[] x = [.. steps.Select(s => s.Tau), right];
            double[] y = [.. steps.Select(s => s.Share), steps[^1].Share];
            var line = plot.Add.Scatter(x, y);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = solver;
            line.LineWidth = Math.Max(1.5f, 7f - (1.5f * i));
            line.MarkerShape = Markers[i % Markers.Length];
            line.MarkerSize = Math.Max(6f, 14f - (2f * i));
        }

        plot.Axes.SetLimits(1.0, right, 0.0, 1.05);
        plot.XLabel("τ: value within a factor τ of the best (best / value)");
        plot.YLabel("share of problems");
        plot.Title($"Performance profile · n = {profile.Problems} problems (instance × seed)");
        Figure.LegendOutside(plot); // beside the plot, so it never hides a line
        return plot;
    }
}
