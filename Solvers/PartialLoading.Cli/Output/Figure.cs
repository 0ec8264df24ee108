using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartialLoading.Core.Csv;
using ScottPlot;
using SkiaSharp;

namespace PartialLoading.Cli.Output;

/// <summary>
/// The one look of every figure that plsolve and the studies draw, fit for a paper: panels in a grid, legends beside
/// or below the data (never over it), axes from 0 that hold every value, series told apart by colour, marker and
/// line pattern, written as PNG or SVG by the file's extension. The studies compile this file too (linked), so a
/// change of style lands everywhere at once.
/// </summary>
internal sealed partial class Figure
{
    private static readonly Color[] Palette =
    [
        Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.SaddleBrown, Colors.HotPink, Colors.Gray, Colors.Olive, Colors.DarkCyan,
    ];

    // Filled and open markers alternate, so an open marker drawn over a filled one of an equal value leaves both visible.
    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond, MarkerShape.FilledSquare, MarkerShape.Cross, MarkerShape.Eks, MarkerShape.OpenCircle, MarkerShape.FilledDiamond, MarkerShape.OpenTriangleUp,
    ];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private readonly Plot[] panels;
    private readonly int columns;
    private readonly int panelWidth;
    private readonly int panelHeight;

    /// <summary>A figure of <paramref name="panels"/> laid out row by row, <paramref name="columns"/> to a row, each panel of the given size in pixels.</summary>
    public Figure(int columns, int panelWidth, int panelHeight, params Plot[] panels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(panelWidth, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(panelHeight, 100);
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentOutOfRangeException.ThrowIfZero(panels.Length);
        this.panels = panels;
        this.columns = Math.Min(columns, panels.Length);
        this.panelWidth = panelWidth;
        this.panelHeight = panelHeight;
    }

    private int Rows => (panels.Length + columns - 1) / columns;

    /// <summary>True when <paramref name="path"/> names a picture this class writes (.svg or .png).</summary>
    public static bool IsPicture(string path) => Extension(path) is ".svg" or ".png";

    /// <summary>A panel with its title and axis labels (each label should carry its unit).</summary>
    public static Plot Panel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        return plot;
    }

    /// <summary>
    /// Gives the <paramref name="index"/>-th series of a panel its colour, marker and line pattern, so that series
    /// lying on each other stay apart: a later series is drawn thinner with a smaller marker over a wider earlier one.
    /// The same index gets the same look in every panel, so one legend serves the figure.
    /// </summary>
    public static void Style(ScottPlot.Plottables.Scatter series, int index)
    {
        ArgumentNullException.ThrowIfNull(series);
        series.Color = Palette[index % Palette.Length];
        series.MarkerShape = Markers[index % Markers.Length];
        series.MarkerSize = Math.Max(6f, 13f - index);
        series.LineWidth = Math.Max(1.5f, 4.5f - (0.4f * index));
        series.LinePattern = Patterns[index % Patterns.Length];
    }

    /// <summary>The colour of the <paramref name="index"/>-th series (bars, manual legend items).</summary>
    public static Color ColorOf(int index) => Palette[index % Palette.Length];

    /// <summary>
    /// Sets the vertical axis to start at 0 (or below the least value when one is negative) and to end above the
    /// greatest value with room for bar labels, so that no value is clipped and no axis runs below 0 without cause.
    /// </summary>
    public static void FitY(Plot plot, IEnumerable<double> values, double headroom = 0.08)
    {
        ArgumentNullException.ThrowIfNull(plot);
        double[] finite = [.. values.Where(double.IsFinite)];
        double low = finite.Length == 0 ? 0.0 : Math.Min(0.0, finite.Min());
        double high = finite.Length == 0 ? 1.0 : Math.Max(0.0, finite.Max());
        double span = Math.Max(high - low, 1e-9);
        plot.Axes.SetLimitsY(low < 0 ? low - (headroom * span) : 0.0, high + (headroom * span));
    }

    /// <summary>Sets the horizontal axis to start at 0 and to end just past the greatest value.</summary>
    public static void FitX(Plot plot, IEnumerable<double> values, double headroom = 0.04)
    {
        ArgumentNullException.ThrowIfNull(plot);
        double high = values.Where(double.IsFinite).DefaultIfEmpty(1.0).Max();
        plot.Axes.SetLimitsX(0.0, Math.Max(high, 1e-9) * (1.0 + headroom));
    }

    /// <summary>A legend beside the data, to the right (many entries) or below it (few, laid out in a row).</summary>
    public static void LegendOutside(Plot plot, bool below = false)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (below)
        {
            plot.Legend.Orientation = Orientation.Horizontal;
        }

        plot.ShowLegend(below ? Edge.Bottom : Edge.Right);
    }

    /// <summary>Writes the figure to <paramref name="path"/> as SVG or PNG by its extension, whole or not at all.</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Extension(path) == ".svg" ? Encoding.UTF8.GetBytes(Svg()) : Png();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes the figure as <paramref name="pngPath"/> and as SVG beside it (same name, .svg); returns both paths.</summary>
    public string WritePngAndSvg(string pngPath)
    {
        Write(pngPath);
        string svg = Path.ChangeExtension(pngPath, ".svg");
        Write(svg);
        return $"{pngPath} and {svg}";
    }

    private byte[] Png()
    {
        using var surface = SKSurface.Create(new SKImageInfo(columns * panelWidth, Rows * panelHeight));
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Length; i++)
        {
            using var bitmap = SKBitmap.Decode(panels[i].GetImageBytes(panelWidth, panelHeight, ImageFormat.Png));
            surface.Canvas.DrawBitmap(bitmap, i % columns * panelWidth, i / columns * panelHeight);
        }

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>One SVG document holding each panel's SVG as a nested, positioned &lt;svg&gt; element.</summary>
    private string Svg()
    {
        int width = columns * panelWidth;
        int height = Rows * panelHeight;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        text.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        for (int i = 0; i < panels.Length; i++)
        {
            string panel = XmlDeclaration().Replace(SolidSvg(panels[i]), string.Empty);
            int at = panel.IndexOf("<svg", StringComparison.Ordinal);
            string position = string.Create(CultureInfo.InvariantCulture, $"<svg x=\"{i % columns * panelWidth}\" y=\"{i / columns * panelHeight}\"");
            text.Append(panel, 0, at).Append(position).Append(panel, at + 4, panel.Length - at - 4).Append('\n');
        }

        return text.Append("</svg>\n").ToString();
    }

    /// <summary>
    /// The panel's SVG with every line drawn solid: Skia's SVG canvas cannot draw dash patterns (it prints a warning
    /// to stdout for each instead), so in SVG the markers and line widths alone tell series apart.
    /// </summary>
    private string SolidSvg(Plot plot)
    {
        LineStyle[] dashed = [.. plot.GetPlottables().OfType<IHasLine>().Select(p => p.LineStyle).Where(l => l.Pattern.Name != LinePattern.Solid.Name)];
        LinePattern[] patterns = [.. dashed.Select(l => l.Pattern)];
        foreach (LineStyle line in dashed)
        {
            line.Pattern = LinePattern.Solid;
        }

        try
        {
            return plot.GetSvgXml(panelWidth, panelHeight);
        }
        finally
        {
            for (int i = 0; i < dashed.Length; i++)
            {
                dashed[i].Pattern = patterns[i];
            }
        }
    }

    private static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();
}
