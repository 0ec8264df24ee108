namespace PartialLoading.Generation.Scenarios;

/// <summary>Class counts of real downstream tasks, so task heads have the sizes fine-tuned models really have.</summary>
internal static class TransferTasks
{
    /// <summary>
    /// Image classification: the transfer benchmarks of Kornblith et al., "Do Better ImageNet Models Transfer
    /// Better?" (CVPR 2019) — Food-101, CIFAR-10, CIFAR-100, Birdsnap, SUN397, Stanford Cars, FGVC Aircraft, VOC2007,
    /// DTD, Oxford-IIIT Pets, Caltech-101, Oxford 102 Flowers — and ImageNet-1k itself.
    /// </summary>
    public static readonly int[] ImageClasses = [101, 10, 100, 500, 397, 196, 100, 20, 47, 37, 101, 102, 1000];

    /// <summary>Text classification: the GLUE tasks (Wang et al., ICLR 2019) — CoLA, SST-2, MRPC, QQP, MNLI (3), QNLI, RTE, WNLI, STS-B (regression, 1 output).</summary>
    public static readonly int[] TextClasses = [2, 2, 2, 2, 3, 2, 2, 2, 1];

    /// <summary>Draws a class count from <paramref name="classes"/>.</summary>
    public static int Draw(int[] classes, Random random) => classes[random.Next(classes.Length)];
}
