namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// What the local search maximises, in order: the value; then less busy time (an order that ends earlier leaves
/// room for more users); then less least bandwidth (more budget left for them).
/// </summary>
/// <param name="Value">Σ w of the served users.</param>
/// <param name="BusySeconds">Instant end of the last inference.</param>
/// <param name="LeastBandwidthHz">Σ β over the served users.</param>
internal readonly record struct SequenceScore(double Value, double BusySeconds, double LeastBandwidthHz) : IComparable<SequenceScore>
{
    // Differences below these are rounding, not improvement (values are sums of weights; times and bandwidths sums).
    private const double ValueTolerance = 1e-9;
    private const double RelativeTolerance = 1e-12;

    /// <summary>Positive when this score is better than <paramref name="other"/>, negative when worse, 0 when equal.</summary>
    public int CompareTo(SequenceScore other)
    {
        if (Math.Abs(Value - other.Value) > ValueTolerance * Math.Max(1.0, Math.Abs(other.Value)))
        {
            return Value.CompareTo(other.Value);
        }

        int busy = Smaller(BusySeconds, other.BusySeconds);
        return busy != 0 ? busy : Smaller(LeastBandwidthHz, other.LeastBandwidthHz);
    }

    private static int Smaller(double mine, double theirs)
        => Math.Abs(mine - theirs) <= RelativeTolerance * Math.Max(Math.Abs(mine), Math.Abs(theirs)) ? 0 : theirs.CompareTo(mine);
}
