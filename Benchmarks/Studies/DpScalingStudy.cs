using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading.Cli.Output;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// <c>study dp-scaling</c>: the dp solver's time against K (1,000 … 1,000,000 users at |M| = 100) and against |M|
/// (10 … 3,000 models at K = 100,000), stage by stage, to show the O(|M|·K) growth of docs/model.md §5. Writes
/// docs/results/dp-scaling.csv and the log-log plot docs/plots/dp-scaling.png.
/// </summary>
/// <remarks>
/// Instances come from <see cref="BottomLayerInstances"/> (one cluster per 10 models, a time frame that fits about half
/// the work, ample bandwidth). Each point is the median of several runs after one warm-up run, timed with a
/// stopwatch: these are macro-measurements of ~1 ms to ~2 s, where BenchmarkDotNet's statistics add little and
/// would take hours over 18 instances (the headline sizes are also measured with BenchmarkDotNet in
/// <c>DynamicProgrammingBenchmarks</c>).
/// </remarks>
internal sealed class DpScalingStudy : IFigureStudy
{
    private static readonly int[] UserSweep = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];
    private static readonly int[] ModelSweep = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 3_000];

    public string Name => "dp-scaling";

    public string Description => "dp time against K (|M| = 100) and |M| (K = 100,000): the O(|M|·K) growth; CSV + PNG";

    public int Run(StudyOutput output, TextWriter progress)
    {
        var rows = new List<Row>();
        progress.WriteLine("dp-scaling: warming up the JIT (so small instances are not timed in unoptimised code)");
        Instance warmUp = BottomLayerInstances.Create(5_000, 100, 10);
        for (int run = 0; run < 40; run++)
        {
            _ = new DynamicProgrammingSolver().Solve(warmUp, SolverOptions.Default);
        }

        Thread.Sleep(500); // tier-1 code is compiled in the background
        progress.WriteLine($"dp-scaling: {UserSweep.Length + ModelSweep.Length} instances");
        foreach (int users in UserSweep)
        {
            rows.Add(Measure("users", users, 100, progress));
        }

        foreach (int models in ModelSweep)
        {
            rows.Add(Measure("models", 100_000, models, progress));
        }

        string csv = output.WriteResult("dp-scaling.csv", ToCsv(rows));
        string png = Plot(rows, output.PlotPath("dp-scaling.png"));
        progress.WriteLine($"dp-scaling: wrote {csv} and {png}");
        return 0;
    }

    private static Row Measure(string sweep, int users, int models, TextWriter progress)
    {
        int clusters = Math.Max(1, models / 10);
        Instance instance = BottomLayerInstances.Create(users, models, clusters);
        _ = instance.LoadingTimes.Seconds(0, 0); // the loading matrix is built once per instance, before timing
        var solver = new DynamicProgrammingSolver();
        int repeats = (long)users * models <= 20_000_000 ? 7 : 3;

        var prepare = new List<double>();
        var dp = new List<double>();
        var order = new List<double>();
        var test = new List<double>();
        var solve = new List<double>();
        var verify = new List<double>();
        RelaxedOptimum relaxed = null!;
        SolverResult result = null!;
        long allocated = 0;
        for (int run = 0; run <= repeats; run++)
        {
            var watch = Stopwatch.StartNew();
            BottomLayerProblem problem = BottomLayerProblem.Prepare(instance);
            double t0 = watch.Elapsed.TotalSeconds;
            relaxed = BusyTimeProgram.Solve(problem)!;
            double t1 = watch.Elapsed.TotalSeconds;
            int[] sequence = ServiceOrder.Build(problem, relaxed.Counts);
            double t2 = watch.Elapsed.TotalSeconds;
            OrderPlan plan = OrderPlanner.Plan(instance, sequence);
            double t3 = watch.Elapsed.TotalSeconds;

            long before = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            result = solver.Solve(instance, SolverOptions.Default);
            double t4 = watch.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            watch.Restart();
            ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate(result.Schedule);
            double t5 = watch.Elapsed.TotalSeconds;
            if (!plan.IsFeasible || !evaluation.IsFeasible)
            {
                throw new InvalidOperationException($"The benchmark instance {instance.Name} should pass the bandwidth test.");
            }

            if (run > 0) // run 0 warms up
            {
                prepare.Add(t0);
                dp.Add(t1 - t0);
                order.Add(t2 - t1);
                test.Add(t3 - t2);
                solve.Add(t4);
                verify.Add(t5);
            }
        }

        var row = new Row(
            sweep, users, models, clusters, result.Schedule.Count, result.Status.ToWord(), relaxed.States, relaxed.TraceBytes, allocated,
            Median(prepare), Median(dp), Median(order), Median(test), Median(solve), Median(verify));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sweep,-6} K = {users,9:N0}  |M| = {models,5:N0}  DP {row.DpSeconds,8:F4} s  solve {row.SolveSeconds,8:F4} s  trace {row.TraceBytes / 1e6,7:F1} MB"));
        return row;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string ToCsv(List<Row> rows)
    {
        var text = new StringBuilder("sweep,users,models,clusters,served,status,states,trace_bytes,allocated_bytes,prepare_s,dp_s,order_s,bandwidth_test_s,solve_s,verify_s\n");
        foreach (Row r in rows)
        {
            text.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Sweep},{r.Users},{r.Models},{r.Clusters},{r.Served},{r.Status},{r.States},{r.TraceBytes},{r.AllocatedBytes},{r.PrepareSeconds:R},{r.DpSeconds:R},{r.OrderSeconds:R},{r.TestSeconds:R},{r.SolveSeconds:R},{r.VerifySeconds:R}\n"));
        }

        return text.ToString();
    }

    public int Replot(StudyOutput output, TextWriter progress)
    {
        List<Row> rows = [.. ResultTable.Read(output.ResultPath("dp-scaling.csv")).Select(r => new Row(
            r.Text("sweep"), r.Integer("users"), r.Integer("models"), r.Integer("clusters"), r.Integer("served"), r.Text("status"),
            (long)r.Number("states"), (long)r.Number("trace_bytes"), (long)r.Number("allocated_bytes"), r.Number("prepare_s"), r.Number("dp_s"),
            r.Number("order_s"), r.Number("bandwidth_test_s"), r.Number("solve_s"), r.Number("verify_s")))];
        progress.WriteLine($"dp-scaling: wrote {Plot(rows, output.PlotPath("dp-scaling.png"))}");
        return 0;
    }

    private static string Plot(List<Row> rows, string path)
    {
        Plot users = Panel([.. rows.Where(r => r.Sweep == "users")], r => r.Users, "users K (|M| = 100 models, 10 clusters; log scale)", "dp against the number of users", "∝ K");
        Plot models = Panel([.. rows.Where(r => r.Sweep == "models")], r => r.Models, "models |M| (K = 100,000 users, |M|/10 clusters; log scale)", "dp against the number of models", "∝ |M|");
        return new Figure(2, 800, 620, users, models).WritePngAndSvg(path);
    }

    private static Plot Panel(Row[] rows, Func<Row, int> x, string xLabel, string title, string slopeLabel)
    {
        Plot plot = Figure.Panel(title, xLabel, "median time of 7 runs, 3 above K·|M| = 2·10⁷ (s, log scale)");
        double[] xs = [.. rows.Select(r => Math.Log10(x(r)))];
        double[] solveTimes = [.. rows.Select(r => Math.Log10(r.SolveSeconds))];
        double[] dpTimes = [.. rows.Select(r => Math.Log10(r.DpSeconds))];
        var solve = plot.Add.Scatter(xs, solveTimes);
        solve.LegendText = "whole solve (checks, DP, order, bandwidth test)";
        Figure.Style(solve, 0);
        var dp = plot.Add.Scatter(xs, dpTimes);
        dp.LegendText = "dynamic program alone";
        Figure.Style(dp, 1);

        // A line of slope 1 through the middle DP point: linear growth on log-log axes.
        int middle = rows.Length / 2;
        double offset = Math.Log10(rows[middle].DpSeconds) - xs[middle];
        var linear = plot.Add.Line(xs[0], xs[0] + offset, xs[^1], xs[^1] + offset);
        linear.LinePattern = LinePattern.Dotted;
        linear.Color = Colors.Gray;
        linear.LegendText = $"linear growth ({slopeLabel})";

        plot.Axes.Bottom.TickGenerator = LogTicks(Count);
        plot.Axes.Left.TickGenerator = LogTicks(Seconds);
        double[] all = [.. solveTimes, .. dpTimes, xs[0] + offset, xs[^1] + offset];
        plot.Axes.SetLimits(xs.Min() - 0.1, xs.Max() + 0.1, Math.Floor(all.Min()), Math.Ceiling(all.Max()));
        Figure.LegendOutside(plot, below: true);
        return plot;
    }

    private static NumericAutomatic LogTicks(Func<double, string> label) => new()
    {
        IntegerTicksOnly = true,
        MinorTickGenerator = new LogMinorTickGenerator(),
        LabelFormatter = exponent => label(Math.Pow(10, exponent)),
    };

    private static string Count(double value) => value switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:0.#}M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e3:0.#}k"),
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };

    private static string Seconds(double value) => value switch
    {
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} s"),
        >= 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{value * 1e3:0.###} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value * 1e6:0.###} µs"),
    };

    private sealed record Row(
        string Sweep, int Users, int Models, int Clusters, int Served, string Status, long States, long TraceBytes, long AllocatedBytes,
        double PrepareSeconds, double DpSeconds, double OrderSeconds, double TestSeconds, double SolveSeconds, double VerifySeconds);
}
