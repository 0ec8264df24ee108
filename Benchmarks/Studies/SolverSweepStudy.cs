using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>What a sweep plots: the share of users served, or the solver's time.</summary>
internal enum SweepMetric
{
    /// <summary>Task throughput: Σ w served / Σ w (the share of users served when weights are 1).</summary>
    Throughput,

    /// <summary>Solver runtime (s), log scale.</summary>
    Runtime,
}

/// <summary>The two instance families of every sweep.</summary>
internal enum SweepPanel
{
    /// <summary>synthetic-bottom, common deadline.</summary>
    Bottom,

    /// <summary>synthetic-general, per-user deadlines.</summary>
    General,
}

/// <summary>
/// One parameter swept over generated instances, every solver of <see cref="ReproducibleRuns"/> at every point, on two
/// panels: <c>synthetic-bottom</c> with a common deadline (bottom-layer sharing, where <c>dp</c> is exact) and
/// <c>synthetic-general</c> with per-user deadlines (general sharing; <c>dp</c> does not apply). Several seeds per point;
/// the CSV holds mean, standard deviation, min and max per point and solver, the PNG the means.
/// </summary>
/// <remarks>
/// The local search runs its fixed iteration budget (seed = instance seed) and only up to <see cref="LocalMaxUsers"/>
/// users; <c>cpsat</c> (one thread, <see cref="ExactTimeLimit"/>, warm-started from the local search's schedule of the
/// same run) only up to <see cref="ExactMaxUsers"/>, <c>labeling</c> (same limit and warm start) up to
/// <see cref="LabelingMaxUsers"/>; <c>milp</c> is left to the exact-frontier study. Times are wall
/// clock of one solve, verified by <see cref="SolverRunner"/> (which times the solve alone).
/// </remarks>
internal sealed class SolverSweepStudy(
    string name,
    string description,
    string xLabel,
    double[] points,
    Func<SweepPanel, double, int, GenerationRequest> request,
    SweepMetric metric = SweepMetric.Throughput,
    int seeds = 3) : IStudy
{
    public static readonly TimeSpan ExactTimeLimit = TimeSpan.FromSeconds(4);
    public const int ExactMaxUsers = 20;

    /// <summary>The labeling search runs up to 40 users (it proves most 30-40-user instances within seconds).</summary>
    public const int LabelingMaxUsers = 40;
    public const int LocalMaxUsers = 80;

    /// <summary>
    /// The solvers of the sweeps, in the order they run: the local search before <c>cpsat</c>, whose warm start is its
    /// schedule; <c>milp</c> is left out (<c>cpsat</c> is the faster exact solver on these sizes).
    /// </summary>
    private static readonly string[] Solvers = ["dp", "local", "cpsat", "labeling", "greedy", "edd", "fifo", "random", "full-loading"];

    private static readonly ScottPlot.Palettes.Category10 SolverColors = new();

    private static readonly MarkerShape[] SolverMarkers =
        [MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.Cross, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond, MarkerShape.Eks, MarkerShape.FilledSquare, MarkerShape.OpenCircle];

    public string Name => name;

    public string Description => description;

    /// <summary>The scenario and deadline mode of a panel, for a request of <paramref name="users"/> users.</summary>
    public static GenerationRequest Base(SweepPanel panel, int users, int seed) => new()
    {
        Users = users,
        Seed = seed,
        Name = string.Create(CultureInfo.InvariantCulture, $"{PanelScenario(panel)}-{users}-{seed}"),
        Deadlines = panel == SweepPanel.Bottom ? DeadlineMode.Common : null,
    };

    private static string PanelScenario(SweepPanel panel) => panel == SweepPanel.Bottom ? "synthetic-bottom" : "synthetic-general";

    private string PanelTitle(SweepPanel panel)
    {
        GenerationRequest first = request(panel, points[0], 1);
        string deadlines = first.CommonDeadlineSeconds is not null || first.Deadlines == DeadlineMode.Common ? "common deadline" : "per-user deadlines";
        return panel == SweepPanel.Bottom ? $"bottom-layer sharing (synthetic-bottom), {deadlines}" : $"general sharing (synthetic-general), {deadlines}";
    }

    public int Run(StudyOutput output, TextWriter progress)
    {
        var runs = new List<Outcome>();
        var clock = Stopwatch.StartNew();
        int total = 2 * points.Length * seeds;
        int done = 0;
        foreach (SweepPanel panel in Enum.GetValues<SweepPanel>())
        {
            IScenario scenario = ScenarioRegistry.Get(PanelScenario(panel));
            if (metric == SweepMetric.Runtime)
            {
                // Every solver once, untimed, so the first point does not time the JIT.
                _ = SolveAll(panel, points[0], seed: 1, scenario.Generate(request(panel, points[0], 1))).ToList();
            }

            foreach (double x in points)
            {
                for (int seed = 1; seed <= seeds; seed++)
                {
                    Instance instance = scenario.Generate(request(panel, x, seed));
                    runs.AddRange(SolveAll(panel, x, seed, instance));
                    done++;
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {done}/{total} {panel,-7} x = {x,-8:0.###} seed {seed} ({instance.Users.Length} users)  {clock.Elapsed.TotalSeconds,6:F0} s"));
                }
            }
        }

        List<Point> summary = Summarise(runs);
        string csv = output.WriteResult($"{name}.csv", Csv(summary));
        string png = output.PlotPath($"{name}.png");
        Plot(summary, png);
        progress.WriteLine($"{name}: wrote {csv} and {png} in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private IEnumerable<Outcome> SolveAll(SweepPanel panel, double x, int seed, Instance instance)
    {
        Schedule? local = null;
        foreach (string solver in Solvers)
        {
            bool applies = solver switch
            {
                "dp" => ReproducibleRuns.Applies("dp", instance),
                "cpsat" => instance.Users.Length <= ExactMaxUsers,
                "labeling" => instance.Users.Length <= LabelingMaxUsers,
                "local" => instance.Users.Length <= LocalMaxUsers,
                _ => true,
            };
            if (!applies)
            {
                continue;
            }

            SolverOptions options = ReproducibleRuns.Options(solver, instance, seed, ExactTimeLimit, local);
            SolveReport report = SolverRunner.Run(ReproducibleRuns.Create(solver), instance, options);
            if (solver == "local")
            {
                local = report.Result.Schedule;
            }

            yield return new Outcome(panel, x, seed, solver, report.Value / instance.TotalWeight, Seconds(report, options), report.Status);
        }
    }

    /// <summary>
    /// The solve's time; a solve under 0.1 s is repeated (median of 21, each a fresh solver) so that one timer tick, a
    /// GC or a neighbour's burst on the shared machine does not make the point.
    /// </summary>
    private double Seconds(SolveReport first, SolverOptions options)
    {
        double seconds = first.Runtime.TotalSeconds;
        if (metric != SweepMetric.Runtime || seconds >= 0.1)
        {
            return seconds;
        }

        double[] times = [.. Enumerable.Range(0, 21).Select(run =>
        {
            var watch = Stopwatch.StartNew();
            _ = ReproducibleRuns.Create(first.Solver).Solve(first.Instance, options);
            return watch.Elapsed.TotalSeconds;
        }).Order()];
        return times[times.Length / 2];
    }

    private static List<Point> Summarise(List<Outcome> runs) => [.. runs
        .GroupBy(r => (r.Panel, r.X, r.Solver))
        .Select(g =>
        {
            double[] values = [.. g.Select(r => r.Throughput)];
            double mean = values.Average();
            double sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0.0;
            double[] times = [.. g.Select(r => r.Seconds).Order()];
            return new Point(g.Key.Panel, g.Key.X, g.Key.Solver, values.Length, mean, sd, values.Min(), values.Max(), times[times.Length / 2], g.Count(r => r.Status == SolverStatus.Optimal));
        })
        .OrderBy(p => p.Panel).ThenBy(p => p.X).ThenBy(p => Array.IndexOf(Solvers, p.Solver))];

    private static string Csv(List<Point> points)
    {
        var text = new StringBuilder("panel,x,solver,runs,throughput_mean,throughput_sd,throughput_min,throughput_max,runtime_median_s,proved_optimal\n");
        foreach (Point p in points)
        {
            text.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"{PanelScenario(p.Panel)},{p.X:R},{p.Solver},{p.Runs},{p.Mean:F4},{p.Sd:F4},{p.Min:F4},{p.Max:F4},{p.MedianSeconds:G4},{p.Proved}\n"));
        }

        return text.ToString();
    }

    private void Plot(List<Point> summary, string path)
    {
        var figure = new Multiplot();
        figure.AddPlots(2);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        foreach (SweepPanel panel in Enum.GetValues<SweepPanel>())
        {
            Plot plot = figure.GetPlot((int)panel);
            foreach (string solver in Solvers)
            {
                Point[] series = [.. summary.Where(p => p.Panel == panel && p.Solver == solver)];
                if (series.Length == 0)
                {
                    continue;
                }

                double[] xs = metric == SweepMetric.Throughput ? [.. series.Select(p => p.X)] : [.. series.Select(p => Math.Log10(p.X))];
                double[] ys = metric == SweepMetric.Throughput
                    ? [.. series.Select(p => 100.0 * p.Mean)]
                    : [.. series.Select(p => Math.Log10(Math.Max(p.MedianSeconds, 1e-6)))];
                // One colour and marker per solver in both panels; different markers keep coinciding series visible.
                int index = Array.IndexOf(Solvers, solver);
                var line = plot.Add.Scatter(xs, ys);
                line.LegendText = solver;
                line.Color = SolverColors.GetColor(index);
                line.MarkerShape = SolverMarkers[index % SolverMarkers.Length];
                line.MarkerSize = 9 - index / 2;
                if (solver is "full-loading" or "random" or "fifo" or "edd")
                {
                    line.LinePattern = LinePattern.Dashed; // the baselines
                }
            }

            plot.Title(PanelTitle(panel));
            plot.XLabel(xLabel);
            if (metric == SweepMetric.Throughput)
            {
                plot.YLabel($"users served (%), mean of {seeds} seeds");
            }
            else
            {
                plot.YLabel("solver time, median (s, log scale)");
                plot.XLabel($"{xLabel} (log scale)");
                plot.Axes.Left.TickGenerator = LogTicks();
                plot.Axes.Bottom.TickGenerator = LogTicks();
            }

            plot.ShowLegend(Alignment.UpperRight);
        }

        figure.SavePng(path, 1500, 600);
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        IntegerTicksOnly = true,
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        LabelFormatter = e => Math.Pow(10, e).ToString("0.######", CultureInfo.InvariantCulture),
    };

    private sealed record Outcome(SweepPanel Panel, double X, int Seed, string Solver, double Throughput, double Seconds, SolverStatus Status);

    private sealed record Point(SweepPanel Panel, double X, string Solver, int Runs, double Mean, double Sd, double Min, double Max, double MedianSeconds, int Proved);
}
