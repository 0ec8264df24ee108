using System.Collections.Immutable;

namespace PartialLoading.Core;

/// <summary>
/// A schedule (docs/model.md §3): the served users in service order, and the uplink bandwidth of each, aligned by position.
/// Unserved users are simply absent and get no bandwidth.
/// </summary>
public sealed class Schedule
{
    /// <summary>Creates a schedule; the two arrays are aligned by position.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length, or a bandwidth is negative or NaN.</exception>
    public Schedule(ImmutableArray<int> order, ImmutableArray<double> bandwidthsHz)
    {
        if (order.IsDefault || bandwidthsHz.IsDefault || order.Length != bandwidthsHz.Length)
        {
            throw new ArgumentException("A schedule needs exactly one bandwidth per served user.", nameof(bandwidthsHz));
        }

        foreach (double b in bandwidthsHz)
        {
            if (!(b >= 0.0))
            {
                throw new ArgumentException($"Bandwidths must be non-negative, got {b}.", nameof(bandwidthsHz));
            }
        }

        Order = order;
        BandwidthsHz = bandwidthsHz;
    }

    /// <summary>The schedule that serves nobody (always feasible, value 0).</summary>
    public static Schedule Empty { get; } = new([], []);

    /// <summary>User indices in service order, each at most once in a feasible schedule.</summary>
    public ImmutableArray<int> Order { get; }

    /// <summary>Bandwidth of the user at each position, Hz.</summary>
    public ImmutableArray<double> BandwidthsHz { get; }

    /// <summary>The number of served users.</summary>
    public int Count => Order.Length;
}
