using System.Globalization;
using MathNet.Numerics.Distributions;

namespace PartialLoading.Core.Generation.Scenarios;

/// <summary>
/// <c>synthetic-general</c>: models of <see cref="Layers"/> aligned layers each, where every layer of every model is,
/// with probability equal to the sharing ratio, one of a few shared variants of that layer (the same pre-trained
/// or merged weights, as in model merging and layer-wise weight sharing across fine-tuned models) and otherwise a
/// private copy. Blocks are thus shared at arbitrary depths, between changing sets of models: the general case of
/// SPEC §6, where the order of service is NP-hard to choose.
/// </summary>
/// <remarks>
/// <para>
/// Layer sizes are 10–60 MB (fp32 transformer and CNN stages: a BERT-base encoder layer is 28.4 MB, a ResNet-50
/// stage 0.9–60 MB; torchvision and Hugging Face model cards), so a model is about 280 MB, between ResNet-50 (102 MB)
/// and BERT-large (1.3 GB). Inference takes 5–30 ms per request (batch-1 GPU latencies of such models), against about
/// 0.3 s to load a whole model at the default 1,000 MB/s: loading dominates, as the PartialLoading paper
/// (Qu et al., arXiv:2503.22982) reports for edge servers. Each layer has max(2, ⌈M/4⌉) shared variants, so a shared
/// variant is held by about 4·ratio models on average. Requests upload a camera frame (<see cref="PayloadRange.CameraFrame"/>).
/// </para>
/// <para>
/// The sharing ratio is the probability that a given layer of a model is a shared variant, hence about the share of a
/// model's parameters that it may find already loaded after a suitable predecessor.
/// </para>
/// </remarks>
public sealed class SyntheticGeneralScenario : ModelZooScenario
{
    /// <summary>Aligned layers per model.</summary>
    public const int Layers = 8;

    /// <inheritdoc/>
    public override string Name => "synthetic-general";

    /// <inheritdoc/>
    public override string Summary => "models of 8 aligned layers; each layer is one of a few shared variants with probability = sharing ratio (general sharing)";

    /// <inheritdoc/>
    public override SharingShape Shape => SharingShape.General;

    /// <inheritdoc/>
    public override ScenarioKnobs Knobs => ScenarioKnobs.Models | ScenarioKnobs.SharingRatio;

    /// <inheritdoc/>
    public override ScenarioDefaults Defaults { get; } = new()
    {
        Models = 10,
        SharingRatio = 0.5,
        LoadRateMbPerSecond = 1000.0,
    };

    /// <inheritdoc/>
    protected override ModelZoo DesignModels(GenerationSettings settings, Random random)
    {
        int models = settings.Models;
        int variants = Math.Max(2, (models + 3) / 4);
        var layerSize = new ContinuousUniform(10.0, 60.0, random);
        var inference = new ContinuousUniform(0.005, 0.030, random);
        var shared = new Bernoulli(settings.SharingRatio, random);
        var variant = new DiscreteUniform(1, variants, random);

        double[] sizes = [.. Enumerable.Range(0, Layers).Select(_ => Math.Round(layerSize.Sample(), 2))];
        string[] ids = [.. Enumerable.Range(1, models).Select(m => SequentialId.Of("m", m, models))];

        // Choose first, then add the blocks layer by layer, so every model lists its blocks bottom to top.
        var blocksOf = new string[models][];
        for (int m = 0; m < models; m++)
        {
            blocksOf[m] = [.. Enumerable.Range(1, Layers).Select(layer => shared.Sample() == 1
                ? string.Create(CultureInfo.InvariantCulture, $"L{layer}-v{variant.Sample()}")
                : $"L{layer}-{ids[m]}")];
        }

        var zoo = new ModelZoo();
        for (int layer = 0; layer < Layers; layer++)
        {
            foreach (string block in blocksOf.Select(b => b[layer]).Distinct().Order(StringComparer.Ordinal))
            {
                zoo.AddBlock(block, sizes[layer]);
            }
        }

        for (int m = 0; m < models; m++)
        {
            zoo.AddModel(ids[m], Math.Round(inference.Sample(), 4), PayloadRange.CameraFrame, blocksOf[m]);
        }

        return zoo;
    }
}
