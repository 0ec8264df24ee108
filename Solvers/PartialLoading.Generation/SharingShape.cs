namespace PartialLoading.Generation;

/// <summary>The sharing structure a scenario promises (checked with <see cref="Core.Sharing.BottomLayerStructure.Detect"/>).</summary>
public enum SharingShape
{
    /// <summary>Clusters with a backbone and disjoint heads (docs/model.md §5).</summary>
    BottomLayer,

    /// <summary>Blocks shared at arbitrary places (docs/model.md §6).</summary>
    General,
}
