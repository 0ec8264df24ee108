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
internal sealed class ServingStudy : IFigureStudy
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
        string png = Plot(
            [.. rows.Where(r => r.Part == "sweep" && r.Summary is not null).Select(r => new PlotPoint(r.Scenario, r.Rate, r.Policy, r.Summary!.Arrivals, r.Summary.Throughput, r.Summary.ResponseP95Seconds ?? double.NaN))],
            output.PlotPath("serving.png"));
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

    public int Replot(StudyOutput output, TextWriter progress)
    {
        PlotPoint[] points = [.. ResultTable.Read(output.ResultPath("serving.csv"))
            .Where(r => r.Text("part") == "sweep" && r.Text("arrivals").Length > 0)
            .Select(r => new PlotPoint(r.Text("scenario"), r.Number("rate_per_s"), r.Text("policy"), r.Integer("arrivals"), r.Number("throughput"), r.Number("response_p95_s")))];
        progress.WriteLine($"serving: wrote {Plot(points, output.PlotPath("serving.png"))}");
        return 0;
    }

    /// <summary>Per scenario (columns): throughput and p95 response time against the arrival rate, one series per policy.</summary>
    private static string Plot(IReadOnlyList<PlotPoint> points, string path)
    {
        var throughputs = new List<Plot>();
        var responses = new List<Plot>();
        foreach (string scenario in Scenarios)
        {
            int arrivals = points.Where(p => p.Scenario == scenario).Max(p => p.Arrivals);
            Plot throughput = Figure.Panel($"{scenario}: throughput ({Horizon:0} s of arrivals, F = {Frame} s, up to n = {arrivals} requests per run)", "arrival rate (requests/s, log scale)", "requests served (%)");
            Plot p95 = Figure.Panel($"{scenario}: p95 response time of the served requests (one run per point)", "arrival rate (requests/s, log scale)", "p95 response time (s)");
            var tops = new List<double>();
            for (int p = 0; p < Policies.Length; p++)
            {
                PlotPoint[] series = [.. points.Where(r => r.Scenario == scenario && r.Policy == Policies[p]).OrderBy(r => r.Rate)];
                double[] xs = [.. series.Select(r => Math.Log2(r.Rate))];
                var t = throughput.Add.Scatter(xs, [.. series.Select(r => 100.0 * r.Throughput)]);
                var q = p95.Add.Scatter(xs, [.. series.Select(r => r.ResponseP95Seconds)]);
                foreach (var line in new[] { t, q })
                {
                    line.LegendText = Policies[p];
                    Figure.Style(line, p);
                }

                tops.AddRange(series.Select(r => r.ResponseP95Seconds));
            }

            throughput.Axes.SetLimitsY(0, 105);
            Figure.FitY(p95, tops);
            foreach (Plot plot in new[] { throughput, p95 })
            {
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                    [.. Rates.Select(r => new Tick(Math.Log2(r), r.ToString("0.##", CultureInfo.InvariantCulture)))]);
                plot.Axes.SetLimitsX(Math.Log2(Rates[0]) - 0.3, Math.Log2(Rates[^1]) + 0.3);
                Figure.LegendOutside(plot, below: true);
            }

            throughputs.Add(throughput);
            responses.Add(p95);
        }

        return new Figure(Scenarios.Length, 850, 560, [.. throughputs, .. responses]).WritePngAndSvg(path);
    }

    private sealed record PlotPoint(string Scenario, double Rate, string Policy, int Arrivals, double Throughput, double ResponseP95Seconds);

    private sealed record Row(string Part, string Scenario, double Rate, string Policy, bool Charged, SimulationSummary? Summary, double WallSeconds, string Note);
}
