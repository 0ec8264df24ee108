using System.Globalization;
using MathNet.Numerics.Distributions;

namespace PartialLoading.Generation.Scenarios;

/// <summary>
/// <c>synthetic-bottom</c>: clusters of models fine-tuned from one pre-trained network each, with the bottom layers
/// frozen (shared within the cluster: the backbone) and the top layers plus a task classifier fine-tuned (private:
/// the head). Bottom-layer sharing (docs/model.md §5), the case the dynamic program solves exactly under a common deadline.
/// </summary>
/// <remarks>
/// <para>
/// Each cluster's network has 6–10 layers of 10–60 MB (the sizes of <see cref="SyntheticGeneralScenario"/>) and one
/// inference time of 5–30 ms; its bottom ⌊ratio·depth + ½⌋ layers (at most depth − 1) are frozen, so the sharing
/// ratio is about the share of a model's parameters in its backbone. Classifiers are 0.1–8 MB (a 2,048-wide fp32
/// linear layer for 12 to 1,000 classes). Models are spread over the clusters at random, each cluster getting at
/// least one. Requests upload a camera frame (<see cref="PayloadRange.CameraFrame"/>).
/// </para>
/// </remarks>
internal sealed class SyntheticBottomScenario : ModelZooScenario
{
    /// <summary>The scenario with its defaults.</summary>
    public SyntheticBottomScenario()
        : base(
            "synthetic-bottom",
            "clusters of models fine-tuned with frozen bottom layers (backbone share = sharing ratio); bottom-layer sharing",
            SharingShape.BottomLayer,
            ScenarioKnobs.Models | ScenarioKnobs.Clusters | ScenarioKnobs.SharingRatio,
            new ScenarioDefaults
            {
                Models = 10,
                Clusters = 3,
                SharingRatio = 0.7,
                LoadRateMbPerSecond = 1000.0,
            })
    {
    }

    /// <inheritdoc/>
    protected override ModelZoo DesignModels(GenerationSettings settings, Random random)
    {
        int models = settings.Models;
        int clusters = settings.Clusters;
        var depth = new DiscreteUniform(6, 10, random);
        var layerSize = new ContinuousUniform(10.0, 60.0, random);
        var inference = new ContinuousUniform(0.005, 0.030, random);
        var classifier = new ContinuousUniform(0.1, 8.0, random);

        int[] clusterOf = [.. Enumerable.Range(0, models).Select(m => m < clusters ? m : random.Next(clusters))];
        var zoo = new ModelZoo();
        var networks = new Network[clusters];
        for (int q = 0; q < clusters; q++)
        {
            double[] sizes = [.. Enumerable.Range(0, depth.Sample()).Select(_ => Math.Round(layerSize.Sample(), 2))];
            int frozen = Math.Min(sizes.Length - 1, (int)Math.Floor((settings.SharingRatio * sizes.Length) + 0.5));
            string[] backbone = [.. Enumerable.Range(1, frozen).Select(l => string.Create(CultureInfo.InvariantCulture, $"c{q + 1}-L{l}"))];
            for (int l = 0; l < frozen; l++)
            {
                zoo.AddBlock(backbone[l], sizes[l]);
            }

            networks[q] = new Network(sizes, backbone, Math.Round(inference.Sample(), 4));
        }

        for (int m = 0; m < models; m++)
        {
            string id = SequentialId.Of("m", m + 1, models);
            Network network = networks[clusterOf[m]];
            var blocks = new List<string>(network.Backbone);
            for (int l = network.Backbone.Length; l < network.LayerSizes.Length; l++)
            {
                string block = string.Create(CultureInfo.InvariantCulture, $"{id}-L{l + 1}");
                zoo.AddBlock(block, network.LayerSizes[l]);
                blocks.Add(block);
            }

            zoo.AddBlock($"{id}-fc", Math.Round(classifier.Sample(), 2));
            blocks.Add($"{id}-fc");
            zoo.AddModel(id, network.InferenceSeconds, PayloadRange.CameraFrame, blocks);
        }

        return zoo;
    }

    private sealed record Network(double[] LayerSizes, string[] Backbone, double InferenceSeconds);
}
