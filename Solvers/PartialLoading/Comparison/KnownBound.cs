namespace PartialLoading.Comparison;

/// <summary>
/// An upper bound on an instance's optimum known before any solver of a comparison runs, with who proved it: the
/// library's <c>results.csv</c>, Σ w (serving everybody), or a bound computed separately. The best of these and of
/// the bounds the solvers prove is every row's <see cref="ComparisonRow.BestBound"/>.
/// </summary>
/// <param name="Value">The bound, Σ w of the served users can be no larger.</param>
/// <param name="By">Who proved it, as shown in <c>best_bound_by</c>: <c>library</c>, <c>total-weight</c>, a bound's name.</param>
/// <param name="ForUsers">
/// K of the instance the bound was proved for, when it was proved apart from the instance read (a library's
/// <c>results.csv</c> may be older than a folder since regenerated): the bound is ignored for an instance of another
/// size. Null: the bound holds for the instance whatever its size.
/// </param>
public sealed record KnownBound(double Value, string By, int? ForUsers = null)
{
    /// <summary>The bound.</summary>
    public double Value { get; } = double.IsFinite(Value) ? Value : throw new ArgumentOutOfRangeException(nameof(Value), Value, "A bound must be a finite number.");

    /// <summary>Who proved it.</summary>
    public string By { get; } = !string.IsNullOrWhiteSpace(By) ? By : throw new ArgumentException("A bound needs a source.", nameof(By));

    /// <summary>True when the bound holds for <paramref name="instance"/> (see <see cref="ForUsers"/>).</summary>
    public bool AppliesTo(Core.Model.Instance instance) => ForUsers is not int users || users == instance.Users.Length;
}
