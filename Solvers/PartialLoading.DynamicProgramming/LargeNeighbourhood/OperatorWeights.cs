namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// The adaptive choice among destroy operators of Ropke &amp; Pisinger's ALNS (Transportation Science 40(4), 2006):
/// roulette-wheel selection by weight; over each segment of iterations an operator collects scores for what its moves
/// achieved, and at the segment's end its weight moves towards its average score per use.
/// </summary>
internal sealed class OperatorWeights
{
    /// <summary>Score of a move that found a new best schedule.</summary>
    public const double NewBest = 33.0;

    /// <summary>Score of a move that improved the current schedule.</summary>
    public const double Improved = 9.0;

    /// <summary>Score of a sideways move that was kept (as good as the current schedule, another one).</summary>
    public const double Sideways = 3.0;

    private const int SegmentLength = 50;
    private const double Reaction = 0.2;
    private const double LeastWeight = 0.05;

    private readonly double[] _weights;
    private readonly double[] _scores;
    private readonly int[] _uses;
    private int _sinceUpdate;

    /// <param name="count">Number of operators.</param>
    public OperatorWeights(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _weights = new double[count];
        Array.Fill(_weights, 1.0);
        _scores = new double[count];
        _uses = new int[count];
    }

    /// <summary>The current weights (for notes and tests).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>An operator drawn with probability proportional to its weight.</summary>
    public int Choose(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double total = 0.0;
        foreach (double w in _weights)
        {
            total += w;
        }

        double draw = random.NextDouble() * total;
        for (int i = 0; i < _weights.Length - 1; i++)
        {
            draw -= _weights[i];
            if (draw < 0.0)
            {
                return i;
            }
        }

        return _weights.Length - 1;
    }

    /// <summary>Records one use of <paramref name="op"/> and what it scored; every segment the weights move.</summary>
    public void Record(int op, double score)
    {
        _uses[op]++;
        _scores[op] += score;
        if (++_sinceUpdate < SegmentLength)
        {
            return;
        }

        _sinceUpdate = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            if (_uses[i] > 0)
            {
                _weights[i] = Math.Max(LeastWeight, ((1.0 - Reaction) * _weights[i]) + (Reaction * _scores[i] / _uses[i]));
            }

            _scores[i] = 0.0;
            _uses[i] = 0;
        }
    }
}
