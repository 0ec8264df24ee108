using PartialLoading.Core.Model;

namespace PartialLoading.Core.Generation;

/// <summary>
/// The common shape of every scenario: design the models (blocks, inference times, request payloads) from the
/// settings, then let <see cref="InstanceComposer"/> draw the users, channels and deadlines the same way for all.
/// </summary>
public abstract class ModelZooScenario : IScenario
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string Summary { get; }

    /// <inheritdoc/>
    public abstract SharingShape Shape { get; }

    /// <inheritdoc/>
    public abstract ScenarioKnobs Knobs { get; }

    /// <inheritdoc/>
    public abstract ScenarioDefaults Defaults { get; }

    /// <inheritdoc/>
    public Instance Generate(GenerationRequest request)
    {
        GenerationSettings settings = GenerationSettings.Resolve(this, request);
        var streams = new RandomStreams(settings.Seed);
        ModelZoo zoo = DesignModels(settings, streams.Create(DrawPurpose.Models));
        return InstanceComposer.Compose(zoo, settings, streams);
    }

    /// <summary>Designs the blocks and models; draws only from <paramref name="random"/> so the models do not depend on the user count.</summary>
    protected abstract ModelZoo DesignModels(GenerationSettings settings, Random random);
}
