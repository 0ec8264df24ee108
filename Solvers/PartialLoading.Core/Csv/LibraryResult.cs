namespace PartialLoading.Core.Csv;

/// <summary>
/// One row of <c>instances/results.csv</c>: the best known value of an instance (its schedule is stored as
/// <c>best.csv</c> beside the instance), the best proved upper bound, and who found them.
/// </summary>
/// <param name="Instance">The instance folder's name.</param>
/// <param name="Users">Number of users.</param>
/// <param name="BestValue">Value of the best known schedule (Σ w of the users it serves).</param>
/// <param name="BestBound">Smallest proved upper bound on the value.</param>
/// <param name="Status"><see cref="LibraryStatus.Optimal"/> when the value meets the bound.</param>
/// <param name="Solver">The solver that found the best known schedule.</param>
/// <param name="TimeSeconds">That solver's runtime, s (measured when it was found).</param>
/// <param name="BoundBy">What proved the bound: a solver's name, or <see cref="LibraryResults.TotalWeightBound"/> (serving everybody).</param>
public sealed record LibraryResult(string Instance, int Users, double BestValue, double BestBound, LibraryStatus Status, string Solver, double TimeSeconds, string BoundBy)
{
    /// <summary>The status word of the file: <c>optimal</c> or <c>open</c>.</summary>
    public string StatusWord => Status == LibraryStatus.Optimal ? "optimal" : "open";
}
