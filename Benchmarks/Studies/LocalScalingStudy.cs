using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using PartialLoading.Heuristics.LocalSearch;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// <c>study local-scaling</c> (issue 15, item 2): what <c>local</c>'s first descent and 100 ruin-and-improve
/// iterations cost as the instance grows (synthetic-general, K = 80 … 1,000 users, two seeds), and what it serves.
/// Writes docs/results/local-scaling.csv.
/// </summary>
/// <remarks>
/// Each instance is solved twice with seed 1: with an iteration budget of 0 (the first descent alone) and of 100; the
/// difference is the time of 100 iterations, in wall clock and in the process's CPU time (the machine may be shared:
/// the CSV carries the load average). Every run is capped at <see cref="Cap"/> of wall clock so that a search
/// that does not scale still ends; a capped run says so (and how many iterations it did) instead of a time.
/// </remarks>
internal sealed partial class LocalScalingStudy : IStudy
{
    private const int Iterations = 100;
    private const int Seeds = 2;
    private static readonly int[] Sizes = [80, 160, 320, 1000];
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    public string Name => "local-scaling";

    public string Description => "local's first descent and 100 iterations against K (80-1,000 users, synthetic-general, 2 seeds), capped at 60 s; CSV (~2 min)";

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
        progress.WriteLine($"local-scaling: wrote {csv}");
        return 0;
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
