using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Csv;
using PartialLoading.Generation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;

namespace PartialLoading.Benchmarks;

/// <summary>
/// The baselines and greedy at 100,000 users against the time to read the instance's files (issue 15, item 4: each
/// within twice the read), on <c>plsolve generate --scenario synthetic-bottom --users 100000 --seed 1</c> with 10
/// models (the scenario's default) and with 1,000, under per-user and common deadlines. A common deadline is the hard
/// case for the admission check: every append moves every latest start.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project Benchmarks/PartialLoading.Benchmarks.csproj -- --filter '*BaselineBenchmarks*' --job short --inProcess</c>.
/// <c>Read</c> reads the CSV files written once in the setup (to a temporary folder, deleted afterwards); the column
/// <c>Served</c> is what each solver serves (the read serves nothing).
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class BaselineBenchmarks
{
    private Instance _instance = null!;
    private string _folder = string.Empty;

    [Params("per-user", "common")]
    public string Deadlines { get; set; } = "per-user";

    [Params(10, 1000)]
    public int Models { get; set; } = 10;

    [GlobalSetup]
    public void Setup()
    {
        _instance = Generate(Deadlines, Models);
        _ = _instance.LoadingTimes; // built once, as a reader of the files would
        _folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"baseline-benchmarks-{Environment.ProcessId}-{Deadlines}-{Models}"));
        InstanceWriter.Write(_instance, _folder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public Instance Read() => InstanceReader.Read(_folder);

    [Benchmark]
    public SolverResult Fifo() => new FifoBaseline().Solve(_instance, SolverOptions.Default);

    [Benchmark]
    public SolverResult Edd() => new EarliestDeadlineBaseline().Solve(_instance, SolverOptions.Default);

    [Benchmark]
    public SolverResult Random() => new RandomBaseline().Solve(_instance, SolverOptions.Default);

    [Benchmark]
    public SolverResult FullLoading() => new FullLoadingBaseline().Solve(_instance, SolverOptions.Default);

    [Benchmark]
    public SolverResult Greedy() => new GreedySolver().Solve(_instance, SolverOptions.Default);

    /// <summary>What <c>plsolve generate</c> writes for these settings.</summary>
    internal static Instance Generate(string deadlines, int models) => ScenarioRegistry.Get("synthetic-bottom").Generate(new GenerationRequest
    {
        Users = 100_000,
        Seed = 1,
        Models = models,
        Deadlines = deadlines == "common" ? DeadlineMode.Common : DeadlineMode.PerUser,
    });

    private sealed class Columns : ManualConfig
    {
        private static readonly Dictionary<(string, int), Instance> Instances = [];

        public Columns()
        {
            AddColumn(new ComputedColumn("Served", "users the solver serves (of 100,000)", c =>
            {
                string method = c.Descriptor.WorkloadMethod.Name;
                if (method == nameof(Read))
                {
                    return "-";
                }

                var key = (ComputedColumn.Parameter<string>(c, nameof(Deadlines)), ComputedColumn.Parameter<int>(c, nameof(Models)));
                if (!Instances.TryGetValue(key, out Instance? instance))
                {
                    instance = Instances[key] = Generate(key.Item1, key.Item2);
                }

                IScheduleSolver solver = method switch
                {
                    nameof(Fifo) => new FifoBaseline(),
                    nameof(Edd) => new EarliestDeadlineBaseline(),
                    nameof(Random) => new RandomBaseline(),
                    nameof(FullLoading) => new FullLoadingBaseline(),
                    _ => new GreedySolver(),
                };
                return solver.Solve(instance, SolverOptions.Default).Schedule.Count.ToString(CultureInfo.InvariantCulture);
            }));
        }
    }
}
