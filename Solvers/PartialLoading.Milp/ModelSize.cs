using PartialLoading.Core.Solving;

namespace PartialLoading.Milp;

/// <summary>
/// Refuses instances whose exact model would be hopelessly large, before building it: a model of millions of
/// binaries does not prove anything in any reasonable time and can exhaust memory on the way.
/// </summary>
internal static class ModelSize
{
    /// <summary>Binary variables beyond which an exact model is refused.</summary>
    public const long MaxBinaries = 250_000;

    /// <summary>The binaries of the visit models: users × slots × positions (before fixings).</summary>
    public static long Visits(ExactModelData data)
        => (long)data.UserCount * VisitBounds.MaxVisits(data) * VisitBounds.MaxBatch(data);

    /// <summary>The binaries of the position and circuit models: about users².</summary>
    public static long Quadratic(ExactModelData data) => (long)data.UserCount * data.UserCount;

    /// <exception cref="SolverNotApplicableException">The model would have more than <see cref="MaxBinaries"/> binaries.</exception>
    public static void Check(string solver, ExactModelData data, long binaries)
    {
        if (binaries > MaxBinaries)
        {
            throw new SolverNotApplicableException(
                $"{solver}: {data.UserCount} servable users would need an exact model of about {binaries:N0} binary variables (limit {MaxBinaries:N0})");
        }
    }
}
