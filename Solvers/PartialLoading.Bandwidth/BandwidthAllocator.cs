namespace PartialLoading.Bandwidth;

/// <summary>
/// Splits the budget B among served users who need at least β each (docs/model.md §4): every user gets its least
/// bandwidth, and what is left over is handed out in proportion to β so all get the same relative margin.
/// </summary>
public static class BandwidthAllocator
{
    /// <summary>The relative tolerance on the budget: Σb ≤ B·(1 + 1e-9) (docs/model.md §3).</summary>
    public const double BudgetTolerance = 1e-9;

    /// <summary>True when least bandwidths totalling <paramref name="totalLeast"/> fit in the budget (docs/model.md §3 tolerance).</summary>
    public static bool Fits(double totalLeast, double budgetHz) => totalLeast <= budgetHz * (1.0 + BudgetTolerance);

    /// <summary>
    /// Writes each user's bandwidth into <paramref name="allocated"/>: β·B/Σβ when Σβ ≤ B, exactly β when Σβ
    /// exceeds B by no more than the tolerance.
    /// </summary>
    /// <returns>False, writing nothing, when the least bandwidths do not fit the budget.</returns>
    public static bool TryAllocate(ReadOnlySpan<double> least, double budgetHz, Span<double> allocated)
    {
        if (allocated.Length != least.Length)
        {
            throw new ArgumentException("One allocation per user is needed.", nameof(allocated));
        }

        double total = 0.0;
        foreach (double beta in least)
        {
            total += beta;
        }

        if (!Fits(total, budgetHz))
        {
            return false;
        }

        double scale = total > 0.0 && total <= budgetHz ? budgetHz / total : 1.0;
        for (int i = 0; i < least.Length; i++)
        {
            allocated[i] = least[i] * scale;
        }

        return true;
    }
}
