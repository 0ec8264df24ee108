using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;

namespace PartialLoading.Benchmarks;

/// <summary>
/// What the local search adds to greedy on 30-user general-sharing instances, and what it costs: the time of a fixed
/// iteration budget over ten instances, with the mean number served by greedy and by the search in extra columns.
/// </summary>
[Config(typeof(Columns))]
public class LocalSearchBenchmarks
{
    private const int Users = 30;
    private const int InstanceCount = 10;
    private static readonly ConcurrentDictionary<string, Instance[]> Cache = new();
    private static readonly ConcurrentDictionary<(string, int), double> Served = new();
    private Instance[] _instances = [];

    [Params(0, 200, 2000)]
    public int Iterations { get; set; }

    [Params("ample", "tight")]
    public string Bandwidth { get; set; } = "ample";

    [GlobalSetup]
    public void Setup() => _instances = InstancesFor(Bandwidth);

    /// <summary>One operation solves all ten instances.</summary>
    [Benchmark]
    public double Local() => Run(_instances, Iterations);

    /// <summary>Ten instances: 30 users, 8 models of 4 blocks each from a pool of 24, deadlines up to 2 s; "tight" is 2 MHz.</summary>
    private static Instance[] InstancesFor(string bandwidth) => Cache.GetOrAdd(bandwidth, b =>
        [.. Enumerable.Range(1, InstanceCount).Select(seed => SyntheticInstances.General(Users, models: 8, seed, blocksPerModel: 4, bandwidthHz: b == "tight" ? 2e6 : null))]);

    /// <summary>Σ users served over the instances by local search with the given iteration budget (seed = instance number).</summary>
    private static double Run(Instance[] instances, int iterations)
    {
        double served = 0;
        for (int i = 0; i < instances.Length; i++)
        {
            var solver = new LocalSearchSolver(new LocalSearchSettings { Iterations = iterations });
            served += solver.Solve(instances[i], new SolverOptions { Seed = i + 1 }).Schedule.Count;
        }

        return served;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new ComputedColumn("Greedy served", $"mean users served by greedy (of {Users})", c => Mean(c, greedy: true)));
            AddColumn(new ComputedColumn("Local served", $"mean users served by local search (of {Users})", c => Mean(c, greedy: false)));
        }

        private static string Mean(BenchmarkDotNet.Running.BenchmarkCase c, bool greedy)
        {
            string bandwidth = ComputedColumn.Parameter<string>(c, nameof(Bandwidth));
            int iterations = ComputedColumn.Parameter<int>(c, nameof(Iterations));
            double total = Served.GetOrAdd((bandwidth, greedy ? -1 : iterations), key => key.Item2 < 0
                ? InstancesFor(key.Item1).Sum(instance => new GreedySolver().Solve(instance, SolverOptions.Default).Schedule.Count)
                : Run(InstancesFor(key.Item1), key.Item2));
            return (total / InstanceCount).ToString("F2", CultureInfo.InvariantCulture);
        }
    }
}
