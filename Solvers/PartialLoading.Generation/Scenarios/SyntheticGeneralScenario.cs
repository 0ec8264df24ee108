using MathNet.Numerics.Distributions;

namespace PartialLoading.Generation.Scenarios;

/// <summary>
/// <c>synthetic-general</c>: a lineage of models, as on a model hub where models are derived from other fine-tuned
/// models: a few root networks of <see cref="Layers"/> layers, and every further model derived from an earlier one (its
/// parent, drawn uniformly), keeping each of the parent's layers with probability equal to the sharing ratio and
/// retraining it (a private copy) otherwise. A block is then held by the models along a branch of the lineage that
/// kept it, which cuts across other branches at arbitrary depths: the general case of docs/model.md §6, where the order of
/// service is NP-hard to choose.
/// </summary>
/// <remarks>
/// <para>
/// There is one root per 8 models (at least one), each with its own layer sizes of 10–60 MB (fp32 transformer and CNN
/// stages: a BERT-base encoder layer is 28.4 MB, a ResNet-50 stage 0.9–60 MB; torchvision and Hugging Face model
/// cards), so a model is about 280 MB, between ResNet-50 (102 MB) and BERT-large (1.3 GB), and one inference time of
/// 5–30 ms per request (batch-1 GPU latencies of such models), against about 0.3 s to load a whole model at the
/// default 1,000 MB/s: loading dominates, as the PartialLoading paper (Qu et al., arXiv:2503.22982) reports for edge
/// servers. Requests upload a camera frame (<see cref="PayloadRange.CameraFrame"/>).
/// </para>
/// <para>
/// The sharing ratio is the expected share of a derived model's layers it keeps from its parent, so served right
/// after its parent (or a child that kept the same layers) a model loads about (1 − ratio) of its size.
/// </para>
/// </remarks>
internal sealed class SyntheticGeneralScenario : ModelZooScenario
{
    /// <summary>Layers per model.</summary>
    public const int Layers = 8;

    /// <summary>Models per root network.</summary>
    public const int ModelsPerRoot = 8;

    /// <summary>The scenario with its defaults.</summary>
    public SyntheticGeneralScenario()
        : base(
            "synthetic-general",
            "a lineage of 8-layer models, each derived from an earlier one keeping each layer with probability = sharing ratio (general sharing)",
            SharingShape.General,
            ScenarioKnobs.Models | ScenarioKnobs.SharingRatio,
            new ScenarioDefaults
            {
                Models = 10,
                SharingRatio = 0.5,
                LoadRateMbPerSecond = 1000.0,
            })
    {
    }

    /// <inheritdoc/>
    protected override ModelZoo DesignModels(GenerationSettings settings, Random random)
    {
        int models = settings.Models;
        int roots = Math.Max(1, (models + ModelsPerRoot - 1) / ModelsPerRoot);
        var layerSize = new ContinuousUniform(10.0, 60.0, random);
        var inference = new ContinuousUniform(0.005, 0.030, random);
        var kept = new Bernoulli(settings.SharingRatio, random);
        string[] ids = [.. Enumerable.Range(1, models).Select(m => SequentialId.Of("m", m, models))];

        // Each model's layers name the block it uses: its own ("L3-m07") or one inherited down the lineage.
        var blocksOf = new string[models][];
        var rootOf = new int[models];
        for (int m = 0; m < models; m++)
        {
            int parent = m < roots ? -1 : random.Next(m);
            rootOf[m] = parent < 0 ? m : rootOf[parent];
            blocksOf[m] = [.. Enumerable.Range(0, Layers).Select(l => parent >= 0 && kept.Sample() == 1 ? blocksOf[parent][l] : $"L{l + 1}-{ids[m]}")];
        }

        double[][] sizes = [.. Enumerable.Range(0, roots).Select(_ => Enumerable.Range(0, Layers).Select(_ => Math.Round(layerSize.Sample(), 2)).ToArray())];
        double[] inferenceOf = [.. Enumerable.Range(0, roots).Select(_ => Math.Round(inference.Sample(), 4))];
        var zoo = new ModelZoo();
        for (int layer = 0; layer < Layers; layer++)
        {
            for (int m = 0; m < models; m++)
            {
                if (blocksOf[m][layer] == $"L{layer + 1}-{ids[m]}")
                {
                    zoo.AddBlock(blocksOf[m][layer], sizes[rootOf[m]][layer]);
                }
            }
        }

        for (int m = 0; m < models; m++)
        {
            zoo.AddModel(ids[m], inferenceOf[rootOf[m]], PayloadRange.CameraFrame, blocksOf[m]);
        }

        return zoo;
    }
}
