namespace PartialLoading.Bounds;

/// <summary>What one relaxation proved: an upper bound on the optimum, already rounded outward, and what it cost.</summary>
/// <param name="Relaxation">The relaxation's name (<see cref="IRelaxation.Name"/>).</param>
/// <param name="Value">The bound, ≥ every feasible schedule's value; +∞ when the relaxation proved nothing (see <see cref="Note"/>).</param>
/// <param name="Elapsed">Wall-clock time the relaxation took.</param>
/// <param name="Completed">False when the budget stopped it: <see cref="Value"/> is then the best bound proved so far (still valid) or +∞.</param>
/// <param name="Note">Why it proved nothing (does not apply, stopped), or null.</param>
public sealed record RelaxationBound(string Relaxation, double Value, TimeSpan Elapsed, bool Completed, string? Note = null)
{
    /// <summary>True when <see cref="Value"/> is a finite bound.</summary>
    public bool HasValue => double.IsFinite(Value);
}
