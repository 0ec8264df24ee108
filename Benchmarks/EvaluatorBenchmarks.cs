using BenchmarkDotNet.Attributes;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.Benchmarks;

/// <summary>
/// Evaluating a feasible schedule of 10,000 served users (the foundation issue asks for the time). Users are served
/// grouped by model, as a good solver would; every result of every solver passes through this before it is reported.
/// </summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    private Instance _instance = null!;
    private ScheduleEvaluator _evaluator = null!;
    private Schedule _schedule = null!;
    private int[] _order = [];

    [Params(100, 1000)]
    public int Models { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _instance = SyntheticInstances.General(users: 10_000, models: Models, servable: true);
        _order = [.. Enumerable.Range(0, _instance.Users.Length).OrderBy(k => _instance.Users[k].Model)];
        _evaluator = new ScheduleEvaluator(_instance);
        _schedule = OrderPlanner.Plan(_instance, _order).ToSchedule();
        if (!_evaluator.Evaluate(_schedule).IsFeasible)
        {
            throw new InvalidOperationException("The benchmark schedule must be feasible.");
        }
    }

    /// <summary>Timeline and violations with given bandwidths (what every solver result goes through).</summary>
    [Benchmark(Baseline = true)]
    public ScheduleEvaluation EvaluateWithBandwidths() => _evaluator.Evaluate(_schedule);

    /// <summary>Timeline with the least bandwidths derived (<c>plsolve verify</c> without a bandwidth column).</summary>
    [Benchmark]
    public ScheduleEvaluation EvaluateWithDerivedBandwidths() => _evaluator.Evaluate(_order, null);

    /// <summary>The decoupling of docs/model.md §4 on the whole order: instant pass, latest starts, β per user.</summary>
    [Benchmark]
    public OrderPlan PlanOrder() => OrderPlanner.Plan(_instance, _order);
}
