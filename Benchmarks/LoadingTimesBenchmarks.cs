using BenchmarkDotNet.Attributes;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Benchmarks;

/// <summary>
/// Dense matrix against merging sorted block lists on every lookup, for |M| up to 2,000 (the foundation issue asks
/// which is faster): the cost of building the matrix, and of 100,000 lookups of random model pairs.
/// </summary>
[MemoryDiagnoser]
public class LoadingTimesBenchmarks
{
    private const int Lookups = 100_000;
    private Instance _instance = null!;
    private LoadingTimes _dense = null!;
    private LoadingTimes _onDemand = null!;
    private int[] _from = [];
    private int[] _to = [];

    [Params(100, 500, 2000)]
    public int Models { get; set; }

    [Params(12, 48)]
    public int BlocksPerModel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _instance = SyntheticInstances.General(users: 10, models: Models, blocksPerModel: BlocksPerModel);
        _dense = LoadingTimes.Create(_instance, LoadingRule.SharedBlocks);
        _onDemand = LoadingTimes.CreateOnDemand(_instance, LoadingRule.SharedBlocks);
        var random = new Random(7);
        _from = [.. Enumerable.Range(0, Lookups).Select(_ => random.Next(Models))];
        _to = [.. Enumerable.Range(0, Lookups).Select(_ => random.Next(Models))];
    }

    [Benchmark]
    public LoadingTimes BuildDenseMatrix() => LoadingTimes.Create(_instance, LoadingRule.SharedBlocks);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public double LookupDense()
    {
        double sum = 0;
        for (int i = 0; i < Lookups; i++)
        {
            sum += _dense.Seconds(_from[i], _to[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public double LookupByMerge()
    {
        double sum = 0;
        for (int i = 0; i < Lookups; i++)
        {
            sum += _onDemand.Seconds(_from[i], _to[i]);
        }

        return sum;
    }
}
