using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PartialLoading.Cli.Output;

/// <summary>
/// A schedule as a Gantt chart (PNG or SVG by the file's extension): one row per served user in service order, first
/// at the top, with the upload (from 0 to u_k, thin, below), the model loading and the inference (thick, above) as
/// bars and the deadline as a red tick. Everything is read from the evaluator's timeline, the same numbers
/// <c>schedule.csv</c> holds. The time axis ends at the last end or deadline drawn; the legend is one row below.
/// </summary>
internal static class GanttChart
{
    private const int Width = 1200;
    private const int RowPixels = 22;

    private static readonly Color LoadingColor = Colors.DarkOrange;
    private static readonly Color UploadColor = Colors.SkyBlue;
    private static readonly Color InferenceColor = Colors.SeaGreen;
    private static readonly Color DeadlineColor = Colors.Crimson;

    /// <summary>
    /// Draws the report's schedule, its first <paramref name="maxRows"/> served users (0: all), and writes it to
    /// <paramref name="path"/> (.svg or .png), whole or not at all.
    /// </summary>
    public static void Write(string path, SolveReport report, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        IEnumerable<TimelineEntry> timeline = report.Evaluation.Timeline;
        TimelineEntry[] shown = [.. maxRows == 0 ? timeline : timeline.Take(maxRows)];
        new Figure(1, Width, 190 + (RowPixels * Math.Max(shown.Length, 10)), Draw(report, shown)).Write(path);
    }

    private static Plot Draw(SolveReport report, TimelineEntry[] shown)
    {
        Instance instance = report.Instance;
        var plot = new Plot();
        plot.Axes.Title.Label.FontSize = 15;
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < shown.Length; i++)
        {
            TimelineEntry e = shown[i];
            double y = shown.Length - i; // the first served user on top
            Add(bars, y - 0.25, 0.0, e.UploadEndSeconds, 0.2, UploadColor);
            Add(bars, y + 0.1, e.LoadStartSeconds, e.LoadStartSeconds + e.LoadSeconds, 0.45, LoadingColor);
            Add(bars, y + 0.1, e.InferenceStartSeconds, e.EndSeconds, 0.45, InferenceColor);
            var deadline = plot.Add.Line(e.DeadlineSeconds, y - 0.45, e.DeadlineSeconds, y + 0.45);
            deadline.LineColor = DeadlineColor;
            deadline.LineWidth = 2;
            ticks.Add(new Tick(y, $"{e.Position}. {instance.Users[e.User].Id} ({instance.Models[e.Model].Id})"));
        }

        ScottPlot.Plottables.BarPlot barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new NumericManual([.. ticks]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(0.3, Math.Max(shown.Length, 1) + 0.7);
        plot.XLabel("time since the frame starts (s)");
        plot.YLabel("served user (service order)");
        plot.Title(Title(report, shown.Length));
        Figure.FitX(plot, shown.Select(e => Math.Max(e.EndSeconds, e.DeadlineSeconds)), headroom: 0.02);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "model loading", FillColor = LoadingColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "upload", FillColor = UploadColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "inference", FillColor = InferenceColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "deadline", LineColor = DeadlineColor, LineWidth = 2 });
        Figure.LegendOutside(plot, below: true); // one row under the axis, so it never hides a bar or a deadline
        return plot;
    }

    /// <summary>A bar from <paramref name="start"/> to <paramref name="end"/>; zero-length ones (no loading after the same model) are left out.</summary>
    private static void Add(List<Bar> bars, double y, double start, double end, double thickness, Color color)
    {
        if (end > start)
        {
            bars.Add(new Bar { Position = y, ValueBase = start, Value = end, Size = thickness, FillColor = color, LineWidth = 0 });
        }
    }

    private static string Title(SolveReport report, int shown)
    {
        Instance instance = report.Instance;
        int served = report.Evaluation.Served;
        string rows = shown < served ? $" (first {shown} of {served} served shown)" : string.Empty;
        string nobody = served == 0 ? " (nobody served)" : string.Empty;
        return $"{instance.Name} · {report.Solver} ({report.Status.ToWord()}) · served {served} of {instance.Users.Length}{rows}{nobody}";
    }
}
