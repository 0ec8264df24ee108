using System.Collections.Immutable;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Sharing;

/// <summary>
/// The bottom-layer (backbone) sharing structure of docs/model.md §5: models fall into clusters; each cluster has a
/// backbone block set shared by all its models, every other block belongs to exactly one model (its head), and
/// nothing is shared across clusters. Then <c>L(h, i)</c> is 0 for h = i, |H_i|/R within a cluster and
/// (|B_q| + |H_i|)/R across clusters.
/// </summary>
/// <remarks>
/// Detected from the block sets alone: models are joined into clusters through shared blocks (union-find), and
/// the structure holds iff every block is held by one model or by all models of its cluster. A model that shares
/// nothing is a cluster of its own with an empty backbone.
/// </remarks>
public sealed class BottomLayerStructure
{
    private BottomLayerStructure(
        ImmutableArray<ImmutableArray<int>> clusters,
        ImmutableArray<int> clusterOf,
        ImmutableArray<double> backboneMb,
        ImmutableArray<double> headMb)
    {
        Clusters = clusters;
        ClusterOf = clusterOf;
        BackboneMb = backboneMb;
        HeadMb = headMb;
    }

    /// <summary>The models of each cluster, ascending; clusters ordered by their first model.</summary>
    public ImmutableArray<ImmutableArray<int>> Clusters { get; }

    /// <summary>The cluster of each model.</summary>
    public ImmutableArray<int> ClusterOf { get; }

    /// <summary>|B_q|, the backbone size of each cluster in MB (0 for a model that shares nothing).</summary>
    public ImmutableArray<double> BackboneMb { get; }

    /// <summary>|H_i|, the head size of each model in MB.</summary>
    public ImmutableArray<double> HeadMb { get; }

    /// <summary>
    /// Detects the structure. Returns null and sets <paramref name="whyNot"/> to one sentence naming a witness
    /// (<c>block 'b7' is shared by models 'm1' and 'm4' but not by 'm9' of the same cluster</c>) when it does not hold.
    /// </summary>
    public static BottomLayerStructure? Detect(Instance instance, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(instance);
        int models = instance.Models.Length;
        int[][] holdersOf = HoldersOfBlocks(instance);
        (int[] clusterOf, List<List<int>> members) = SharingGroups(models, holdersOf);

        var backbone = new double[members.Count];
        var head = new double[models];
        for (int j = 0; j < holdersOf.Length; j++)
        {
            int[] blockHolders = holdersOf[j];
            if (blockHolders.Length == 0)
            {
                continue; // a block no model uses
            }

            double size = instance.Blocks[j].SizeMb;
            if (blockHolders.Length == 1)
            {
                head[blockHolders[0]] += size;
                continue;
            }

            List<int> cluster = members[clusterOf[blockHolders[0]]];
            if (blockHolders.Length != cluster.Count)
            {
                int outsider = cluster.First(m => Array.IndexOf(blockHolders, m) < 0);
                whyNot = $"block '{instance.Blocks[j].Id}' is shared by models '{instance.Models[blockHolders[0]].Id}' and " +
                         $"'{instance.Models[blockHolders[1]].Id}' but not by '{instance.Models[outsider].Id}' of the same cluster";
                return null;
            }

            backbone[clusterOf[blockHolders[0]]] += size;
        }

        whyNot = null;
        return new BottomLayerStructure(
            [.. members.Select(m => m.ToImmutableArray())],
            [.. clusterOf],
            [.. backbone],
            [.. head]);
    }

    /// <summary>
    /// The groups of models linked by shared blocks (connected components, by union-find): the group of each model
    /// and the members of each group, ascending, groups ordered by their first model.
    /// </summary>
    internal static (int[] GroupOf, List<List<int>> Members) SharingGroups(int models, int[][] holdersOf)
    {
        var parent = new int[models];
        for (int i = 0; i < models; i++)
        {
            parent[i] = i;
        }

        foreach (int[] blockHolders in holdersOf)
        {
            for (int k = 1; k < blockHolders.Length; k++)
            {
                Union(parent, blockHolders[0], blockHolders[k]);
            }
        }

        var groupIndex = new Dictionary<int, int>();
        var groupOf = new int[models];
        var members = new List<List<int>>();
        for (int i = 0; i < models; i++)
        {
            int root = Find(parent, i);
            if (!groupIndex.TryGetValue(root, out int q))
            {
                q = members.Count;
                groupIndex[root] = q;
                members.Add([]);
            }

            groupOf[i] = q;
            members[q].Add(i);
        }

        return (groupOf, members);
    }

    /// <summary>For each block, the models that hold it, ascending.</summary>
    internal static int[][] HoldersOfBlocks(Instance instance)
    {
        var lists = new List<int>[instance.Blocks.Length];
        for (int j = 0; j < lists.Length; j++)
        {
            lists[j] = [];
        }

        for (int i = 0; i < instance.Models.Length; i++)
        {
            foreach (int block in instance.Models[i].Blocks)
            {
                lists[block].Add(i);
            }
        }

        return [.. lists.Select(l => l.ToArray())];
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a);
        int rb = Find(parent, b);
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
