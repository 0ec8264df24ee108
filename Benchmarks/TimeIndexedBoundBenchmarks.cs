using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PartialLoading.Bounds;
using PartialLoading.Core.Model;
using PartialLoading.Generation;

namespace PartialLoading.Benchmarks;

/// <summary>
/// The time-indexed relaxation (<c>TimeIndexedBound</c>) on three instances of the labeling frontier, for a fixed number
/// of subgradient steps, so every run does the same work: each step fills the program once (its subsets of served users
/// per batch and step) and traces a best path. Filling the program is where the labeling search spends most of its time
/// once it re-prices suffixes.
/// </summary>
/// <remarks>
/// sg50-2 (δ = 2.85 ms) and sb40-2 (δ = 1.125 ms) are open at 60 s; sg40m20-3 has 20 models, so its loads between
/// models weigh more against its subsets. Macro-benchmarks of seconds: each iteration runs once, without a pilot stage.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TimeIndexedBoundBenchmarks
{
    private Instance _instance = null!;

    [Params("sg50-2", "sb40-2", "sg40m20-3")]
    public string Name { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var request = new GenerationRequest { Users = Name.StartsWith("sg50", StringComparison.Ordinal) ? 50 : 40, Seed = Name[^1] - '0', Name = Name };
        _instance = Name switch
        {
            "sb40-2" => ScenarioRegistry.Get("synthetic-bottom").Generate(request with { Deadlines = DeadlineMode.Common }),
            "sg40m20-3" => ScenarioRegistry.Get("synthetic-general").Generate(request with { Models = 20 }),
            _ => ScenarioRegistry.Get("synthetic-general").Generate(request),
        };
        _ = _instance.LoadingTimes.Seconds(0, 0);
    }

    /// <summary>100 subgradient steps at the default step and state limits.</summary>
    [Benchmark]
    public double HundredSteps() => new TimeIndexedBound(iterations: 100).Compute(_instance, BoundBudget.Unlimited).Value;
}
