using MathNet.Numerics.Distributions;
using PartialLoading.Generation.Architectures;

namespace PartialLoading.Generation.Scenarios;

/// <summary>
/// <c>llm-lora</c>: one base LLM of about a billion parameters (<see cref="PublishedArchitectures.Llama32OneB"/> at bf16,
/// split into its embedding and 16 decoder layers) serving many tasks through LoRA adapters (Hu et al., "LoRA:
/// Low-Rank Adaptation of Large Language Models", ICLR 2022), kept unmerged as in S-LoRA (Sheng et al., MLSys 2024)
/// and Punica. Every adapter is a head, the base is the backbone: bottom-layer sharing with one cluster, where the
/// first request pays 2.47 GB and every switch afterwards only an adapter.
/// </summary>
/// <remarks>
/// <para>
/// An adapter of rank r (8, 16, 32 or 64) on the query and value projections (the paper's default targets) adds
/// r·(2,048 + 2,048) + r·(2,048 + 512) parameters per adapted layer; each task adapts 4–16 of the 16 layers (a random
/// subset), so adapters are 0.4–14 MB at bf16.
/// </para>
/// <para>
/// Inference is decoding-bound: each generated token reads all weights once, 2.47 GB at the 204.8 GB/s memory
/// bandwidth of a Jetson AGX Orin 64 GB (NVIDIA data sheet), about 12 ms a token; with a 30 ms prefill and
/// 16–256 generated tokens per task, a request takes 0.2–3.1 s. Loading at the default 2,000 MB/s (an NVMe SSD; PCIe
/// 3.0 ×4 drives read about 3.5 GB/s) takes 1.24 s for the base. Requests upload a text prompt.
/// </para>
/// </remarks>
internal sealed class LlmLoraScenario : ModelZooScenario
{
    /// <summary>Decoding time per generated token, s: 2.47 GB of bf16 weights over 204.8 GB/s.</summary>
    public const double SecondsPerToken = 2.4716288 / 204.8;

    /// <summary>Prefill time of a prompt, s.</summary>
    public const double PrefillSeconds = 0.030;

    private static readonly int[] Ranks = [8, 16, 32, 64];

    /// <summary>The scenario with its defaults.</summary>
    public LlmLoraScenario()
        : base(
            "llm-lora",
            "a 1.2B-parameter base LLM (Llama 3.2 1B, per decoder layer) with LoRA adapters of rank 8-64 as task heads (bottom-layer sharing, one cluster)",
            SharingShape.BottomLayer,
            ScenarioKnobs.Models,
            new ScenarioDefaults
            {
                Models = 8,
                LoadRateMbPerSecond = 2000.0,
            })
    {
    }

    /// <summary>Parameters of a rank-<paramref name="rank"/> adapter on the query and value projections of one Llama 3.2 1B layer.</summary>
    public static long AdapterParametersPerLayer(int rank) => ParameterCount.Linear(2048, rank, bias: false) + ParameterCount.Linear(rank, 2048, bias: false)
                                                             + ParameterCount.Linear(2048, rank, bias: false) + ParameterCount.Linear(rank, 512, bias: false);

    /// <inheritdoc/>
    protected override ModelZoo DesignModels(GenerationSettings settings, Random random)
    {
        Architecture llm = PublishedArchitectures.Llama32OneB;
        var zoo = new ModelZoo();
        string[] baseBlocks = [.. llm.Body.Select(l => $"base-{l.Name}")];
        foreach (ArchitectureLayer layer in llm.Body)
        {
            zoo.AddBlock($"base-{layer.Name}", llm.SizeMb(layer.Parameters));
        }

        var layers = new DiscreteUniform(4, llm.Body.Count - 1, random);
        var tokens = new DiscreteUniform(16, 256, random);
        for (int m = 0; m < settings.Models; m++)
        {
            string id = SequentialId.Of("task", m + 1, settings.Models);
            int rank = Ranks[random.Next(Ranks.Length)];
            long parameters = layers.Sample() * AdapterParametersPerLayer(rank);
            string adapter = $"{id}-lora-r{rank}";
            zoo.AddBlock(adapter, llm.SizeMb(parameters));
            double inference = Math.Round(PrefillSeconds + (tokens.Sample() * SecondsPerToken), 4);
            zoo.AddModel(id, inference, PayloadRange.Text, [.. baseBlocks, adapter]);
        }

        return zoo;
    }
}
