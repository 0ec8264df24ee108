using PartialLoading.Core.Model;

namespace PartialLoading.Core.Sharing;

/// <summary>
/// How much of an instance's parameters are shared, and in what structure: what <c>plsolve info</c> reports.
/// </summary>
public sealed class SharingStatistics
{
    private SharingStatistics()
    {
    }

    /// <summary>Total size of the distinct blocks that some model uses, MB.</summary>
    public double DistinctMb { get; private init; }

    /// <summary>Total size of the blocks that two or more models use, MB.</summary>
    public double SharedMb { get; private init; }

    /// <summary><see cref="SharedMb"/> / <see cref="DistinctMb"/>: the share of the parameters that is shared.</summary>
    public double SharedFraction => DistinctMb > 0 ? SharedMb / DistinctMb : 0.0;

    /// <summary>Σ over models of their sizes, MB: what loading every model once from empty memory costs.</summary>
    public double TotalModelMb { get; private init; }

    /// <summary>
    /// The mean, over ordered pairs of distinct models, of the size they share, MB: what a switch between two
    /// random models saves on average.
    /// </summary>
    public double MeanPairSharedMb { get; private init; }

    /// <summary>The bottom-layer structure, when it holds.</summary>
    public BottomLayerStructure? BottomLayer { get; private init; }

    /// <summary>When the structure is general: one sentence naming a block that breaks the bottom-layer structure.</summary>
    public string? WhyGeneral { get; private init; }

    /// <summary>Computes the statistics of <paramref name="instance"/>.</summary>
    public static SharingStatistics Of(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        int[][] holders = BottomLayerStructure.HoldersOfBlocks(instance);
        double distinct = 0.0;
        double shared = 0.0;
        double pairShared = 0.0;
        for (int j = 0; j < holders.Length; j++)
        {
            int count = holders[j].Length;
            double size = instance.Blocks[j].SizeMb;
            if (count > 0)
            {
                distinct += size;
            }

            if (count > 1)
            {
                shared += size;
                pairShared += size * count * (count - 1.0);
            }
        }

        int models = instance.Models.Length;
        BottomLayerStructure? structure = BottomLayerStructure.Detect(instance, out string? whyNot);
        return new SharingStatistics
        {
            DistinctMb = distinct,
            SharedMb = shared,
            TotalModelMb = instance.Models.Sum(m => m.SizeMb),
            MeanPairSharedMb = models > 1 ? pairShared / (models * (models - 1.0)) : 0.0,
            BottomLayer = structure,
            WhyGeneral = whyNot,
        };
    }
}
