using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading.Cli.Output;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Bounds;
using PartialLoading.Generation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// <c>study bound-quality</c>: how close the proved bounds of docs/model.md §10 come to the best schedules known, and
/// what each relaxation contributes, on every library instance and on generated instances of every scenario at 100,
/// 1,000 and 10,000 users (3 seeds). Writes docs/results/bound-quality.csv (one row per instance: best value, each
/// relaxation's bound and time at strong effort, the combined bound, its source, the gap, and the fast effort's bound
/// and time) and docs/plots/bound-quality.png.
/// </summary>
/// <remarks>
/// The best value known is the best of greedy, the local search (its default 2 s) and, where it applies, <c>dp</c>,
/// and for library instances also <c>instances/results.csv</c>'s best value. Bounds run at <see cref="BoundEffort.Strong"/>
/// on one thread with <see cref="BoundTimeLimit"/>. Times are wall-clock on a shared machine.
/// </remarks>
internal sealed class BoundQualityStudy : IFigureStudy
{
    private static readonly int[] Sizes = [100, 1000, 10000];
    private static readonly TimeSpan BoundTimeLimit = TimeSpan.FromSeconds(60);
    private const int Seeds = 3;

    public string Name => "bound-quality";

    public string Description => "proved bounds against the best schedules known: library + every scenario at 100/1,000/10,000 users, 3 seeds; CSV + PNG (~15 min)";

    public int Run(StudyOutput output, TextWriter progress)
    {
        var clock = Stopwatch.StartNew();
        string[] relaxations = [.. UpperBound.Relaxations(BoundEffort.Strong).Select(r => r.Name)];
        var rows = new List<Row>();
        foreach (string name in LibraryInstances.Names())
        {
            Instance instance = LibraryInstances.Read(name);
            double library = LibraryInstances.Result(name)?.BestValue ?? 0.0;
            rows.Add(Measure("library", "", 0, instance, library, progress));
        }

        foreach (int users in Sizes)
        {
            foreach (IScenario scenario in ScenarioRegistry.All)
            {
                for (int seed = 1; seed <= Seeds; seed++)
                {
                    Instance instance = scenario.Generate(new GenerationRequest
                    {
                        Users = users,
                        Seed = seed,
                        Name = string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}-{users}-{seed}"),
                    });
                    rows.Add(Measure("generated", scenario.Name, seed, instance, 0.0, progress));
                }
            }

            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bound-quality: {users} users done, {clock.Elapsed.TotalSeconds:F0} s"));
        }

        string csv = output.WriteResult("bound-quality.csv", Csv(rows, relaxations));
        string png = Plot([.. rows.Select(r => new PlotPoint(r.Set, r.Users, 100 * r.Gap, r.Bound.Elapsed.TotalSeconds))], output.PlotPath("bound-quality.png"));
        progress.WriteLine($"bound-quality: wrote {csv} and {png} in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static Row Measure(string set, string scenario, int seed, Instance instance, double library, TextWriter progress)
    {
        var candidates = new List<(string Solver, double Value)> { ("results.csv", library) };
        candidates.Add(("greedy", SolverRunner.Run(new GreedySolver(), instance).Value));
        candidates.Add(("local", SolverRunner.Run(new LocalSearchSolver(), instance, new SolverOptions { Seed = Math.Max(seed, 1) }).Value));
        if (ReproducibleRuns.Applies("dp", instance))
        {
            candidates.Add(("dp", SolverRunner.Run(new DynamicProgrammingSolver(), instance).Value));
        }

        (string bestBy, double best) = candidates.MaxBy(c => c.Value);
        CombinedBound fast = UpperBound.Compute(instance, BoundEffort.Fast, BoundTimeLimit);
        CombinedBound bound = UpperBound.Compute(instance, BoundEffort.Strong, BoundTimeLimit);
        double gap = bound.GapOf(best) ?? double.NaN;
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {instance.Name,-36} K={instance.Users.Length,6} best {best,7} ({bestBy,-11}) bound {bound.Value,7} ({bound.Source,-19}) gap {100 * gap,6:F2} % in {bound.Elapsed.TotalSeconds,6:F2} s (fast {fast.Value} in {fast.Elapsed.TotalSeconds:F2} s)"));
        return new Row(set, instance.Name, scenario, instance.Users.Length, seed, best, bestBy, bound, gap, fast);
    }

    private static string Csv(List<Row> rows, string[] relaxations)
    {
        var text = new StringBuilder("set,instance,scenario,users,seed,best_value,best_by,bound,bound_by,gap_pct,bound_s,fast_bound,fast_bound_by,fast_bound_s");
        foreach (string r in relaxations)
        {
            text.Append(CultureInfo.InvariantCulture, $",{r},{r}_s");
        }

        text.Append('\n');
        foreach (Row row in rows)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{row.Set},{row.Instance},{row.Scenario},{row.Users},{row.Seed},{row.Best},{row.BestBy},{row.Bound.Value},{row.Bound.Source},{100 * row.Gap:F2},{row.Bound.Elapsed.TotalSeconds:F3},{row.Fast.Value},{row.Fast.Source},{row.Fast.Elapsed.TotalSeconds:F3}"));
            foreach (string r in relaxations)
            {
                RelaxationBound? part = row.Bound.Parts.FirstOrDefault(p => p.Relaxation == r);
                string value = part is { HasValue: true } ? part.Value.ToString(CultureInfo.InvariantCulture) : string.Empty;
                string seconds = part is null ? string.Empty : part.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $",{value},{seconds}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public int Replot(StudyOutput output, TextWriter progress)
    {
        PlotPoint[] points = [.. ResultTable.Read(output.ResultPath("bound-quality.csv")).Select(r => new PlotPoint(r.Text("set"), r.Integer("users"), r.Number("gap_pct"), r.Number("bound_s")))];
        progress.WriteLine($"bound-quality: wrote {Plot(points, output.PlotPath("bound-quality.png"))}");
        return 0;
    }

    /// <summary>Two panels against K (log scale): the gap of the best schedule to the combined bound, and the bound's time.</summary>
    private static string Plot(IReadOnlyList<PlotPoint> points, string path)
    {
        Plot gap = Scatter(points, p => p.GapPercent, $"Gap of the best schedule known to the proved bound (n = {points.Count} instances)", "(bound − best value) / bound (%)", logY: false);
        Plot time = Scatter(points, p => p.BoundSeconds, "Time of the combined bound (strong effort, one core)", "bound time (s, log scale; below 0.1 ms drawn at 0.1 ms)", logY: true);
        return new Figure(2, 800, 650, gap, time).WritePngAndSvg(path);
    }

    private static Plot Scatter(IReadOnlyList<PlotPoint> points, Func<PlotPoint, double> y, string title, string yLabel, bool logY)
    {
        Plot plot = Figure.Panel(title, "users K (log scale)", yLabel);
        double Transform(double v) => logY ? Math.Log10(Math.Max(v, 1e-4)) : v;
        var ys = new List<double>();
        string[] sets = ["library", "generated"];
        for (int s = 0; s < sets.Length; s++)
        {
            PlotPoint[] chosen = [.. points.Where(p => p.Set == sets[s] && !double.IsNaN(y(p)))];
            if (chosen.Length == 0)
            {
                continue;
            }

            double[] values = [.. chosen.Select(p => Transform(y(p)))];
            var series = plot.Add.ScatterPoints([.. chosen.Select(p => Math.Log10(p.Users))], values);
            series.Color = Figure.ColorOf(s + 1);
            series.MarkerShape = s == 0 ? MarkerShape.FilledCircle : MarkerShape.OpenSquare;
            series.MarkerSize = 8;
            series.LegendText = sets[s] == "library" ? $"library instances (n = {chosen.Length})" : $"generated, every scenario, 3 seeds (n = {chosen.Length})";
            ys.AddRange(values);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([1, 2, 3, 4, 5], ["10", "100", "1,000", "10,000", "100,000"]);
        plot.Axes.SetLimitsX(0.3, 4.3);
        if (logY)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([-4, -3, -2, -1, 0, 1, 2], ["0.0001", "0.001", "0.01", "0.1", "1", "10", "100"]);
            plot.Axes.SetLimitsY(-4.2, Math.Ceiling(ys.Max()) + 0.2);
        }
        else
        {
            plot.Axes.SetLimitsY(0, 105); // gaps are percentages
        }

        Figure.LegendOutside(plot, below: true);
        return plot;
    }

    private sealed record PlotPoint(string Set, int Users, double GapPercent, double BoundSeconds);

    private sealed record Row(string Set, string Instance, string Scenario, int Users, int Seed, double Best, string BestBy, CombinedBound Bound, double Gap, CombinedBound Fast);
}
