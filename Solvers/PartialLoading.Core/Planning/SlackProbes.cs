namespace PartialLoading.Core.Planning;

/// <summary>
/// What exact re-summations of an <see cref="AdmissionSchedule"/> have learnt since its last admission: bounds of
/// <c>G(m)</c>, the total least bandwidth of the runs that move to slack m (those from run <see cref="First"/> on),
/// at the slacks re-summed so far. G decreases in m, so a value known at x bounds G from below for every m ≤ x and
/// from above for every m ≥ x.
/// </summary>
/// <remarks>
/// Without them, offers refused after a re-summation were re-summed again at the next offer: on a common deadline,
/// once the schedule is full, every later offer lands on one of a few slacks (one per model: the end and the deadline
/// are fixed), and each cost O(Count) β evaluations, O(K·Count) for the run. With them each slack is re-summed at most
/// once between admissions. An admission changes the runs, so it clears them.
/// </remarks>
internal sealed class SlackProbes
{
    private readonly List<double> _slacks = []; // ascending
    private readonly List<double> _lower = [];
    private readonly List<double> _upper = [];

    /// <summary>The first moving run the probes describe; −1 when there are none.</summary>
    public int First { get; private set; } = -1;

    /// <summary>Forgets every probe (the runs changed).</summary>
    public void Clear()
    {
        _slacks.Clear();
        _lower.Clear();
        _upper.Clear();
        First = -1;
    }

    /// <summary>Records <paramref name="lower"/> ≤ G(<paramref name="slack"/>) ≤ <paramref name="upper"/> for the runs from <paramref name="first"/> on.</summary>
    public void Record(int first, double slack, double lower, double upper)
    {
        if (first != First)
        {
            Clear();
            First = first;
        }

        int index = _slacks.BinarySearch(slack);
        if (index < 0)
        {
            index = ~index;
            _slacks.Insert(index, slack);
            _lower.Insert(index, 0.0);
            _upper.Insert(index, double.PositiveInfinity);
        }

        // Keep the bounds monotone, so the nearest probe on each side is the tightest.
        _lower[index] = Math.Max(Math.Max(_lower[index], lower), index + 1 < _slacks.Count ? _lower[index + 1] : 0.0);
        _upper[index] = Math.Min(Math.Min(_upper[index], upper), index > 0 ? _upper[index - 1] : double.PositiveInfinity);
        for (int i = index - 1; i >= 0 && _lower[i] < _lower[index]; i--)
        {
            _lower[i] = _lower[index];
        }

        for (int i = index + 1; i < _slacks.Count && _upper[i] > _upper[index]; i++)
        {
            _upper[i] = _upper[index];
        }
    }

    /// <summary>Bounds of G(<paramref name="slack"/>) for the runs from <paramref name="first"/> on: (0, +∞) when nothing is known.</summary>
    public (double Lower, double Upper) Bounds(int first, double slack)
    {
        if (first != First || _slacks.Count == 0)
        {
            return (0.0, double.PositiveInfinity);
        }

        int index = _slacks.BinarySearch(slack);
        if (index >= 0)
        {
            return (_lower[index], _upper[index]);
        }

        index = ~index; // the first probe above the slack
        double lower = index < _slacks.Count ? _lower[index] : 0.0;
        double upper = index > 0 ? _upper[index - 1] : double.PositiveInfinity;
        return (lower, upper);
    }
}
