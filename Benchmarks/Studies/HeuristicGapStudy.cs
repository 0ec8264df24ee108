using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading.Cli.Output;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// <c>study heuristic-gap</c>: how far greedy, the local search and the baselines are from the optimum on 30-user
/// instances, and how much sharing-aware scheduling gains over <c>full-loading</c> (a server that loads whole models).
/// Writes docs/results/heuristic-gap.csv (one row per instance and solver), docs/results/heuristic-gap-summary.csv
/// and docs/plots/heuristic-gap.png.
/// </summary>
/// <remarks>
/// <para>
/// The optimum must be proved to measure a gap against it. Two sets: <b>bottom</b>, synthetic-bottom with a common
/// deadline in a 300 m cell, where <c>dp</c> is exact (status optimal); and <b>general</b>, synthetic-general with
/// per-user deadlines. On both the labeling search (<see cref="GeneralLimit"/>) and cpsat (<see cref="BottomCheckLimit"/>
/// on bottom, <see cref="GeneralLimit"/> on general) run as independent provers; every proved optimum must agree. The
/// reference of a gap is the proved optimum where there is one, otherwise the smallest proved bound (or the total
/// weight), so an unproved instance's gaps are upper bounds; the CSVs say which and count the proved instances.
/// </para>
/// <para>cpsat runs on two threads here, warm-started from the local search, as <c>plsolve solve --solver cpsat</c> would.</para>
/// </remarks>
internal sealed class HeuristicGapStudy : IFigureStudy
{
    private const int Users = 30;
    private const int Seeds = 5;
    /// <summary>
    /// The bottom set's cell radius, 300 m (a small cell): in the default 1 km cell, cell-edge users are power-limited
    /// (their upload takes longer than the time frame allows whatever the bandwidth), the DP's order then fails the
    /// bandwidth test of docs/model.md §5 and its repaired result is a heuristic, leaving no optimum to measure against.
    /// </summary>
    private const double BottomCellRadiusMeters = 300.0;

    private static readonly TimeSpan BottomCheckLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan GeneralLimit = TimeSpan.FromSeconds(60);
    private static readonly string[] Heuristics = ["local", "greedy", "edd", "fifo", "random", "full-loading"];

    public string Name => "heuristic-gap";

    public string Description => "gap of greedy/local/baselines to the proved optimum on 30-user instances, gain over full-loading; CSV + PNG (~8 min)";

    public int Run(StudyOutput output, TextWriter progress)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<Row>();
        foreach (string set in new[] { "bottom", "general" })
        {
            IScenario scenario = ScenarioRegistry.Get(set == "bottom" ? "synthetic-bottom" : "synthetic-general");
            for (int seed = 1; seed <= Seeds; seed++)
            {
                Instance instance = scenario.Generate(new GenerationRequest
                {
                    Users = Users,
                    Seed = seed,
                    Name = string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}-{Users}-{seed}"),
                    Deadlines = set == "bottom" ? DeadlineMode.Common : null,
                    CellRadiusMeters = set == "bottom" ? BottomCellRadiusMeters : null,
                });
                rows.AddRange(Solve(set, instance, seed, progress));
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heuristic-gap: {set} {instance.Name} done, {clock.Elapsed.TotalSeconds:F0} s"));
            }
        }

        List<SummaryRow> summary = Summarise(rows);
        string csv = output.WriteResult("heuristic-gap.csv", Csv(rows));
        string summaryCsv = output.WriteResult("heuristic-gap-summary.csv", SummaryCsv(summary));
        string png = Plot(summary, output.PlotPath("heuristic-gap.png"));
        foreach (SummaryRow s in summary)
        {
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Set,-8} {s.Solver,-13} mean gap {s.MeanGapPercent,5:F1} %  max {s.MaxGapPercent,5:F1} %  at reference {s.AtReference}/{s.Instances}  gain over full-loading {s.MeanGainPercent,6:F1} %"));
        }

        progress.WriteLine($"heuristic-gap: wrote {csv}, {summaryCsv} and {png} in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    /// <summary>Every solver on one instance, with the reference (proved optimum or best bound) the gaps are taken against.</summary>
    private static List<Row> Solve(string set, Instance instance, int seed, TextWriter progress)
    {
        var reports = new Dictionary<string, SolveReport>(StringComparer.Ordinal);
        foreach (string solver in Heuristics)
        {
            reports[solver] = SolverRunner.Run(ReproducibleRuns.Create(solver), instance, new SolverOptions { Seed = seed });
        }

        if (set == "bottom")
        {
            reports["dp"] = SolverRunner.Run(ReproducibleRuns.Create("dp"), instance, new SolverOptions { Seed = seed });
        }

        TimeSpan limit = set == "bottom" ? BottomCheckLimit : GeneralLimit;
        SolveReport labeling = reports["labeling"] = SolverRunner.Run(
            ReproducibleRuns.Create("labeling"), instance, ReproducibleRuns.Options("labeling", instance, seed, GeneralLimit, reports["local"].Result.Schedule));
        SolverOptions exact = ReproducibleRuns.Options("cpsat", instance, seed, limit, reports["local"].Result.Schedule) with { Threads = 2 };
        SolveReport cpsat = reports["cpsat"] = SolverRunner.Run(ReproducibleRuns.Create("cpsat"), instance, exact);

        // The reference: a proved optimum (dp's when exact, else the labeling search's, else cpsat's), else the
        // smallest bound proved. Every proved optimum must be the same value.
        SolveReport[] provers = [.. new[] { reports.GetValueOrDefault("dp"), labeling, cpsat }.OfType<SolveReport>()];
        SolveReport? proved = provers.FirstOrDefault(r => r.Status == SolverStatus.Optimal);
        double reference = proved?.Value ?? provers.Select(r => r.Bound ?? instance.TotalWeight).Append(instance.TotalWeight).Min();
        string kind = proved is null ? "bound" : $"optimum ({proved.Solver})";
        if (provers.Where(r => r.Status == SolverStatus.Optimal).Select(r => r.Value).Distinct().Count() > 1)
        {
            progress.WriteLine($"  DISAGREEMENT on {instance.Name}: {string.Join(", ", provers.Where(r => r.Status == SolverStatus.Optimal).Select(r => $"{r.Solver} {r.Value}"))} (all proved optimal)");
            kind = "disagreement";
        }

        double fullLoading = reports["full-loading"].Value;
        string others = string.Join(", ", reports.Where(r => r.Key is not "cpsat" and not "labeling").Select(r => $"{r.Key} {r.Value.Value}"));
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {instance.Name}: reference {reference} ({kind}); labeling {labeling.Value} {labeling.Status.ToWord()} in {labeling.Runtime.TotalSeconds:F1} s; cpsat {cpsat.Value} {cpsat.Status.ToWord()} in {cpsat.Runtime.TotalSeconds:F1} s; {others}"));
        return [.. reports.Select(r => new Row(
            set, instance.Name, r.Key, r.Value.Value, reference, kind, r.Value.Status,
            100.0 * SolveReport.RelativeGap(r.Value.Value, reference),
            fullLoading > 0 ? 100.0 * ((r.Value.Value / fullLoading) - 1.0) : double.NaN,
            r.Value.Runtime.TotalSeconds))];
    }

    private static List<SummaryRow> Summarise(List<Row> rows) => [.. rows
        .GroupBy(r => (r.Set, r.Solver))
        .Select(g => new SummaryRow(
            g.Key.Set, g.Key.Solver, g.Count(), g.Count(r => r.Kind.StartsWith("optimum", StringComparison.Ordinal)),
            g.Average(r => r.GapPercent), g.Max(r => r.GapPercent), g.Count(r => r.GapPercent < 1e-9),
            g.Average(r => r.Value), g.Where(r => !double.IsNaN(r.GainPercent)).Select(r => r.GainPercent).DefaultIfEmpty(double.NaN).Average()))
        .OrderBy(s => s.Set, StringComparer.Ordinal).ThenBy(s => s.MeanGapPercent)];

    private static string Csv(List<Row> rows)
    {
        var text = new StringBuilder("set,instance,solver,value,reference,reference_kind,status,gap_pct,gain_over_full_loading_pct,runtime_s\n");
        foreach (Row r in rows)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{r.Set},{r.Instance},{r.Solver},{r.Value},{r.Reference},{r.Kind},{r.Status.ToWord()},{r.GapPercent:F2},{r.GainPercent:F2},{r.Seconds:F3}\n"));
        }

        return text.ToString();
    }

    private static string SummaryCsv(List<SummaryRow> summary)
    {
        var text = new StringBuilder("set,solver,instances,proved_optimal_references,mean_gap_pct,max_gap_pct,at_reference,mean_value,mean_gain_over_full_loading_pct\n");
        foreach (SummaryRow s in summary)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{s.Set},{s.Solver},{s.Instances},{s.Proved},{s.MeanGapPercent:F2},{s.MaxGapPercent:F2},{s.AtReference},{s.MeanValue:F2},{s.MeanGainPercent:F1}\n"));
        }

        return text.ToString();
    }

    public int Replot(StudyOutput output, TextWriter progress)
    {
        List<SummaryRow> summary = [.. ResultTable.Read(output.ResultPath("heuristic-gap-summary.csv")).Select(r => new SummaryRow(
            r.Text("set"), r.Text("solver"), r.Integer("instances"), r.Integer("proved_optimal_references"), r.Number("mean_gap_pct"),
            r.Number("max_gap_pct"), r.Integer("at_reference"), r.Number("mean_value"), r.Number("mean_gain_over_full_loading_pct")))];
        progress.WriteLine($"heuristic-gap: wrote {Plot(summary, output.PlotPath("heuristic-gap.png"))}");
        return 0;
    }

    /// <summary>Two bar charts: mean gap to the reference, and mean gain over full-loading, per solver and set.</summary>
    private static string Plot(List<SummaryRow> summary, string path)
    {
        string[] solvers = ["dp", "labeling", "cpsat", "local", "greedy", "edd", "fifo", "random", "full-loading"];
        int n = summary.Max(s => s.Instances);
        Plot gap = Bars(summary, solvers, s => s.MeanGapPercent, $"Gap to the optimum on {Users}-user instances, mean of n = {n} per bar", "mean gap to the proved optimum / best bound (%)");
        Plot gain = Bars(summary, solvers, s => s.MeanGainPercent, $"Gain over full-loading (whole models), mean of n = {n} per bar", "mean throughput gain over full-loading (%)");
        return new Figure(2, 900, 640, gap, gain).WritePngAndSvg(path);
    }

    /// <summary>Bars per solver and set, each labelled with its value; a solver that does not apply to a set gets "n/a" where its bar would be.</summary>
    private static Plot Bars(List<SummaryRow> summary, string[] solvers, Func<SummaryRow, double> value, string title, string yLabel)
    {
        Plot plot = Figure.Panel(title, "solver", yLabel);
        string[] sets = ["bottom", "general"];
        var values = new List<double>();
        var missing = new List<double>();
        for (int s = 0; s < sets.Length; s++)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < solvers.Length; i++)
            {
                if (summary.FirstOrDefault(r => r.Set == sets[s] && r.Solver == solvers[i]) is { } row && !double.IsNaN(value(row)))
                {
                    double v = value(row);
                    bars.Add(new Bar { Position = (i * 3) + s, Value = v, FillColor = Figure.ColorOf(s), Label = v.ToString("0.#", CultureInfo.InvariantCulture) });
                    values.Add(v);
                }
                else
                {
                    missing.Add((i * 3) + s);
                }
            }

            var series = plot.Add.Bars(bars);
            series.ValueLabelStyle.FontSize = 11;
            series.LegendText = sets[s] == "bottom" ? "bottom-layer, common deadline, 300 m cell (dp exact)" : "general, per-user deadlines (dp not applicable: n/a)";
        }

        foreach (double position in missing)
        {
            var text = plot.Add.Text("n/a", position, 0);
            text.LabelFontSize = 12;
            text.LabelAlignment = Alignment.LowerCenter;
        }

        plot.Axes.Bottom.SetTicks([.. solvers.Select((_, i) => (i * 3) + 0.5)], solvers);
        Figure.FitY(plot, values, headroom: 0.1);
        Figure.LegendOutside(plot, below: true);
        return plot;
    }

    private sealed record Row(string Set, string Instance, string Solver, double Value, double Reference, string Kind, SolverStatus Status, double GapPercent, double GainPercent, double Seconds);

    private sealed record SummaryRow(string Set, string Solver, int Instances, int Proved, double MeanGapPercent, double MaxGapPercent, int AtReference, double MeanValue, double MeanGainPercent);
}
