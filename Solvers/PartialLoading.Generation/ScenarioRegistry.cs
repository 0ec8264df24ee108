using PartialLoading.Generation.Scenarios;

namespace PartialLoading.Generation;

/// <summary>The scenarios by name (what <c>plsolve generate --scenario</c> offers).</summary>
public static class ScenarioRegistry
{
    /// <summary>Every scenario, in the order they are listed to people.</summary>
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new ResNet50FinetuneScenario(),
        new VitBertFamiliesScenario(),
        new LlmLoraScenario(),
        new HeterogeneousScenario(),
        new SyntheticGeneralScenario(),
        new SyntheticBottomScenario(),
    ];

    /// <summary>The scenario names.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
    public static IScenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The scenario called <paramref name="name"/>.</summary>
    /// <exception cref="GenerationRequestException">No scenario has that name.</exception>
    public static IScenario Get(string name)
        => Find(name) ?? throw new GenerationRequestException($"unknown scenario '{name}' (known: {string.Join(", ", Names)})");
}
