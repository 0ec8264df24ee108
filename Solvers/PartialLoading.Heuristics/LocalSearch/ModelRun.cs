namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>A maximal run of consecutive positions serving one model (a batch: no load inside it).</summary>
/// <param name="Start">Its first position.</param>
/// <param name="Length">Its number of positions, at least 1.</param>
/// <param name="Model">The model it serves.</param>
internal readonly record struct ModelRun(int Start, int Length, int Model)
{
    /// <summary>The position just after it.</summary>
    public int End => Start + Length;
}
