using static PartialLoading.Generation.Architectures.ParameterCount;

namespace PartialLoading.Generation.Architectures;

/// <summary>
/// The networks the realistic scenarios are built from, block by block, with their published parameter counts.
/// </summary>
public static class PublishedArchitectures
{
    /// <summary>
    /// ResNet-50 (He et al., CVPR 2016; torchvision's v1.5) at fp32: stem (conv1 + bn1), layer1–layer4 (3, 4, 6, 3
    /// bottleneck blocks of width 64–512, expansion 4) and the fc classifier. Published: 25,557,032 parameters with
    /// the 1,000-class fc (torchvision model card <c>ResNet50_Weights.IMAGENET1K_V1</c>, "num_params 25557032",
    /// https://pytorch.org/vision/stable/models/generated/torchvision.models.resnet50.html).
    /// </summary>
    public static Architecture ResNet50 { get; } = new(
        "ResNet-50",
        [
            new("stem", Convolution(3, 64, 7) + Norm(64)),
            new("layer1", ResNetStage(64, 64, 3)),
            new("layer2", ResNetStage(256, 128, 4)),
            new("layer3", ResNetStage(512, 256, 6)),
            new("layer4", ResNetStage(1024, 512, 3)),
        ],
        classes => Linear(2048, classes),
        publishedClasses: 1000,
        publishedParameters: 25_557_032,
        bytesPerParameter: 4,
        "torchvision ResNet50_Weights.IMAGENET1K_V1: num_params 25,557,032");

    /// <summary>
    /// ViT-B/16 (Dosovitskiy et al., ICLR 2021) at fp32: embedding (16×16 patch projection, class token, 197
    /// position embeddings), 12 encoder layers (width 768, MLP 3,072) and the head (final LayerNorm + classifier).
    /// Published: 86,567,656 parameters with the 1,000-class head (torchvision model card
    /// <c>ViT_B_16_Weights.IMAGENET1K_V1</c>, https://pytorch.org/vision/stable/models/generated/torchvision.models.vit_b_16.html;
    /// "ViT-Base 86M" in the paper's Table 1).
    /// </summary>
    public static Architecture VitB16 { get; } = new(
        "ViT-B/16",
        [
            new("embed", Convolution(3, 768, 16) + 768 + 768 + (197 * 768)),
            .. Enumerable.Range(1, 12).Select(l => new ArchitectureLayer($"enc{l:D2}", TransformerEncoderLayer(768, 3072))),
        ],
        classes => Norm(768) + Linear(768, classes),
        publishedClasses: 1000,
        publishedParameters: 86_567_656,
        bytesPerParameter: 4,
        "torchvision ViT_B_16_Weights.IMAGENET1K_V1: num_params 86,567,656");

    /// <summary>
    /// BERT-base, uncased (Devlin et al., NAACL 2019) at fp32: embeddings (30,522-token vocabulary, 512 positions, 2
    /// segment types, LayerNorm), 12 encoder layers (width 768, MLP 3,072), and the head: pooler plus a task
    /// classifier. Published: "BERT_BASE (L=12, H=768, A=12, Total Parameters=110M)" (the paper, §3), which counts
    /// the pooler but no classifier; configuration from the Hugging Face card <c>bert-base-uncased</c> (config.json).
    /// </summary>
    public static Architecture BertBase { get; } = new(
        "BERT-base",
        [
            new("embed", Embedding(30522, 768) + Embedding(512, 768) + Embedding(2, 768) + Norm(768)),
            .. Enumerable.Range(1, 12).Select(l => new ArchitectureLayer($"enc{l:D2}", TransformerEncoderLayer(768, 3072))),
        ],
        classes => Linear(768, 768) + (classes > 0 ? Linear(768, classes) : 0),
        publishedClasses: 0,
        publishedParameters: 110_000_000,
        bytesPerParameter: 4,
        "Devlin et al. 2019: BERT-base 110M parameters");

    /// <summary>
    /// Llama 3.2 1B (Meta, 2024) at bf16: the token embedding (128,256 × 2,048, tied with the output layer, kept with the
    /// final RMSNorm) and 16 decoder layers (grouped-query attention with 32 query and 8 key/value heads of 64, SwiGLU
    /// MLP of 8,192). Configuration from the Hugging Face card <c>meta-llama/Llama-3.2-1B</c> (config.json:
    /// hidden_size 2048, intermediate_size 8192, num_hidden_layers 16, num_key_value_heads 8, vocab_size 128256,
    /// tie_word_embeddings true, torch_dtype bfloat16); published size "1.23B" parameters (Meta's model card).
    /// </summary>
    public static Architecture Llama32OneB { get; } = new(
        "Llama-3.2-1B",
        [
            new("embed", Embedding(128256, 2048) + RmsNorm(2048)),
            .. Enumerable.Range(1, 16).Select(l => new ArchitectureLayer($"dec{l:D2}", LlamaDecoderLayer(2048, 512, 8192))),
        ],
        head: null,
        publishedClasses: 0,
        publishedParameters: 1_230_000_000,
        bytesPerParameter: 2,
        "Meta Llama 3.2 model card: 1.23B parameters");

    /// <summary>Every architecture above.</summary>
    public static IReadOnlyList<Architecture> All { get; } = [ResNet50, VitB16, BertBase, Llama32OneB];

    /// <summary>
    /// A ResNet stage of bottleneck blocks (1×1 reduce, 3×3, 1×1 expand ×4, each with batch norm); the first block
    /// projects its input with a 1×1 convolution and batch norm.
    /// </summary>
    private static long ResNetStage(int inputs, int width, int blocks)
    {
        long Bottleneck(int input) => Convolution(input, width, 1) + Norm(width)
                                      + Convolution(width, width, 3) + Norm(width)
                                      + Convolution(width, 4 * width, 1) + Norm(4 * width);
        long projection = Convolution(inputs, 4 * width, 1) + Norm(4 * width);
        return Bottleneck(inputs) + projection + ((blocks - 1) * Bottleneck(4 * width));
    }

    /// <summary>A pre-norm or post-norm encoder layer: Q, K, V and output projections, two LayerNorms, a two-layer MLP.</summary>
    private static long TransformerEncoderLayer(int width, int mlp)
        => (4 * Linear(width, width)) + (2 * Norm(width)) + Linear(width, mlp) + Linear(mlp, width);

    /// <summary>A Llama decoder layer: Q, O (width×width), K, V (width×kvWidth), gate, up, down (no biases), two RMSNorms.</summary>
    private static long LlamaDecoderLayer(int width, int kvWidth, int mlp)
        => (2 * Linear(width, width, bias: false)) + (2 * Linear(width, kvWidth, bias: false))
           + (3 * Linear(width, mlp, bias: false)) + (2 * RmsNorm(width));
}
