using BenchmarkDotNet.Attributes;
using PartialLoading.Bandwidth;

namespace PartialLoading.Benchmarks;

/// <summary>β evaluations per second (issue target: at least 10 million per second on one core).</summary>
[MemoryDiagnoser]
public class LeastBandwidthBenchmarks
{
    private const int Count = 1 << 16;
    private double[] _saturations = [];

    /// <summary>Where the saturations c = D·ln2/(a·t) are drawn from.</summary>
    [Params("uniform(0,0.999)", "log-uniform(1e-6,1)", "near-pole(1-1e-3,1-1e-9)")]
    public string Saturations { get; set; } = "uniform(0,0.999)";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _saturations = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            _saturations[i] = Saturations switch
            {
                "uniform(0,0.999)" => random.NextDouble() * 0.999,
                "log-uniform(1e-6,1)" => Math.Pow(10, -6 * random.NextDouble()),
                _ => 1 - Math.Pow(10, -3 - (6 * random.NextDouble())),
            };
        }
    }

    /// <summary>One operation is one β evaluation (the benchmark runs <see cref="Count"/> per invocation).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public double Beta()
    {
        double sum = 0;
        foreach (double c in _saturations)
        {
            sum += LeastBandwidth.FromSaturation(1e9, c);
        }

        return sum;
    }
}
