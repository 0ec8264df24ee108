using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Greedy;

namespace PartialLoading.Benchmarks;

/// <summary>
/// Greedy on 100,000 users and 1,000 models (issue target: at most 1 s), with per-user deadlines and with one common
/// deadline, under ample bandwidth and under a budget that binds (the common deadline is the case where every append
/// moves every latest start, which a backward walk pays for with O(K²) β evaluations).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class GreedyBenchmarks
{
    private static readonly ConcurrentDictionary<(string, string), Instance> Cache = new();
    private Instance _instance = null!;

    [Params("per-user", "common")]
    public string Deadlines { get; set; } = "per-user";

    [Params("ample", "tight")]
    public string Bandwidth { get; set; } = "ample";

    [GlobalSetup]
    public void Setup()
    {
        _instance = InstanceFor(Deadlines, Bandwidth);
        _ = _instance.LoadingTimes; // built once per instance, as a reader of the files would
    }

    [Benchmark]
    public SolverResult Greedy() => new GreedySolver().Solve(_instance, SolverOptions.Default);

    /// <summary>
    /// The instances: SyntheticInstances.General at 100,000 users and 1,000 models; "tight" budgets (20 MHz with
    /// per-user deadlines, 5 MHz with the common one) stop greedy by bandwidth well before deadlines would.
    /// </summary>
    internal static Instance InstanceFor(string deadlines, string bandwidth) => Cache.GetOrAdd((deadlines, bandwidth), key =>
    {
        bool common = key.Item1 == "common";
        double? budget = key.Item2 == "ample" ? null : common ? 5e6 : 2e7;
        return SyntheticInstances.General(users: 100_000, models: 1_000, commonDeadline: common, bandwidthHz: budget);
    });

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new ComputedColumn("Served", "users greedy serves (of 100,000)", c =>
            {
                Instance instance = InstanceFor(ComputedColumn.Parameter<string>(c, nameof(Deadlines)), ComputedColumn.Parameter<string>(c, nameof(Bandwidth)));
                return new GreedySolver().Solve(instance, SolverOptions.Default).Schedule.Count.ToString(CultureInfo.InvariantCulture);
            }));
        }
    }
}
