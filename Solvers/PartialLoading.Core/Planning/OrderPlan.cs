using System.Collections.Immutable;
using PartialLoading.Bandwidth;

namespace PartialLoading.Core.Planning;

/// <summary>
/// What the decoupling of docs/model.md §4 says about one service order: whether it meets every deadline with instant
/// uploads, the latest starts, the least bandwidth of each user, and so whether any bandwidth split makes it
/// feasible.
/// </summary>
public sealed class OrderPlan
{
    internal OrderPlan(
        ImmutableArray<int> order,
        int firstLatePosition,
        ImmutableArray<double> latestStartsSeconds,
        ImmutableArray<double> leastBandwidthsHz,
        double budgetHz)
    {
        Order = order;
        FirstLatePosition = firstLatePosition;
        LatestStartsSeconds = latestStartsSeconds;
        LeastBandwidthsHz = leastBandwidthsHz;
        BudgetHz = budgetHz;
        double total = 0.0;
        foreach (double beta in leastBandwidthsHz)
        {
            total += beta;
        }

        TotalLeastBandwidthHz = total;
    }

    /// <summary>The order analysed.</summary>
    public ImmutableArray<int> Order { get; }

    /// <summary>The first 0-based position that misses its deadline even with instant uploads, or −1.</summary>
    public int FirstLatePosition { get; }

    /// <summary>True when every deadline is met with instant uploads (the base case of the lemma).</summary>
    public bool MeetsDeadlinesWithInstantUploads => FirstLatePosition < 0;

    /// <summary>LS_n per position, seconds.</summary>
    public ImmutableArray<double> LatestStartsSeconds { get; }

    /// <summary>β_k(LS_n) per position, Hz (+∞ where no bandwidth is enough).</summary>
    public ImmutableArray<double> LeastBandwidthsHz { get; }

    /// <summary>Σ β_k(LS_n), Hz.</summary>
    public double TotalLeastBandwidthHz { get; }

    /// <summary>The budget B, Hz.</summary>
    public double BudgetHz { get; }

    /// <summary>True when the order is feasible with some bandwidth split: instant pass met and Σβ ≤ B.</summary>
    public bool IsFeasible => MeetsDeadlinesWithInstantUploads && BandwidthAllocator.Fits(TotalLeastBandwidthHz, BudgetHz);

    /// <summary>The schedule with the default split: β each, the surplus in proportion to β (docs/model.md §4).</summary>
    /// <exception cref="InvalidOperationException">The order is not feasible.</exception>
    public Schedule ToSchedule()
    {
        if (!IsFeasible)
        {
            throw new InvalidOperationException("An infeasible order has no bandwidth allocation.");
        }

        var allocated = new double[Order.Length];
        BandwidthAllocator.TryAllocate(LeastBandwidthsHz.AsSpan(), BudgetHz, allocated);
        return new Schedule(Order, ImmutableArray.Create(allocated));
    }
}
