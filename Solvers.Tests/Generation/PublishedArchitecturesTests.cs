using PartialLoading.Generation.Architectures;
using PartialLoading.Generation.Scenarios;

namespace PartialLoading.Tests.Generation;

public class PublishedArchitecturesTests
{
    public static IEnumerable<Architecture> Architectures() => PublishedArchitectures.All;

    // The published totals (sources in PublishedArchitectures' doc comments):
    // ResNet-50 25,557,032 and ViT-B/16 86,567,656 (torchvision model cards), BERT-base 110M (Devlin et al. 2019),
    // Llama 3.2 1B 1.23B (Meta's model card).
    [TestCaseSource(nameof(Architectures))]
    public void The_blocks_add_up_to_the_published_parameter_count_within_one_percent(Architecture architecture)
    {
        double relative = Math.Abs(architecture.CountedParameters - architecture.PublishedParameters) / (double)architecture.PublishedParameters;

        Assert.That(relative, Is.LessThan(0.01), $"{architecture.Name}: {architecture.CountedParameters:N0} counted, {architecture.PublishedParameters:N0} published");
    }

    [Test]
    public void ResNet50_and_ViT_B16_match_torchvision_to_the_parameter()
    {
        Assert.That(PublishedArchitectures.ResNet50.CountedParameters, Is.EqualTo(25_557_032));
        Assert.That(PublishedArchitectures.VitB16.CountedParameters, Is.EqualTo(86_567_656));
    }

    [Test]
    public void ResNet50_stages_have_their_known_sizes()
    {
        // Per-stage counts of torchvision's resnet50 (sum of p.numel() over each child module).
        Assert.That(PublishedArchitectures.ResNet50.Body.Select(l => l.Parameters), Is.EqualTo(new long[] { 9_536, 215_808, 1_219_584, 7_098_368, 14_964_736 }));
        Assert.That(PublishedArchitectures.ResNet50.HeadParameters(1000), Is.EqualTo(2_049_000));
    }

    [Test]
    public void Bert_base_and_llama_have_the_sizes_of_their_bare_models()
    {
        // BertModel (with pooler) has 109,482,240 parameters; Llama 3.2 1B (tied embeddings) 1,235,814,400.
        Assert.That(PublishedArchitectures.BertBase.CountedParameters, Is.EqualTo(109_482_240));
        Assert.That(PublishedArchitectures.Llama32OneB.CountedParameters, Is.EqualTo(1_235_814_400));
        Assert.That(PublishedArchitectures.Llama32OneB.SizeMb(PublishedArchitectures.Llama32OneB.CountedParameters), Is.EqualTo(2471.6288).Within(1e-9));
    }

    [Test]
    public void A_LoRA_adapter_on_query_and_value_has_rank_times_in_plus_out_parameters()
    {
        // q_proj 2048→2048 and v_proj 2048→512: r·(2048 + 2048) + r·(2048 + 512).
        Assert.That(LlmLoraScenario.AdapterParametersPerLayer(16), Is.EqualTo(16 * (4096 + 2560)));
    }
}
