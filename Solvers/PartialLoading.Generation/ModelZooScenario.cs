using PartialLoading.Core.Model;

namespace PartialLoading.Generation;

/// <summary>
/// The common shape of every scenario: design the models (blocks, inference times, request payloads) from the
/// settings, then let <see cref="InstanceComposer"/> draw the users, channels and deadlines the same way for all.
/// </summary>
internal abstract class ModelZooScenario : IScenario
{
    /// <summary>A scenario with its name, one-sentence summary, promised structure, knobs and defaults.</summary>
    protected ModelZooScenario(string name, string summary, SharingShape shape, ScenarioKnobs knobs, ScenarioDefaults defaults)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        ArgumentNullException.ThrowIfNull(defaults);
        Name = name;
        Summary = summary;
        Shape = shape;
        Knobs = knobs;
        Defaults = defaults;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Summary { get; }

    /// <inheritdoc/>
    public SharingShape Shape { get; }

    /// <inheritdoc/>
    public ScenarioKnobs Knobs { get; }

    /// <inheritdoc/>
    public ScenarioDefaults Defaults { get; }

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
