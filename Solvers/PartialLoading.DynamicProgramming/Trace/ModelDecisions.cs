namespace PartialLoading.DynamicProgramming.Trace;

/// <summary>
/// What one model's step of the dynamic program decided, kept for reconstruction: for each value reached after the
/// step, how many of the model's users it serves there (0: the model is not used), and for each value before the
/// step whether the step read it from the "cluster not yet opened" array (so the backbone was paid here).
/// </summary>
internal abstract class ModelDecisions
{
    protected ModelDecisions(Bits fromClosed) => FromClosed = fromClosed;

    /// <summary>Per value before the step: true when the step's source there was the closed array plus the backbone.</summary>
    public Bits FromClosed { get; }

    /// <summary>Bytes held.</summary>
    public abstract long Bytes { get; }

    /// <summary>Users of the model served in the best way to reach <paramref name="value"/>; 0 when the model is unused.</summary>
    public abstract int CountAt(int value);
}

/// <summary>
/// Decisions of a unit-weight step: one "used" bit per value and the window's argmin in unary differences
/// (<see cref="MonotoneSequence"/>), about 4 bits per state in all with <see cref="ModelDecisions.FromClosed"/>.
/// </summary>
internal sealed class SlidingWindowDecisions : ModelDecisions
{
    private readonly Bits _used;
    private readonly MonotoneSequence _argmin;

    public SlidingWindowDecisions(Bits fromClosed, Bits used, MonotoneSequence argmin)
        : base(fromClosed)
    {
        _used = used;
        _argmin = argmin;
    }

    public override long Bytes => FromClosed.Bytes + _used.Bytes + _argmin.Bytes;

    // Values are counts here; entry v−1 of the argmin sequence belongs to value v (values start at 1).
    public override int CountAt(int value) => value > 0 && _used.Get(value) ? value - _argmin[value - 1] : 0;
}

/// <summary>Decisions of a weighted step: the count served at each value, one 32-bit integer per state.</summary>
internal sealed class DenseDecisions : ModelDecisions
{
    private readonly int[] _counts;

    public DenseDecisions(Bits fromClosed, int[] counts)
        : base(fromClosed) => _counts = counts;

    public override long Bytes => FromClosed.Bytes + ((long)_counts.Length * sizeof(int));

    public override int CountAt(int value) => _counts[value];
}
