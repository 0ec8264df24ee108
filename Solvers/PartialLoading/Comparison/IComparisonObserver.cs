namespace PartialLoading.Comparison;

/// <summary>
/// Told how a comparison goes, e.g. to draw progress or to save the rows after every instance. Called on the
/// comparison's thread; the calls come in the order Begin, (Solving…, InstanceDone)…, Finished.
/// </summary>
public interface IComparisonObserver
{
    /// <summary>The comparison starts: <paramref name="instances"/> instances, <paramref name="solvesPerInstance"/> solves each (solvers × seeds).</summary>
    void Begin(int instances, int solvesPerInstance);

    /// <summary>Solve number <paramref name="solve"/> (0-based, of solves per instance) starts on the instance at 0-based <paramref name="instance"/>.</summary>
    void Solving(int instance, string instanceName, int solve, string solver, int seed);

    /// <summary>The instance at <paramref name="instance"/> is finished: its rows, and all rows so far.</summary>
    void InstanceDone(int instance, string instanceName, int users, IReadOnlyList<ComparisonRow> instanceRows, IReadOnlyList<ComparisonRow> allRows);

    /// <summary>The comparison ends (finished or cancelled).</summary>
    void Finished();
}
