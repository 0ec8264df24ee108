using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Sharing;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;

namespace PartialLoading.Benchmarks;

/// <summary>
/// The <c>dp</c> solver on the two target sizes (100,000 users over 1,000 models in 50 clusters, ≤ 1 s; and
/// 1,000,000 users over 100 models, ≤ 2 s), stage by stage: the whole solve, the applicability checks and grouping
/// (with the structure detection alone), the dynamic program, the order, and the bandwidth test; plus the
/// evaluator's re-verification that <c>SolverRunner</c> adds. Reading files is excluded: instances are built in memory.
/// </summary>
/// <remarks>
/// Macro-benchmarks of up to seconds: the monitoring strategy runs each iteration once, without a pilot stage. The
/// loading-time matrix is built in the setup (it is cached per instance; 1,000 models take a few milliseconds).
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class DynamicProgrammingBenchmarks
{
    private Instance _instance = null!;
    private BottomLayerProblem _problem = null!;
    private RelaxedOptimum _relaxed = null!;
    private int[] _order = [];
    private SolverResult _result = null!;

    [Params("100k users, 1000 models, 50 clusters", "1M users, 100 models, 10 clusters")]
    public string Size { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _instance = Size.StartsWith("100k", StringComparison.Ordinal)
            ? BottomLayerInstances.Create(users: 100_000, models: 1_000, clusters: 50)
            : BottomLayerInstances.Create(users: 1_000_000, models: 100, clusters: 10);
        _ = _instance.LoadingTimes.Seconds(0, 0);
        _problem = BottomLayerProblem.Prepare(_instance);
        _relaxed = BusyTimeProgram.Solve(_problem)!;
        _order = ServiceOrder.Build(_problem, _relaxed.Counts);
        _result = new DynamicProgrammingSolver().Solve(_instance, SolverOptions.Default);
        if (_result.Status != SolverStatus.Optimal)
        {
            throw new InvalidOperationException("The benchmark instances are meant to pass the bandwidth test.");
        }
    }

    /// <summary>Everything <c>plsolve solve --solver dp</c> times as the solver's runtime.</summary>
    [Benchmark(Baseline = true)]
    public SolverResult Solve() => new DynamicProgrammingSolver().Solve(_instance, SolverOptions.Default);

    /// <summary>Detecting the bottom-layer structure (union-find over block holders).</summary>
    [Benchmark]
    public BottomLayerStructure? DetectStructure() => BottomLayerStructure.Detect(_instance, out _);

    /// <summary>The applicability checks (structure, deadline, weights) and grouping the users by model.</summary>
    [Benchmark]
    public object Prepare() => BottomLayerProblem.Prepare(_instance);

    /// <summary>The dynamic program with its reconstruction.</summary>
    [Benchmark]
    public object? DynamicProgram() => BusyTimeProgram.Solve(_problem);

    /// <summary>Choosing and ordering the users of each batch.</summary>
    [Benchmark]
    public int[] Order() => ServiceOrder.Build(_problem, _relaxed.Counts);

    /// <summary>The bandwidth test of docs/model.md §4 on the order, with the default split.</summary>
    [Benchmark]
    public object BandwidthTest() => OrderPlanner.Plan(_instance, _order).ToSchedule();

    /// <summary>What <c>SolverRunner</c> adds after the solve: the evaluator's recomputation of the schedule.</summary>
    [Benchmark]
    public ScheduleEvaluation Verify() => new ScheduleEvaluator(_instance).Evaluate(_result.Schedule);
}
