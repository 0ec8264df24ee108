using PartialLoading.Core.Model;

namespace PartialLoading.Generation;

/// <summary>
/// An instance generator: a family of models (with their sharing structure) and a population of users requesting
/// them. The same <see cref="GenerationRequest"/> always gives the same instance.
/// </summary>
public interface IScenario
{
    /// <summary>The name <c>plsolve generate --scenario</c> knows it by.</summary>
    string Name { get; }

    /// <summary>One sentence on what the scenario models.</summary>
    string Summary { get; }

    /// <summary>The sharing structure every instance of the scenario has.</summary>
    SharingShape Shape { get; }

    /// <summary>The scenario-specific knobs it takes (beyond the common ones).</summary>
    ScenarioKnobs Knobs { get; }

    /// <summary>The values used for whatever the request leaves open.</summary>
    ScenarioDefaults Defaults { get; }

    /// <summary>Generates an instance.</summary>
    /// <exception cref="GenerationRequestException">The request is out of range or sets a knob the scenario does not take.</exception>
    Instance Generate(GenerationRequest request);
}
