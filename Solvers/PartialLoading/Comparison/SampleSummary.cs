using MathNet.Numerics.Distributions;

namespace PartialLoading.Comparison;

/// <summary>
/// Mean, standard deviation and the two-sided 95 % Student t confidence interval of the mean of a sample:
/// mean ± t(0.975, n − 1) · s / √n, with s the sample standard deviation (n − 1 in the denominator). The interval
/// assumes independent draws from one distribution, roughly normal for a small n; with n = 1 there is no spread and
/// no interval.
/// </summary>
public sealed record SampleSummary
{
    private SampleSummary(int count, double mean, double? standardDeviation, double? halfWidth)
    {
        Count = count;
        Mean = mean;
        StandardDeviation = standardDeviation;
        HalfWidth = halfWidth;
    }

    /// <summary>n, the sample size.</summary>
    public int Count { get; }

    /// <summary>The sample mean.</summary>
    public double Mean { get; }

    /// <summary>The sample standard deviation; null when n = 1.</summary>
    public double? StandardDeviation { get; }

    /// <summary>Half the width of the 95 % t-interval; null when n = 1.</summary>
    public double? HalfWidth { get; }

    /// <summary>The interval's lower end; null when n = 1.</summary>
    public double? Low => Mean - HalfWidth;

    /// <summary>The interval's upper end; null when n = 1.</summary>
    public double? High => Mean + HalfWidth;

    /// <summary>Summarises <paramref name="sample"/>.</summary>
    /// <exception cref="ArgumentException">The sample is empty or holds a number that is not finite.</exception>
    public static SampleSummary Of(IEnumerable<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        double[] x = [.. sample];
        if (x.Length == 0 || !x.All(double.IsFinite))
        {
            throw new ArgumentException("A sample needs at least one value, all finite.", nameof(sample));
        }

        double mean = x.Average();
        if (x.Length == 1)
        {
            return new SampleSummary(1, mean, null, null);
        }

        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        double t = StudentT.InvCDF(0.0, 1.0, x.Length - 1, 0.975);
        return new SampleSummary(x.Length, mean, sd, t * sd / Math.Sqrt(x.Length));
    }
}
