namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// The value to beat, shared by the threads of one search: read without a lock (a stale, smaller value only prunes
/// less), raised under one so that two threads never both install a schedule for the same value.
/// </summary>
internal sealed class SharedIncumbent(double initial)
{
    private readonly Lock _gate = new();
    private double _value = initial;

    /// <summary>The best value found so far (or the warm start's).</summary>
    public double Value => Volatile.Read(ref _value);

    /// <summary>Raises the value to <paramref name="value"/> if that beats it and <paramref name="accept"/> agrees (it installs the schedule).</summary>
    public bool TryImprove(double value, Func<bool> accept)
    {
        lock (_gate)
        {
            if (value <= _value || !accept())
            {
                return false;
            }

            Volatile.Write(ref _value, value);
            return true;
        }
    }
}
