using MathNet.Numerics.Distributions;
using PartialLoading.Generation.Architectures;

namespace PartialLoading.Generation.Scenarios;

/// <summary>
/// <c>heterogeneous</c>: models of several families built from three pre-trained checkpoints (ViT-B/16, BERT-base,
/// ResNet-50) by surgical fine-tuning — each task fine-tunes one contiguous window of layers, at the bottom, in the
/// middle or at the top, and keeps every other layer of the checkpoint (Lee et al., "Surgical Fine-Tuning Improves
/// Adaptation to Distribution Shifts", ICLR 2023) — plus dual-encoder image–text models that lock the whole ViT and
/// tune a window of BERT (LiT, Zhai et al., "LiT: Zero-Shot Transfer with Locked-image text Tuning", CVPR 2022).
/// Aligned layers are thus shared at arbitrary depths and across families: general sharing (docs/model.md §6).
/// </summary>
/// <remarks>
/// <para>
/// Block sizes are those of <see cref="PublishedArchitectures"/> at fp32. ViT and BERT tasks fine-tune 1–4
/// consecutive encoder layers; ResNet tasks 1–2 consecutive residual stages; dual encoders 1–4 BERT layers and two
/// 768→512 projections. Each model has its own task head (classes of real benchmarks, <see cref="TransferTasks"/>).
/// A model's family is drawn uniformly from the four.
/// </para>
/// <para>
/// Inference: 15 ms (ViT), 10 ms (BERT), 8 ms (ResNet) and 25 ms (dual encoder: both towers) per request, as in
/// <see cref="VitBertFamiliesScenario"/> and <see cref="ResNet50FinetuneScenario"/>; loading at the default 1,000 MB/s.
/// Image and dual-encoder requests upload a 224×224 image, BERT requests a text.
/// </para>
/// </remarks>
internal sealed class HeterogeneousScenario : ModelZooScenario
{
    /// <summary>Inference time of a dual-encoder request (ViT + BERT towers), s.</summary>
    public const double DualEncoderInferenceSeconds = 0.025;

    /// <summary>The scenario with its defaults.</summary>
    public HeterogeneousScenario()
        : base(
            "heterogeneous",
            "ViT, BERT and ResNet-50 tasks fine-tuning one window of layers anywhere, plus LiT dual encoders sharing across families (general sharing)",
            SharingShape.General,
            ScenarioKnobs.Models,
            new ScenarioDefaults
            {
                Models = 16,
                LoadRateMbPerSecond = 1000.0,
            })
    {
    }

    /// <inheritdoc/>
    protected override ModelZoo DesignModels(GenerationSettings settings, Random random)
    {
        Architecture vit = PublishedArchitectures.VitB16;
        Architecture bert = PublishedArchitectures.BertBase;
        Architecture resnet = PublishedArchitectures.ResNet50;
        var transformerWindow = new DiscreteUniform(1, 4, random);
        var resnetWindow = new DiscreteUniform(1, 2, random);

        var designs = new List<ModelDesign>(settings.Models);
        for (int m = 0; m < settings.Models; m++)
        {
            string id = SequentialId.Of("m", m + 1, settings.Models);
            var blocks = new List<BlockDesign>();
            switch (random.Next(4))
            {
                case 0:
                    AddTuned(blocks, id, "vit", vit, 1, transformerWindow.Sample(), random);
                    AddHead(blocks, id, vit, vit.HeadParameters(TransferTasks.Draw(TransferTasks.ImageClasses, random)));
                    designs.Add(new ModelDesign(id, VitBertFamiliesScenario.VitInferenceSeconds, PayloadRange.Image, blocks));
                    break;
                case 1:
                    AddTuned(blocks, id, "bert", bert, 1, transformerWindow.Sample(), random);
                    AddHead(blocks, id, bert, bert.HeadParameters(TransferTasks.Draw(TransferTasks.TextClasses, random)));
                    designs.Add(new ModelDesign(id, VitBertFamiliesScenario.BertInferenceSeconds, PayloadRange.Text, blocks));
                    break;
                case 2:
                    AddTuned(blocks, id, "resnet", resnet, 1, resnetWindow.Sample(), random);
                    AddHead(blocks, id, resnet, resnet.HeadParameters(TransferTasks.Draw(TransferTasks.ImageClasses, random)));
                    designs.Add(new ModelDesign(id, ResNet50FinetuneScenario.InferenceSeconds, PayloadRange.Image, blocks));
                    break;
                default:
                    blocks.AddRange(vit.Body.Select((l, i) => new BlockDesign($"vit-{l.Name}", vit.SizeMb(l.Parameters), Private: false, CheckpointOrder("vit", i))));
                    AddTuned(blocks, id, "bert", bert, 1, transformerWindow.Sample(), random);
                    AddHead(blocks, id, bert, 2 * ParameterCount.Linear(768, 512, bias: false));
                    designs.Add(new ModelDesign(id, DualEncoderInferenceSeconds, PayloadRange.Image, blocks));
                    break;
            }
        }

        // Checkpoint layers first (in network order), then each model's own blocks.
        var zoo = new ModelZoo();
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (BlockDesign block in designs.SelectMany(d => d.Blocks).Where(b => !b.Private).OrderBy(b => b.Order))
        {
            if (added.Add(block.Id))
            {
                zoo.AddBlock(block.Id, block.SizeMb);
            }
        }

        foreach (ModelDesign design in designs)
        {
            foreach (BlockDesign block in design.Blocks.Where(b => b.Private))
            {
                zoo.AddBlock(block.Id, block.SizeMb);
            }

            zoo.AddModel(design.Id, design.InferenceSeconds, design.Payload, [.. design.Blocks.Select(b => b.Id)]);
        }

        return zoo;
    }

    /// <summary>
    /// The body of <paramref name="architecture"/> with a window of <paramref name="window"/> consecutive layers, among
    /// those from index <paramref name="first"/> up, fine-tuned (private to the model); the other layers are the checkpoint's.
    /// </summary>
    private static void AddTuned(List<BlockDesign> blocks, string model, string checkpoint, Architecture architecture, int first, int window, Random random)
    {
        int start = first + random.Next(architecture.Body.Count - first - window + 1);
        for (int l = 0; l < architecture.Body.Count; l++)
        {
            ArchitectureLayer layer = architecture.Body[l];
            bool tuned = l >= start && l < start + window;
            blocks.Add(new BlockDesign(tuned ? $"{model}-{layer.Name}" : $"{checkpoint}-{layer.Name}", architecture.SizeMb(layer.Parameters), tuned, CheckpointOrder(checkpoint, l)));
        }
    }

    private static void AddHead(List<BlockDesign> blocks, string model, Architecture architecture, long parameters)
        => blocks.Add(new BlockDesign($"{model}-head", architecture.SizeMb(parameters), Private: true, Order: 0));

    /// <summary>Where a checkpoint layer goes in blocks.csv: ViT, then BERT, then ResNet, each bottom to top.</summary>
    private static int CheckpointOrder(string checkpoint, int layer) => checkpoint switch
    {
        "vit" => layer,
        "bert" => 100 + layer,
        _ => 200 + layer,
    };

    private sealed record BlockDesign(string Id, double SizeMb, bool Private, int Order);

    private sealed record ModelDesign(string Id, double InferenceSeconds, PayloadRange Payload, List<BlockDesign> Blocks);
}
