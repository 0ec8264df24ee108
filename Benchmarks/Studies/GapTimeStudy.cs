using System.Globalization;
using System.Text;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// <c>study gap-time</c>: how the anytime solvers close the gap over time. Each of <see cref="Solvers"/> runs once on
/// each library instance of <see cref="Instances"/> for <see cref="Limit"/>, as <c>plsolve solve --solver NAME
/// --time-limit 10</c> would (catalog settings, warm starts, the attached bound), and every progress report it makes
/// (<see cref="SolverOptions.Progress"/>: incumbent, bound, time) is recorded. Writes docs/results/gap-time.csv (one
/// row per report) and docs/plots/gap-time.png/.svg: per instance, the gap of each solver's incumbent to the best
/// bound any run proved, against time.
/// </summary>
/// <remarks>
/// A solver that reports nothing on the way (cpsat) shows its final point only; the traces are what the solvers
/// report, so their density differs (local on every new best, labeling once a second).
/// </remarks>
internal sealed class GapTimeStudy : IFigureStudy
{
    private static readonly string[] Instances = ["synthetic-general-30", "synthetic-general-100"];
    private static readonly string[] Solvers = ["local", "lns", "labeling", "cpsat"];
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public string Name => "gap-time";

    public string Description => "gap to the best bound against time for local, lns, labeling and cpsat on synthetic-general-30 and -100, 10 s each; CSV + PNG/SVG (~2 min)";

    public int Run(StudyOutput output, TextWriter progress)
    {
        var rows = new List<TracePoint>();
        foreach (string name in Instances)
        {
            Instance instance = InstanceReader.Read(Path.Combine(RepositoryRoot.Find(), "instances", name));
            var traces = new List<TracePoint>();
            var bounds = new List<double> { instance.TotalWeight };
            foreach (string solver in Solvers)
            {
                var recorder = new TraceRecorder();
                SolveReport report = Plsolve.Solve(instance, solver, new SolverOptions { TimeLimit = Limit, Seed = 1, Progress = recorder });
                bounds.AddRange(report.Bound is double b ? [b] : []);
                traces.AddRange(recorder.Points.Select(p => new TracePoint(name, solver, p.Elapsed.TotalSeconds, p.Objective, p.Bound, double.NaN)));
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gap-time: {name} {solver}: {report.Value} ({report.Status.ToWord()}), bound {report.Bound}, {recorder.Points.Count} reports, {report.Runtime.TotalSeconds:F1} s"));
            }

            double reference = traces.Select(t => t.Bound ?? double.PositiveInfinity).Concat(bounds).Min();
            rows.AddRange(traces.Select(t => t with { Reference = reference }));
        }

        string csv = output.WriteResult("gap-time.csv", Csv(rows));
        progress.WriteLine($"gap-time: wrote {csv} and {Plot(rows, output.PlotPath("gap-time.png"))} (load {Load()})");
        return 0;
    }

    public int Replot(StudyOutput output, TextWriter progress)
    {
        List<TracePoint> rows = [.. ResultTable.Read(output.ResultPath("gap-time.csv")).Select(r => new TracePoint(
            r.Text("instance"), r.Text("solver"), r.Number("elapsed_s"), r.Number("objective"),
            double.IsNaN(r.Number("bound")) ? null : r.Number("bound"), r.Number("reference_bound")))];
        progress.WriteLine($"gap-time: wrote {Plot(rows, output.PlotPath("gap-time.png"))}");
        return 0;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Csv(List<TracePoint> rows)
    {
        var text = new StringBuilder("instance,solver,elapsed_s,objective,bound,reference_bound,gap_pct\n");
        foreach (TracePoint r in rows)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{r.Instance},{r.Solver},{r.Seconds:F4},{r.Objective},{r.Bound?.ToString(CultureInfo.InvariantCulture) ?? string.Empty},{r.Reference},{r.GapPercent:F2}\n"));
        }

        return text.ToString();
    }

    /// <summary>One panel per instance: each solver's gap as steps (an incumbent holds until the next report), a marker per report.</summary>
    private static string Plot(List<TracePoint> rows, string path)
    {
        var panels = new List<Plot>();
        foreach (string instance in rows.Select(r => r.Instance).Distinct())
        {
            TracePoint[] inInstance = [.. rows.Where(r => r.Instance == instance)];
            double reference = inInstance[0].Reference;
            Plot plot = Figure.Panel(
                string.Create(CultureInfo.InvariantCulture, $"{instance}: gap to the best bound proved ({reference:0.###}), one run per solver"),
                "time since the solver started (s)",
                "(best bound − incumbent) / best bound (%)");
            var gaps = new List<double>();
            var times = new List<double>();
            for (int s = 0; s < Solvers.Length; s++)
            {
                TracePoint[] reports = [.. inInstance.Where(r => r.Solver == Solvers[s]).OrderBy(r => r.Seconds)];
                if (reports.Length == 0)
                {
                    continue;
                }

                // A marker where the incumbent changes, and the last report: a report that repeats the value adds nothing to a step line.
                TracePoint[] trace = [.. reports.Where((r, i) => i == 0 || i == reports.Length - 1 || r.Objective != reports[i - 1].Objective)];

                double[] xs = [.. trace.Select(t => t.Seconds)];
                double[] ys = [.. trace.Select(t => t.GapPercent)];
                var line = plot.Add.Scatter(xs, ys);
                line.ConnectStyle = ConnectStyle.StepHorizontal;
                line.LegendText = reports.Length == 1 ? $"{Solvers[s]} (final point only: no reports on the way)" : $"{Solvers[s]} ({reports.Length} reports)";
                Figure.Style(line, s);
                gaps.AddRange(trace.Select(t => t.GapPercent));
                times.AddRange(trace.Select(t => t.Seconds));
            }

            Figure.FitX(plot, times);
            Figure.FitY(plot, gaps);
            Figure.LegendOutside(plot, below: true);
            panels.Add(plot);
        }

        return new Figure(panels.Count, 850, 600, [.. panels]).WritePngAndSvg(path);
    }

    private sealed record TracePoint(string Instance, string Solver, double Seconds, double Objective, double? Bound, double Reference)
    {
        public double GapPercent => 100.0 * (Reference - Objective) / Reference;
    }

    /// <summary>Every report, in order, unthrottled (the CLI's stderr lines are at most one a second).</summary>
    private sealed class TraceRecorder : IProgress<SolverProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<SolverProgress> _points = [];

        public IReadOnlyList<SolverProgress> Points
        {
            get
            {
                lock (_gate)
                {
                    return [.. _points];
                }
            }
        }

        public void Report(SolverProgress value)
        {
            lock (_gate)
            {
                _points.Add(value);
            }
        }
    }
}
