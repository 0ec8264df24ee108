using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;

namespace PartialLoading.Bounds;

/// <summary>
/// The servable users of a bottom-layer instance with a common deadline, in the form the dynamic programs of docs/model.md
/// §5 work on: models with servable users grouped by cluster, each model's head loading h'_i (0 for the initial
/// model) and inference time, each cluster's backbone loading b'_q (0 for the initial model's cluster), and each
/// model's users.
/// </summary>
/// <remarks>
/// Every order of a served set S loads at least Σ_{i used} h'_i + Σ_{q used} b'_q: every batch of model i loads its
/// head except one that starts at time 0 on the initial model, every visit of cluster q loads its backbone except one
/// that starts at time 0 in the initial model's cluster, and only one batch and one visit start at time 0 (the
/// argument of the <c>dp</c> solver, docs/model.md §5). So S is schedulable with instant uploads only if
/// Σ_{k∈S} c_k + that loading ≤ T; the canonical order attains it.
/// </remarks>
internal sealed class BackboneLayout
{
    private BackboneLayout(double deadline, List<int[]> clusters, double[] backbone, Dictionary<int, double> head, Dictionary<int, List<int>> users)
    {
        Deadline = deadline;
        Clusters = clusters;
        BackboneSeconds = backbone;
        HeadSeconds = head;
        UsersOf = users;
    }

    /// <summary>The common deadline T.</summary>
    public double Deadline { get; }

    /// <summary>Instance model indices per cluster (only models with servable users, only clusters with such models).</summary>
    public List<int[]> Clusters { get; }

    /// <summary>b'_q per entry of <see cref="Clusters"/>.</summary>
    public double[] BackboneSeconds { get; }

    /// <summary>h'_i per model of <see cref="Clusters"/>.</summary>
    public Dictionary<int, double> HeadSeconds { get; }

    /// <summary>Servable user indices (into <see cref="RelaxationData"/>) per model.</summary>
    public Dictionary<int, List<int>> UsersOf { get; }

    /// <summary>The layout, or null with the reason when the instance is not bottom-layer with a common deadline.</summary>
    public static BackboneLayout? Of(RelaxationData data, out string? whyNot)
    {
        Instance instance = data.Instance;
        double deadline = data.Deadline[0];
        if (data.Deadline.Any(t => t != deadline))
        {
            whyNot = "the servable users' deadlines differ";
            return null;
        }

        BottomLayerStructure? structure = BottomLayerStructure.Detect(instance, out string? general);
        if (structure is null)
        {
            whyNot = $"the sharing is general ({general})";
            return null;
        }

        double rate = instance.Server.LoadRateMbPerSecond;
        int? initial = instance.Server.InitialModel;
        int? initialCluster = initial is int i0 ? structure.ClusterOf[i0] : null;
        var users = new Dictionary<int, List<int>>();
        for (int k = 0; k < data.Count; k++)
        {
            if (!users.TryGetValue(data.Model[k], out List<int>? list))
            {
                users[data.Model[k]] = list = [];
            }

            list.Add(k);
        }

        var clusters = new List<int[]>();
        var backbone = new List<double>();
        var head = new Dictionary<int, double>();
        for (int q = 0; q < structure.Clusters.Length; q++)
        {
            int[] models = [.. structure.Clusters[q].Where(users.ContainsKey)];
            if (models.Length == 0)
            {
                continue;
            }

            clusters.Add(models);
            backbone.Add(q == initialCluster ? 0.0 : structure.BackboneMb[q] / rate);
            foreach (int m in models)
            {
                head[m] = m == initial ? 0.0 : structure.HeadMb[m] / rate;
            }
        }

        whyNot = null;
        return new BackboneLayout(deadline, clusters, [.. backbone], head, users);
    }
}
