using PartialLoading.Simulation;
using ScottPlot;

namespace PartialLoading.Cli.Output;

/// <summary>
/// A simulation as one figure (PNG or SVG by the file's extension) of two panels: above, served and missed requests per second over time, one colour per
/// policy (served solid, missed dashed), in bins of whole epochs; below, each policy's response-time distribution
/// (the share of its served requests answered within x seconds). Legends sit beside the panels, never over data.
/// </summary>
internal static class SimulationPlot
{
    private const int Width = 1400;
    private const int PanelHeight = 560;
    private const int MaxBins = 120;

    private static readonly Color[] Palette =
    [
        Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.SaddleBrown, Colors.HotPink, Colors.Gray,
    ];

    /// <summary>Draws <paramref name="results"/> (all on one trace) and writes the figure to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(string path, IReadOnlyList<SimulationResult> results)
    {
        new Figure(1, Width, PanelHeight, Rates(results), Responses(results)).Write(path);
    }

    private static Plot Rates(IReadOnlyList<SimulationResult> results)
    {
        var plot = new Plot();
        double end = results.Max(r => Math.Max(r.EndSeconds, r.Settings.FrameSeconds));
        double bin = BinSeconds(end, results[0].Settings.FrameSeconds);
        double top = 0.0;
        for (int p = 0; p < results.Count; p++)
        {
            SimulationResult result = results[p];
            int bins = (int)Math.Ceiling(end / bin);
            var served = new double[bins];
            var missed = new double[bins];
            foreach (RequestOutcome o in result.Outcomes)
            {
                if (o.Fate == RequestFate.Served)
                {
                    served[Math.Min(bins - 1, (int)(o.CompletionSeconds!.Value / bin))] += 1.0 / bin;
                }
                else if (o.Fate == RequestFate.Missed)
                {
                    double at = o.Epoch is int n ? result.Epochs[n].TimeSeconds : result.EndSeconds;
                    missed[Math.Min(bins - 1, (int)(at / bin))] += 1.0 / bin;
                }
            }

            double[] xs = [.. Enumerable.Range(0, bins).Select(i => (i + 0.5) * bin)];
            Color color = Palette[p % Palette.Length];
            var line = plot.Add.ScatterLine(xs, served, color);
            line.LegendText = $"{result.Policy} served";
            line.LineWidth = 2;
            var dashed = plot.Add.ScatterLine(xs, missed, color);
            dashed.LegendText = $"{result.Policy} missed";
            dashed.LinePattern = LinePattern.Dashed;
            dashed.LineWidth = 2;
            top = Math.Max(top, Math.Max(served.DefaultIfEmpty().Max(), missed.DefaultIfEmpty().Max()));
        }

        plot.Axes.SetLimits(0.0, end, 0.0, Math.Max(top, 1.0) * 1.08);
        plot.XLabel("time (s)");
        plot.YLabel("requests per second");
        int arrivals = results[0].Arrivals;
        plot.Title($"{results[0].Trace.Catalogue.Name}: served (solid) and missed (dashed) per second, bins of {Formats.Number(bin)} s, n = {arrivals} requests");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static Plot Responses(IReadOnlyList<SimulationResult> results)
    {
        var plot = new Plot();
        double right = 0.0;
        for (int p = 0; p < results.Count; p++)
        {
            SimulationResult result = results[p];
            double[] sorted = [.. result.Outcomes.Select(result.ResponseSeconds).OfType<double>().Order()];
            Color color = Palette[p % Palette.Length];
            if (sorted.Length == 0)
            {
                continue;
            }

            // The empirical distribution as steps: at the k-th smallest response the share rises to k/n.
            var xs = new List<double> { 0.0 };
            var ys = new List<double> { 0.0 };
            for (int k = 0; k < sorted.Length; k++)
            {
                if (k + 1 < sorted.Length && sorted[k + 1] == sorted[k])
                {
                    continue;
                }

                xs.Add(sorted[k]);
                ys.Add(ys[^1]);
                xs.Add(sorted[k]);
                ys.Add((k + 1.0) / sorted.Length);
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), color);
            line.LegendText = $"{result.Policy} (n = {sorted.Length} served)";
            line.LineWidth = 2;
            right = Math.Max(right, sorted[^1]);
        }

        plot.Axes.SetLimits(0.0, Math.Max(right, 1e-3) * 1.05, 0.0, 1.02);
        plot.XLabel("response time: completion − arrival (s)");
        plot.YLabel("share of served requests");
        plot.Title("response-time distribution of the served requests");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Whole frames per bin, so that at most <see cref="MaxBins"/> bins cover the run.</summary>
    private static double BinSeconds(double end, double frame)
    {
        double frames = Math.Max(1.0, Math.Ceiling(end / frame / MaxBins));
        return frames * frame;
    }
}
