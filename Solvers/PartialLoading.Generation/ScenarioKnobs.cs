namespace PartialLoading.Generation;

/// <summary>
/// The scenario-specific knobs of a <see cref="GenerationRequest"/>. Every scenario takes the common ones (users,
/// seed, bandwidth, loading rate, deadlines, load factor, Zipf exponent, cell radius); these only where they mean
/// something, so that a knob a scenario would silently ignore is refused instead.
/// </summary>
[Flags]
public enum ScenarioKnobs
{
    /// <summary>Only the common knobs.</summary>
    None = 0,

    /// <summary>The number of models (tasks, adapters) to generate.</summary>
    Models = 1,

    /// <summary>The number of clusters (pre-trained backbones).</summary>
    Clusters = 2,

    /// <summary>How much of a model's parameters is shared.</summary>
    SharingRatio = 4,
}
