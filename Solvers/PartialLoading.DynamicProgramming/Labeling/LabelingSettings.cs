namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>Settings of the <c>labeling</c> solver beyond <see cref="Core.Solving.SolverOptions"/>.</summary>
public sealed record LabelingSettings
{
    /// <summary>The settings by default: a memory limit of <see cref="DefaultMemoryLimitMegabytes"/>.</summary>
    public static LabelingSettings Default { get; } = new();

    /// <summary>The memory limit by default, MB: room for about 14 million labels up to 64 users.</summary>
    public const int DefaultMemoryLimitMegabytes = 2048;

    /// <summary>
    /// Memory the search may use, in MB (≥ 16). An instance whose fixed tables alone would take more than half of it is
    /// refused; the rest holds the dominance labels, and once it is full new labels are still checked against the kept
    /// ones but no longer kept (the search stays exact, it only prunes less).
    /// </summary>
    public int MemoryLimitMegabytes
    {
        get;
        init => field = value >= 16 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The memory limit must be at least 16 MB.");
    } = DefaultMemoryLimitMegabytes;

    /// <summary>
    /// Whether the time-indexed relaxation (<see cref="Bounds.TimeIndexedBound"/>) runs for a search that has not ended
    /// within 2 % of its time limit (at most 1 s): on one thread it pauses the search for at most a tenth of the limit,
    /// on more it runs beside it (default true). It charges every load of every batch, which the search's own bounds do
    /// not, so its bound is often far lower than the search's open one (sg50-1: 28 against 34): the reported bound is the
    /// lower of the two, the search ends, proved, as soon as the incumbent meets it, and its program read forwards bounds
    /// every node from then on (<see cref="TimeIndexedNodeBound"/>). It holds at most
    /// 1/<see cref="RootRelaxationMemoryDivisor"/> of the memory limit; the labels get the rest.
    /// </summary>
    public bool RootRelaxation { get; init; } = true;

    /// <summary>The root relaxation may hold 1/this of <see cref="MemoryLimitMegabytes"/>.</summary>
    public const int RootRelaxationMemoryDivisor = 16;
}
