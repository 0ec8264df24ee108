namespace PartialLoading.Core.Loading;

/// <summary>What a model switch loads.</summary>
public enum LoadingRule
{
    /// <summary>Only the blocks the next model has and the last one lacks (the problem of docs/model.md §2).</summary>
    SharedBlocks,

    /// <summary>
    /// The whole next model, unless it is the model already in memory: a server that does not exploit parameter
    /// sharing (the <c>full-loading</c> baseline).
    /// </summary>
    FullModel,
}
