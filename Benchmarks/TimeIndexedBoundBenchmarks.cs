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
        // The frontier study's instances (LabelingFrontierStudy): scenario, users, models and seed named in full.
        _instance = Name switch
        {
            "sb40-2" => ScenarioRegistry.Get("synthetic-bottom").Generate(new GenerationRequest { Users = 40, Seed = 2, Name = Name, Deadlines = DeadlineMode.Common }),
            "sg40m20-3" => ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 40, Seed = 3, Models = 20, Name = Name }),
            "sg50-2" => ScenarioRegistry.Get("synthetic-general").Generate(new GenerationRequest { Users = 50, Seed = 2, Name = Name }),
            _ => throw new InvalidOperationException($"No instance is named {Name}."),
        };
        _ = _instance.LoadingTimes.Seconds(0, 0);
    }

    /// <summary>100 subgradient steps at the default step and state limits.</summary>
    [Benchmark]
    public double HundredSteps() => new TimeIndexedBound(iterations: 100).Compute(_instance, BoundBudget.Unlimited).Value;
}
