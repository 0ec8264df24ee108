using PartialLoading.Bandwidth;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// G(δ): the least bandwidth the positions in front of a window need, Σ_{p &lt; a} β_p(σ⁰_p + min(M_p, δ)), as a
/// function of δ, how long after its instant end the prefix's last user may still end (docs/model.md §4: LS_p = σ⁰_p +
/// the least slack from p on, and a window only changes the slack it offers the prefix). M_p is the least slack within
/// the prefix from p on. G is decreasing in δ, and the window changes δ, so a window is only feasible with G counted.
/// </summary>
/// <remarks>
/// An exact value costs one β per prefix position whose slack the new δ moves (all of them with a common deadline),
/// so values are remembered: G at a remembered δ′ ≥ δ bounds G(δ) below, at δ′ ≤ δ above, and the current δ gives
/// the current sum. At most <see cref="ExactLimit"/> exact values per window keep a search's cost bounded; beyond
/// that undecided questions are answered "no", which is safe.
/// </remarks>
internal sealed class PrefixBandwidth
{
    /// <summary>Exact evaluations per window at most.</summary>
    public const int ExactLimit = 48;

    private readonly PlannedSequence _sequence;
    private readonly int _length;
    private readonly double _currentDelta;
    private readonly double _currentValue;
    private readonly List<(double Delta, double Value)> _known = [];

    /// <param name="sequence">The current schedule.</param>
    /// <param name="length">The prefix: positions [0, length).</param>
    /// <param name="currentDelta">δ in the current schedule (+∞ when nothing follows the prefix).</param>
    public PrefixBandwidth(PlannedSequence sequence, int length, double currentDelta)
    {
        _sequence = sequence;
        _length = length;
        _currentDelta = currentDelta;
        _currentValue = sequence.LeastBefore[length];
    }

    /// <summary>Exact evaluations made so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>A lower bound of G(δ).</summary>
    public double Lower(double delta)
    {
        if (_length == 0)
        {
            return 0.0;
        }

        double lower = delta <= _currentDelta ? _currentValue : 0.0;
        foreach ((double at, double value) in _known)
        {
            if (at >= delta && value > lower)
            {
                lower = value;
            }
        }

        return lower;
    }

    /// <summary>An upper bound of G(δ) (+∞ when none is known).</summary>
    public double Upper(double delta)
    {
        if (_length == 0)
        {
            return 0.0;
        }

        double upper = delta >= _currentDelta ? _currentValue : double.PositiveInfinity;
        foreach ((double at, double value) in _known)
        {
            if (at <= delta && value < upper)
            {
                upper = value;
            }
        }

        return upper;
    }

    /// <summary>G(δ) exactly, unless <see cref="ExactLimit"/> evaluations were spent.</summary>
    public bool TryExact(double delta, out double value)
    {
        if (_length == 0)
        {
            value = 0.0;
            return true;
        }

        if (Evaluations >= ExactLimit)
        {
            value = double.NaN;
            return false;
        }

        Evaluations++;
        value = Evaluate(delta);
        _known.Add((delta, value));
        return true;
    }

    private double Evaluate(double delta)
    {
        PlannedSequence s = _sequence;
        double unchangedBelow = Math.Min(delta, _currentDelta);
        double least = double.PositiveInfinity;
        double sum = 0.0;
        int p = _length - 1;
        for (; p >= 0; p--)
        {
            least = Math.Min(least, s.Slack[p]);
            if (least <= unchangedBelow)
            {
                break; // from here to the front LS_p = σ⁰_p + M_p, as now
            }

            double beta = LeastBandwidth.Hz(s.SnrHz[p], s.DataBits[p], s.InstantStart[p] + Math.Min(least, delta));
            if (!double.IsFinite(beta))
            {
                return double.PositiveInfinity;
            }

            sum += beta;
        }

        return sum + s.LeastBefore[p + 1];
    }
}
