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
}
