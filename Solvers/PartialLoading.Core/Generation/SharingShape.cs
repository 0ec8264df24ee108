namespace PartialLoading.Core.Generation;

/// <summary>The sharing structure a scenario promises (checked with <see cref="Sharing.BottomLayerStructure.Detect"/>).</summary>
public enum SharingShape
{
    /// <summary>Clusters with a backbone and disjoint heads (SPEC §5).</summary>
    BottomLayer,

    /// <summary>Blocks shared at arbitrary places (SPEC §6).</summary>
    General,
}
