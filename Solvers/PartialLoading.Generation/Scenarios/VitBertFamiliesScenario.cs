using MathNet.Numerics.Distributions;
using PartialLoading.Generation.Architectures;

namespace PartialLoading.Generation.Scenarios;

/// <summary>
/// <c>vit-bert-families</c>: two families of fine-tuned transformers, ViT-B/16 for image tasks and BERT-base for
/// text tasks, each from one or more pre-trained checkpoints that freeze the embedding and the bottom k encoder
/// layers. Bottom-layer sharing (docs/model.md §5) with at least two clusters (clusters alternate ViT, BERT, ViT, …).
/// </summary>
/// <remarks>
/// <para>
/// Blocks are the embedding, the 12 encoder layers and the task head of <see cref="PublishedArchitectures.VitB16"/>
/// and <see cref="PublishedArchitectures.BertBase"/> at fp32 (an encoder layer is 28.35 MB in both; the embedding
/// 2.97 MB for ViT, 95.35 MB for BERT's 30,522-token vocabulary). Each checkpoint freezes k = 4–12 encoder layers
/// (k = 12 is linear probing; partial freezing of the lower layers is the usual parameter-efficient transfer
/// baseline, e.g. Lee et al., "What would Elsa do? Freezing layers during transformer fine-tuning", 2019). Heads:
/// ViT's final LayerNorm and classifier for the image benchmarks of <see cref="TransferTasks.ImageClasses"/>; BERT's
/// pooler and classifier for the GLUE tasks of <see cref="TransferTasks.TextClasses"/>.
/// </para>
/// <para>
/// Inference: ViT-B/16 needs 17.6 GFLOPs per image (torchvision card), about four times ResNet-50's 4.1, but runs
/// more efficiently on GPUs; we take 15 ms per request. BERT-base at 128 tokens needs about 2 × 86 M × 128 ≈ 22
/// GFLOPs; 10 ms. Loading a whole model takes 0.35–0.44 s at the default 1,000 MB/s. ViT requests upload a 224×224
/// image, BERT requests a text of 128–2,048 tokens.
/// </para>
/// </remarks>
internal sealed class VitBertFamiliesScenario : ModelZooScenario
{
    /// <summary>Inference time of a ViT-B/16 request, s.</summary>
    public const double VitInferenceSeconds = 0.015;

    /// <summary>Inference time of a BERT-base request, s.</summary>
    public const double BertInferenceSeconds = 0.010;

    /// <summary>The scenario with its defaults.</summary>
    public VitBertFamiliesScenario()
        : base(
            "vit-bert-families",
            "ViT-B/16 and BERT-base fine-tuned with the embedding and 4-12 bottom encoder layers frozen (bottom-layer sharing, 2+ clusters)",
            SharingShape.BottomLayer,
            ScenarioKnobs.Models | ScenarioKnobs.Clusters,
            new ScenarioDefaults
            {
                Models = 12,
                Clusters = 2,
                LoadRateMbPerSecond = 1000.0,
            })
    {
    }

    /// <inheritdoc/>
    protected override ModelZoo DesignModels(GenerationSettings settings, Random random)
    {
        if (settings.Clusters < 2)
        {
            throw new GenerationRequestException($"scenario '{Name}' needs at least 2 clusters (one per family), got {settings.Clusters}");
        }

        var frozenEncoders = new DiscreteUniform(4, 12, random);
        return FrozenBottomFamilies.Design(settings, random, cluster =>
        {
            bool vision = cluster % 2 == 0;
            string id = vision ? $"vit{(cluster / 2) + 1}" : $"bert{(cluster / 2) + 1}";
            return vision
                ? new FrozenBottomFamilies.Checkpoint(id, PublishedArchitectures.VitB16, 1 + frozenEncoders.Sample(), VitInferenceSeconds, PayloadRange.Image, TransferTasks.ImageClasses)
                : new FrozenBottomFamilies.Checkpoint(id, PublishedArchitectures.BertBase, 1 + frozenEncoders.Sample(), BertInferenceSeconds, PayloadRange.Text, TransferTasks.TextClasses);
        });
    }
}
