using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Simulation;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// <c>study serving</c>: an edge server over time (docs/model.md §11). Poisson arrivals at rising rates on two
/// scenarios, each policy on the same arrivals; throughput (served / arrivals) and p95 response time against the
/// rate. Then one part with charged solve time: greedy, local and the exact searches labeling and cpsat (warm-started
/// from local, as <c>plsolve</c> does), with and without their thinking time delaying the next epoch. Writes docs/results/serving.csv and docs/plots/serving.png.
/// </summary>
/// <remarks>
/// <para>
/// <c>dp</c> is left out: it needs a common deadline, and a frame's deadlines are each request's own (arrival +
/// budget − epoch), equal only when requests arrive together. Frames F = 0.5 s, horizon 120 s, budgets = earliest
/// finish alone + U·1 s (<see cref="PoissonArrivals"/>), <c>local</c> with 100 iterations per frame, so the sweep is
/// reproducible; the charged part runs over 60 s with a per-frame limit of 0.5 s (the frame). Policies run as
/// <c>plsolve simulate</c> runs them, by catalog name (<see cref="CatalogPolicy"/>). One seed: the sweep's points are
/// single runs, so small differences between policies are within the noise of one arrival trace.
/// </para>
/// </remarks>
internal sealed class ServingStudy : IStudy
{
    private const double Frame = 0.5;
    private const double Horizon = 120;
    private const double ChargedHorizon = 60;
    private const int Seed = 1;
    private const int LocalIterations = 100;

    private static readonly string[] Scenarios = ["resnet50-finetune", "vit-bert-families"];
    private static readonly double[] Rates = [0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32];
    private static readonly string[] Policies = ["greedy", "local", "edd", "full-loading"];
    private static readonly double[] ChargedRates = [4, 16, 32];
    private static readonly string[] ChargedPolicies = ["greedy", "local", "labeling", "cpsat"];

    public string Name => "serving";

    public string Description => "serving over time: throughput and p95 response against the arrival rate, 2 scenarios, 4 policies; charged solve time; CSV + PNG (~8 min)";

    public int Run(StudyOutput output, TextWriter progress)
    {
        var rows = new List<Row>();
        foreach (string scenario in Scenarios)
        {
            foreach (double rate in Rates)
            {
                ArrivalTrace trace = PoissonArrivals.Generate(scenario, rate, Horizon, Seed);
                foreach (string policy in Policies)
                {
                    rows.Add(Simulate("sweep", scenario, rate, trace, policy, charged: false, progress));
                }
            }
        }

        foreach (double rate in ChargedRates)
        {
            ArrivalTrace trace = PoissonArrivals.Generate(Scenarios[0], rate, ChargedHorizon, Seed);
            foreach (string policy in ChargedPolicies)
            {
                foreach (bool charged in new[] { false, true })
                {
                    rows.Add(Simulate("charged", Scenarios[0], rate, trace, policy, charged, progress));
                }
            }
        }

        string csv = output.WriteResult("serving.csv", ToCsv(rows));
        string png = output.PlotPath("serving.png");
        Plot(rows, png);
        progress.WriteLine($"serving: wrote {csv} and {png}");
        foreach (string scenario in Scenarios)
        {
            progress.WriteLine(HalfLoadRatio(rows, scenario));
        }

        return 0;
    }

    private static Row Simulate(string part, string scenario, double rate, ArrivalTrace trace, string policy, bool charged, TextWriter progress)
    {
        var settings = new SimulationSettings(Frame)
        {
            FrameOptions = new SolverOptions { Seed = Seed, TimeLimit = TimeSpan.FromSeconds(Frame) },
            ChargeSolverTime = charged,
        };
        var clock = Stopwatch.StartNew();
        try
        {
            SimulationSummary s = Simulator.Run(trace, new CatalogPolicy(policy, Budgeted), settings).Summary;
            var row = new Row(part, scenario, rate, policy, charged, s, clock.Elapsed.TotalSeconds, string.Empty);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"serving: {part} {scenario} {rate}/s {policy}{(charged ? " charged" : string.Empty)}: served {s.Served} of {s.Arrivals}, p95 {s.ResponseP95Seconds:0.###} s, {row.WallSeconds:0.0} s"));
            return row;
        }
        catch (SolverNotApplicableException e)
        {
            progress.WriteLine($"serving: {part} {scenario} {rate}/s {policy}: not applicable: {e.Message}");
            return new Row(part, scenario, rate, policy, charged, null, clock.Elapsed.TotalSeconds, e.Message);
        }
    }

    private static readonly SolverSettings Budgeted = new() { LocalSearch = new LocalSearchSettings { Iterations = LocalIterations } };

    /// <summary>
    /// At the swept rate where full-loading's throughput is nearest 50 %, each sharing-aware policy's throughput over
    /// full-loading's.
    /// </summary>
    private static string HalfLoadRatio(List<Row> rows, string scenario)
    {
        Row[] full = [.. rows.Where(r => r.Part == "sweep" && r.Scenario == scenario && r.Policy == "full-loading" && r.Summary is not null)];
        Row half = full.MinBy(r => Math.Abs(r.Summary!.Throughput - 0.5))!;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"serving: {scenario}: full-loading serves {half.Summary!.Throughput:P1} at {half.Rate}/s;"));
        foreach (string policy in new[] { "greedy", "local" })
        {
            Row other = rows.First(r => r.Part == "sweep" && r.Scenario == scenario && r.Rate == half.Rate && r.Policy == policy);
            text.Append(string.Create(CultureInfo.InvariantCulture, $" {policy} {other.Summary!.Throughput:P1} (× {other.Summary.Throughput / half.Summary.Throughput:0.00})"));
        }

        return text.ToString();
    }

    private static string ToCsv(List<Row> rows)
    {
        var text = new StringBuilder("part,scenario,rate_per_s,policy,charged,arrivals,served,missed,pending,throughput,served_per_s,response_p50_s,response_p95_s,response_p99_s,loading_saved_s,solver_s,wall_s,note\n");
        foreach (Row r in rows)
        {
            SimulationSummary? s = r.Summary;
            text.Append(CultureInfo.InvariantCulture, $"{r.Part},{r.Scenario},{r.Rate},{r.Policy},{(r.Charged ? "yes" : "no")},");
            text.Append(s is null
                ? ",,,,,,,,,,,"
                : string.Create(CultureInfo.InvariantCulture, $"{s.Arrivals},{s.Served},{s.Missed},{s.Pending},{s.Throughput:0.####},{s.ServedPerSecond:0.###},{s.ResponseP50Seconds:0.####},{s.ResponseP95Seconds:0.####},{s.ResponseP99Seconds:0.####},{s.LoadingSavedSeconds:0.###},{s.SolverSeconds:0.###},"));
            text.Append(CultureInfo.InvariantCulture, $"{r.WallSeconds:0.##},\"{r.Note.Replace("\"", "'", StringComparison.Ordinal)}\"\n");
        }

        return text.ToString();
    }

    private static void Plot(List<Row> rows, string path)
    {
        var figure = new Multiplot();
        figure.AddPlots(2 * Scenarios.Length);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(2, Scenarios.Length);
        var colors = new ScottPlot.Palettes.Category10();
        for (int c = 0; c < Scenarios.Length; c++)
        {
            Plot throughput = figure.GetPlot(c);
            Plot p95 = figure.GetPlot(Scenarios.Length + c);
            double top = 0.0;
            for (int p = 0; p < Policies.Length; p++)
            {
                Row[] series = [.. rows.Where(r => r.Part == "sweep" && r.Scenario == Scenarios[c] && r.Policy == Policies[p] && r.Summary is not null).OrderBy(r => r.Rate)];
                double[] xs = [.. series.Select(r => Math.Log2(r.Rate))];
                var t = throughput.Add.Scatter(xs, [.. series.Select(r => 100.0 * r.Summary!.Throughput)]);
                var q = p95.Add.Scatter(xs, [.. series.Select(r => r.Summary!.ResponseP95Seconds ?? double.NaN)]);
                foreach (var line in new[] { t, q })
                {
                    line.LegendText = Policies[p];
                    line.Color = colors.GetColor(p);
                    line.MarkerSize = 8 - p;
                    line.LinePattern = Policies[p] is "edd" or "full-loading" ? LinePattern.Dashed : LinePattern.Solid;
                }

                top = Math.Max(top, series.Max(r => r.Summary!.ResponseP95Seconds ?? 0.0));
            }

            int arrivals = rows.Where(r => r.Part == "sweep" && r.Scenario == Scenarios[c] && r.Summary is not null).Max(r => r.Summary!.Arrivals);
            throughput.Title($"{Scenarios[c]}: throughput ({Horizon:0} s of arrivals, F = {Frame} s, up to n = {arrivals})");
            throughput.YLabel("requests served (%)");
            throughput.Axes.SetLimitsY(0, 105);
            p95.Title($"{Scenarios[c]}: p95 response time of the served requests");
            p95.YLabel("p95 response time (s)");
            p95.Axes.SetLimitsY(0, top * 1.1);
            foreach (Plot plot in new[] { throughput, p95 })
            {
                plot.XLabel("arrival rate (requests/s, log scale)");
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                    [.. Rates.Select(r => new Tick(Math.Log2(r), r.ToString("0.##", CultureInfo.InvariantCulture)))]);
                plot.Axes.SetLimitsX(Math.Log2(Rates[0]) - 0.3, Math.Log2(Rates[^1]) + 0.3);
            }

            throughput.ShowLegend(Alignment.LowerLeft);
            p95.ShowLegend(Alignment.UpperLeft);
        }

        figure.SavePng(path, 1600, 1100);
    }

    private sealed record Row(string Part, string Scenario, double Rate, string Policy, bool Charged, SimulationSummary? Summary, double WallSeconds, string Note);
}
