using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using PartialLoading.Heuristics.LocalSearch;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// <c>study local-scaling</c> (issue 15, item 2): what <c>local</c>'s first descent and 100 ruin-and-improve
/// iterations cost as the instance grows (synthetic-general, K = 80 … 1,000 users, two seeds), and what it serves.
/// Writes docs/results/local-scaling.csv and docs/plots/local-scaling.png (and .svg).
/// </summary>
/// <remarks>
/// Each instance is solved twice with seed 1: with an iteration budget of 0 (the first descent alone) and of 100; the
/// difference is the time of 100 iterations, in wall clock and in the process's CPU time (the machine may be shared:
/// the CSV carries the load average). Every run is capped at <see cref="Cap"/> of wall clock so that a search
/// that does not scale still ends; a capped run says so (and how many iterations it did) instead of a time.
/// </remarks>
internal sealed partial class LocalScalingStudy : IFigureStudy
{
    private const int Iterations = 100;

    /// <summary>The seconds marked on the log-scale time axis.</summary>
    private static readonly double[] TimeTicks = [0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0];
    private const int Seeds = 2;
    private static readonly int[] Sizes = [80, 160, 320, 1000];
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    public string Name => "local-scaling";

    public string Description => "local's first descent and 100 iterations against K (80-1,000 users, synthetic-general, 2 seeds), capped at 60 s; CSV + PNG (~2 min)";

    public int Run(StudyOutput output, TextWriter progress)
    {
        IScenario scenario = ScenarioRegistry.Get("synthetic-general");
        var text = new StringBuilder("users,seed,descent_s,descent_cpu_s,descent_capped,descent_served,iterations_done,total_s,total_cpu_s,total_capped,served,iterations_s,iterations_cpu_s,load_1min\n");
        foreach (int users in Sizes)
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                Instance instance = scenario.Generate(new GenerationRequest { Users = users, Seed = seed, Name = $"sg{users}-{seed}" });
                Timing descent = Solve(instance, 0);
                Timing hundred = Solve(instance, Iterations);
                bool capped = descent.Capped || hundred.Capped;
                string iterationSeconds = capped ? string.Empty : F(hundred.Seconds - descent.Seconds);
                string iterationCpu = capped ? string.Empty : F(hundred.CpuSeconds - descent.CpuSeconds);
                string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : string.Empty;
                text.Append(string.Create(CultureInfo.InvariantCulture, $"{users},{seed},{F(descent.Seconds)},{F(descent.CpuSeconds)},{descent.Capped},{descent.Served},{hundred.IterationsDone},{F(hundred.Seconds)},{F(hundred.CpuSeconds)},{hundred.Capped},{hundred.Served},{iterationSeconds},{iterationCpu},{load}\n"));
                progress.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  K={users} seed {seed}: descent {F(descent.Seconds)} s{(descent.Capped ? " (capped)" : string.Empty)} serves {descent.Served}; {hundred.IterationsDone} iterations in {F(hundred.Seconds)} s{(hundred.Capped ? " (capped)" : string.Empty)} serve {hundred.Served}; 100 iterations {(iterationSeconds.Length > 0 ? $"{iterationSeconds} s ({iterationCpu} s cpu)" : "n/a")}; load {load}"));
            }
        }

        string csv = output.WriteResult("local-scaling.csv", text.ToString());
        progress.WriteLine($"local-scaling: wrote {csv} and {Plot(output)}");
        return 0;
    }

    public int Replot(StudyOutput output, TextWriter progress)
    {
        progress.WriteLine($"local-scaling: wrote {Plot(output)}");
        return 0;
    }

    /// <summary>
    /// The time of 100 iterations against K from the CSV, CPU and wall clock per seed (log-log), with the 1 s target
    /// and the load the runs met; capped runs (no time) are left out.
    /// </summary>
    private static string Plot(StudyOutput output)
    {
        IReadOnlyList<ResultRow> rows = ResultTable.Read(output.ResultPath("local-scaling.csv"));
        ResultRow[] timed = [.. rows.Where(r => r.Text("iterations_cpu_s").Length > 0)];
        double[] loads = [.. rows.Select(r => r.Number("load_1min"))];
        Plot plot = Figure.Panel(
            string.Create(CultureInfo.InvariantCulture, $"local: 100 ruin-and-improve iterations (synthetic-general, n = {timed.Length} runs, load average {loads.Min():0.0}–{loads.Max():0.0} on 2 cores)"),
            "users K (log scale)",
            "time of 100 iterations (s, log scale)");
        var all = new List<double> { 0.0 };
        int index = 0;
        foreach (int seed in timed.Select(r => r.Integer("seed")).Distinct().Order())
        {
            ResultRow[] mine = [.. timed.Where(r => r.Integer("seed") == seed).OrderBy(r => r.Integer("users"))];
            double[] xs = [.. mine.Select(r => Math.Log10(r.Integer("users")))];
            foreach ((string column, string what) in new[] { ("iterations_cpu_s", "CPU"), ("iterations_s", "wall clock") })
            {
                double[] ys = [.. mine.Select(r => Math.Log10(r.Number(column)))];
                var series = plot.Add.Scatter(xs, ys);
                series.LegendText = $"instance seed {seed}, {what}";
                Figure.Style(series, index++);
                all.AddRange(ys);
            }
        }

        double[] users = [.. timed.Select(r => Math.Log10(r.Integer("users")))];
        var target = plot.Add.Line(users.Min(), 0.0, users.Max(), 0.0);
        target.LinePattern = LinePattern.Dotted;
        target.Color = Colors.Gray;
        target.LegendText = "target at 1,000 users: 1 s";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. timed.Select(r => r.Integer("users")).Distinct().Order().Select(k => new Tick(Math.Log10(k), k.ToString(CultureInfo.InvariantCulture)))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. TimeTicks.Select(t => new Tick(Math.Log10(t), t.ToString(CultureInfo.InvariantCulture)))]);
        plot.Axes.SetLimits(users.Min() - 0.08, users.Max() + 0.08, Math.Floor(all.Min() * 2) / 2, Math.Ceiling(all.Max() * 2) / 2);
        Figure.LegendOutside(plot, below: true);
        return new Figure(1, 900, 560, plot).WritePngAndSvg(output.PlotPath("local-scaling.png"));
    }

    private static Timing Solve(Instance instance, int iterations)
    {
        var solver = new LocalSearchSolver(new LocalSearchSettings { Iterations = iterations });
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        SolverResult result = solver.Solve(instance, new SolverOptions { Seed = 1, TimeLimit = Cap });
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Match done = IterationsDone().Match(result.Note ?? string.Empty);
        return new Timing(seconds, cpuSeconds, result.Termination == TerminationReason.TimeLimit, result.Schedule.Count, done.Success ? int.Parse(done.Groups[1].Value, CultureInfo.InvariantCulture) : -1);
    }

    private static string F(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d+) iterations")]
    private static partial Regex IterationsDone();

    private sealed record Timing(double Seconds, double CpuSeconds, bool Capped, int Served, int IterationsDone);
}
