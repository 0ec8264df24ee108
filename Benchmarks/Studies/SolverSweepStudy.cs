using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading.Cli.Output;
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
    int seeds = 3) : IFigureStudy
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
        string figure = Plot(summary, output.PlotPath($"{name}.png"));
        progress.WriteLine($"{name}: wrote {csv} and {figure} in {clock.Elapsed.TotalSeconds:F0} s");
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

    public int Replot(StudyOutput output, TextWriter progress)
    {
        List<Point> summary = [.. ResultTable.Read(output.ResultPath($"{name}.csv")).Select(r => new Point(
            r.Text("panel") == PanelScenario(SweepPanel.Bottom) ? SweepPanel.Bottom : SweepPanel.General,
            r.Number("x"), r.Text("solver"), r.Integer("runs"), r.Number("throughput_mean"), r.Number("throughput_sd"),
            r.Number("throughput_min"), r.Number("throughput_max"), r.Number("runtime_median_s"), r.Integer("proved_optimal")))];
        progress.WriteLine($"{name}: wrote {Plot(summary, output.PlotPath($"{name}.png"))}");
        return 0;
    }

    /// <summary>
    /// Two panels, bottom-layer and general; one colour, marker and line pattern per solver in both. A solver that
    /// stops before the last point (its size limit in the sweep) says where in its legend entry; one that does not
    /// apply to a panel (dp on general sharing) is named in the panel's title.
    /// </summary>
    private string Plot(List<Point> summary, string path)
    {
        var panels = new List<Plot>();
        foreach (SweepPanel panel in Enum.GetValues<SweepPanel>())
        {
            Point[] inPanel = [.. summary.Where(p => p.Panel == panel)];
            double lastX = inPanel.Max(p => p.X);
            int runs = inPanel.Max(p => p.Runs);
            string yLabel = metric == SweepMetric.Throughput ? $"users served (%), mean of n = {runs} instances" : $"solver time, median of n = {runs} instances (s, log scale)";
            string[] absent = [.. Solvers.Where(s => !inPanel.Any(p => p.Solver == s))];
            string title = PanelTitle(panel) + (absent.Length > 0 ? $"; {string.Join(", ", absent)}: not applicable" : string.Empty);
            Plot plot = Figure.Panel(title, metric == SweepMetric.Throughput ? xLabel : $"{xLabel} (log scale)", yLabel);
            var ys = new List<double>();
            var xsAll = new List<double>();
            foreach (string solver in Solvers)
            {
                Point[] series = [.. inPanel.Where(p => p.Solver == solver)];
                if (series.Length == 0)
                {
                    continue;
                }

                double[] xs = metric == SweepMetric.Throughput ? [.. series.Select(p => p.X)] : [.. series.Select(p => Math.Log10(p.X))];
                double[] values = metric == SweepMetric.Throughput
                    ? [.. series.Select(p => 100.0 * p.Mean)]
                    : [.. series.Select(p => Math.Log10(Math.Max(p.MedianSeconds, 1e-6)))];
                var line = plot.Add.Scatter(xs, values);
                double stop = series.Max(p => p.X);
                line.LegendText = stop < lastX ? string.Create(CultureInfo.InvariantCulture, $"{solver} (run up to {stop:0.###})") : solver;
                Figure.Style(line, Array.IndexOf(Solvers, solver));
                ys.AddRange(values);
                xsAll.AddRange(xs);
            }

            if (metric == SweepMetric.Throughput)
            {
                plot.Axes.SetLimitsY(0, 105); // a share: 0 to 100 %
                Figure.FitX(plot, xsAll);
            }
            else
            {
                plot.Axes.Left.TickGenerator = LogTicks();
                plot.Axes.Bottom.TickGenerator = LogTicks();
                double low = Math.Floor(ys.Min()), high = Math.Ceiling(ys.Max());
                plot.Axes.SetLimitsY(low, high);
                plot.Axes.SetLimitsX(xsAll.Min() - 0.1, xsAll.Max() + 0.1);
            }

            Figure.LegendOutside(plot);
            panels.Add(plot);
        }

        return new Figure(2, 900, 620, [.. panels]).WritePngAndSvg(path);
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
