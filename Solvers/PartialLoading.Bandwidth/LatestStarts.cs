namespace PartialLoading.Bandwidth;

/// <summary>
/// The backward pass of docs/model.md §4: the latest time each position's inference may start so that it and every
/// later position still meet their deadlines.
/// </summary>
public static class LatestStarts
{
    /// <summary>
    /// <c>LS_n = T_n − c_n</c> for the last position and <c>LS_n = min(T_n − c_n, LS_{n+1} − L_{n+1} − c_n)</c> before it.
    /// </summary>
    /// <param name="deadlines">T per position.</param>
    /// <param name="inference">c per position.</param>
    /// <param name="loading">L per position: the loading that runs right before that position's inference.</param>
    /// <param name="latestStarts">Receives LS per position; the same length as the inputs.</param>
    public static void Compute(
        ReadOnlySpan<double> deadlines,
        ReadOnlySpan<double> inference,
        ReadOnlySpan<double> loading,
        Span<double> latestStarts)
    {
        int n = deadlines.Length;
        if (inference.Length != n || loading.Length != n || latestStarts.Length != n)
        {
            throw new ArgumentException("Deadlines, inference times, loading times and the result must have one entry per position.");
        }

        double next = double.PositiveInfinity;
        for (int i = n - 1; i >= 0; i--)
        {
            double own = deadlines[i] - inference[i];
            double latest = Math.Min(own, next - inference[i]);
            latestStarts[i] = latest;
            next = latest - loading[i];
        }
    }
}
