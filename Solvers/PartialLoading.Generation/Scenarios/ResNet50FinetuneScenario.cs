using PartialLoading.Generation.Architectures;

namespace PartialLoading.Generation.Scenarios;

/// <summary>
/// <c>resnet50-finetune</c>: ResNet-50 models fine-tuned for different image tasks from a few pre-trained checkpoints
/// (torchvision's IMAGENET1K_V1 and V2, self-supervised ones, …), each checkpoint's tasks freezing its bottom k
/// stages. Models of one checkpoint share those stages (the backbone) and own the rest and their classifier (the
/// head): bottom-layer sharing (docs/model.md §5), one cluster per checkpoint.
/// </summary>
/// <remarks>
/// <para>
/// Blocks are the stem, layer1–layer4 and fc of <see cref="PublishedArchitectures.ResNet50"/> at fp32 (stem 0.04 MB,
/// layer1 0.86, layer2 4.88, layer3 28.39, layer4 59.86 MB; a 1,000-class fc 8.2 MB). Each checkpoint freezes k of
/// the five body stages, k drawn from 2–5 (k = 5 is linear probing; freezing the lower stages and fine-tuning the
/// upper ones is the usual transfer recipe, Yosinski et al., "How transferable are features in deep neural
/// networks?", NeurIPS 2014). Task heads have the class counts of real transfer benchmarks (<see cref="TransferTasks.ImageClasses"/>).
/// </para>
/// <para>
/// Inference takes 8 ms per request (ResNet-50 needs 4.1 GFLOPs per 224×224 image, torchvision model card; fp32
/// batch-1 latency on an edge GPU is a few to ten milliseconds), against 0.1 s to load a whole model at the default
/// 1,000 MB/s (an NVMe read of a PyTorch checkpoint and its copy into GPU memory), so loading is about 90 % of a cold
/// request, as the PartialLoading paper (Qu et al., arXiv:2503.22982) reports. Requests upload a 224×224 image (<see cref="PayloadRange.Image"/>).
/// </para>
/// </remarks>
internal sealed class ResNet50FinetuneScenario : ModelZooScenario
{
    /// <summary>Inference time of one request, s.</summary>
    public const double InferenceSeconds = 0.008;

    /// <summary>The scenario with its defaults.</summary>
    public ResNet50FinetuneScenario()
        : base(
            "resnet50-finetune",
            "ResNet-50 fine-tuned from a few checkpoints with the bottom 2-5 stages frozen (bottom-layer sharing)",
            SharingShape.BottomLayer,
            ScenarioKnobs.Models | ScenarioKnobs.Clusters,
            new ScenarioDefaults
            {
                Models = 12,
                Clusters = 3,
                LoadRateMbPerSecond = 1000.0,
            })
    {
    }

    /// <inheritdoc/>
    protected override ModelZoo DesignModels(GenerationSettings settings, Random random)
    {
        Architecture resnet = PublishedArchitectures.ResNet50;
        var frozen = new MathNet.Numerics.Distributions.DiscreteUniform(2, resnet.Body.Count, random);
        return FrozenBottomFamilies.Design(
            settings,
            random,
            cluster => new FrozenBottomFamilies.Checkpoint($"c{cluster + 1}", resnet, frozen.Sample(), InferenceSeconds, PayloadRange.Image, TransferTasks.ImageClasses));
    }
}
