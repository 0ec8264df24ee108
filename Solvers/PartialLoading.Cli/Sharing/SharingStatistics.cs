using System.Collections.Immutable;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;

namespace PartialLoading.Cli.Sharing;

/// <summary>
/// How much of an instance's parameters are shared, and in what structure: what <c>plsolve info</c> reports.
/// </summary>
/// <remarks>
/// The saving statistics look only at the models that some user requests (all models when there are no users):
/// a model nobody asks for is never loaded, so what it shares cannot shorten any schedule.
/// </remarks>
internal sealed class SharingStatistics
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

    /// <summary>The models some user requests (all models when there are no users), ascending.</summary>
    public ImmutableArray<int> RequestedModels { get; private init; }

    /// <summary>The largest size two distinct requested models share, MB (0 with fewer than two).</summary>
    public double MaxRequestedPairSharedMb { get; private init; }

    /// <summary>The mean, over ordered pairs of distinct requested models, of the size they share, MB.</summary>
    public double MeanRequestedPairSharedMb { get; private init; }

    /// <summary>
    /// For each requested model (aligned with <see cref="RequestedModels"/>), the loading it saves, MB, when it is
    /// served right after the requested model it shares most with: its best possible predecessor.
    /// </summary>
    public ImmutableArray<double> BestPredecessorSavingMb { get; private init; }

    /// <summary>Mean of <see cref="BestPredecessorSavingMb"/>, MB.</summary>
    public double MeanBestPredecessorSavingMb => BestPredecessorSavingMb.IsEmpty ? 0.0 : BestPredecessorSavingMb.Average();

    /// <summary>Mean over requested models of the share of their size that their best predecessor saves.</summary>
    public double MeanBestPredecessorSavedFraction { get; private init; }

    /// <summary>How many requested models share something with another requested model.</summary>
    public int RequestedModelsWithPartner => BestPredecessorSavingMb.Count(s => s > 0.0);

    /// <summary>Sizes of the groups of models linked by shared blocks (the clusters when the structure is bottom-layer), largest first.</summary>
    public ImmutableArray<int> GroupSizes { get; private init; }

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
        int[] requested = instance.Users.IsEmpty
            ? [.. Enumerable.Range(0, models)]
            : [.. instance.Users.Select(u => u.Model).Distinct().Order()];
        PairSavings pairs = RequestedPairSavings(instance, holders, requested);
        BottomLayerStructure? structure = BottomLayerStructure.Detect(instance, out string? whyNot);
        return new SharingStatistics
        {
            DistinctMb = distinct,
            SharedMb = shared,
            TotalModelMb = instance.Models.Sum(m => m.SizeMb),
            MeanPairSharedMb = models > 1 ? pairShared / (models * (models - 1.0)) : 0.0,
            RequestedModels = [.. requested],
            MaxRequestedPairSharedMb = pairs.Max,
            MeanRequestedPairSharedMb = requested.Length > 1 ? pairs.Sum / (requested.Length * (requested.Length - 1.0)) : 0.0,
            BestPredecessorSavingMb = [.. pairs.Best],
            MeanBestPredecessorSavedFraction = requested.Length == 0 ? 0.0 : requested.Select((m, r) => pairs.Best[r] / instance.Models[m].SizeMb).Average(),
            GroupSizes = [.. BottomLayerStructure.SharingGroups(models, holders).Members.Select(g => g.Count).OrderDescending()],
            BottomLayer = structure,
            WhyGeneral = whyNot,
        };
    }

    /// <summary>
    /// Shared sizes between requested models, one row at a time through the block→model incidence (never a
    /// |M|×|M| matrix, so it scales to many models): the best partner of each, and the sum and maximum over pairs.
    /// </summary>
    private static PairSavings RequestedPairSavings(Instance instance, int[][] holders, int[] requested)
    {
        var rankOf = new int[instance.Models.Length];
        Array.Fill(rankOf, -1);
        for (int r = 0; r < requested.Length; r++)
        {
            rankOf[requested[r]] = r;
        }

        var best = new double[requested.Length];
        var row = new double[requested.Length];
        double sum = 0.0;
        double max = 0.0;
        for (int r = 0; r < requested.Length; r++)
        {
            Array.Clear(row);
            foreach (int block in instance.Models[requested[r]].Blocks)
            {
                double size = instance.Blocks[block].SizeMb;
                foreach (int holder in holders[block])
                {
                    if (rankOf[holder] >= 0)
                    {
                        row[rankOf[holder]] += size;
                    }
                }
            }

            row[r] = 0.0; // a model is not its own partner
            foreach (double value in row)
            {
                sum += value;
                max = Math.Max(max, value);
                best[r] = Math.Max(best[r], value);
            }
        }

        return new PairSavings(best, sum, max);
    }

    private sealed record PairSavings(double[] Best, double Sum, double Max);
}
