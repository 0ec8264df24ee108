namespace PartialLoading.Heuristics.Admission;

/// <summary>
/// Neumaier's variant of Kahan summation: sums of many least bandwidths of very different sizes stay exact enough
/// that Σβ never drifts across the budget check.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>The sum so far.</summary>
    public readonly double Value => _sum + _compensation;

    /// <summary>Adds <paramref name="value"/>.</summary>
    public void Add(double value)
    {
        double t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }
}
