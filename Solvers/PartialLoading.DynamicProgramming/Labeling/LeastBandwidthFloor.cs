using PartialLoading.Bandwidth;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// A table of each user's least bandwidth β_k at a grid of upload deadlines, read as a lower bound: β is decreasing, so
/// β at the next grid point above t is at most β(t). The bounds ask for β millions of times at arbitrary t; a look-up
/// costs a multiplication where the closed form costs a Lambert W.
/// </summary>
internal sealed class LeastBandwidthFloor
{
    /// <summary>Grid points per user.</summary>
    public const int Points = 256;

    private readonly double[] _step;
    private readonly double[] _values;

    public LeastBandwidthFloor(SequencingData data, double toleranceSeconds)
    {
        int n = data.Count;
        _step = new double[n];
        _values = new double[n * Points];
        for (int k = 0; k < n; k++)
        {
            // An upload never needs to end after the user's own latest start.
            double horizon = data.Deadline[k] - data.Inference[k] + toleranceSeconds;
            _step[k] = horizon / Points;
            for (int g = 0; g < Points; g++)
            {
                _values[(k * Points) + g] = LeastBandwidth.Hz(data.SnrHz[k], data.DataBits[k], _step[k] * (g + 1));
            }
        }
    }

    /// <summary>A value no larger than β_k(<paramref name="seconds"/>) (and equal at the grid points).</summary>
    public double Below(int user, double seconds)
    {
        double cell = Math.Ceiling(seconds / _step[user]);
        int g = cell < 1.0 ? 0 : cell >= Points ? Points - 1 : (int)cell - 1;
        return _values[(user * Points) + g];
    }
}
