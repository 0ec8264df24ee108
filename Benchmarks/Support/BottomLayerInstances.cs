using System.Globalization;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Benchmarks.Support;

/// <summary>
/// Deterministic synthetic instances with bottom-layer sharing and a common deadline (what <c>dp</c> solves), built in
/// memory at any size: models in clusters that share a backbone (200–800 MB) and have their own heads (10–100 MB),
/// users spread uniformly over the models, and a time frame that fits about <c>servedShare</c> of the work.
/// </summary>
public static class BottomLayerInstances
{
    /// <summary>Ample uplink: 100 GHz, so the bandwidth test passes and the DP's status is optimal.</summary>
    public const double AmpleBandwidthHz = 1e11;

    /// <summary>An instance with <paramref name="users"/> users over <paramref name="models"/> models in <paramref name="clusters"/> clusters.</summary>
    /// <param name="users">K.</param>
    /// <param name="models">|M|; model i belongs to cluster i mod clusters.</param>
    /// <param name="clusters">Clusters; a cluster of one model has no backbone.</param>
    /// <param name="seed">Seed of the draw.</param>
    /// <param name="servedShare">The common deadline is this share of the busy time of serving everybody.</param>
    public static Instance Create(int users, int models, int clusters, int seed = 1, double servedShare = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(models, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clusters, models);
        const double rate = 2000.0;
        var random = new Random(seed);
        var builder = new InstanceBuilder(string.Create(CultureInfo.InvariantCulture, $"bottom-layer-{users}u-{models}m-{clusters}c"));
        var backbone = new double[clusters];
        var members = new int[clusters];
        for (int i = 0; i < models; i++)
        {
            members[i % clusters]++;
        }

        for (int q = 0; q < clusters; q++)
        {
            backbone[q] = members[q] > 1 ? Math.Round(200 + (random.NextDouble() * 600), 1) : 0.0;
            if (backbone[q] > 0)
            {
                builder.AddBlock($"c{q}", backbone[q]);
            }
        }

        var inference = new double[models];
        double loads = 0.0;
        for (int i = 0; i < models; i++)
        {
            int q = i % clusters;
            double head = Math.Round(10 + (random.NextDouble() * 90), 1);
            builder.AddBlock($"h{i}", head);
            inference[i] = Math.Round(0.002 + (random.NextDouble() * 0.008), 4);
            builder.AddModel($"m{i}", inference[i], backbone[q] > 0 ? [$"c{q}", $"h{i}"] : [$"h{i}"]);
            loads += head / rate;
        }

        loads += backbone.Sum() / rate;
        var modelOf = new int[users];
        double work = loads;
        for (int k = 0; k < users; k++)
        {
            modelOf[k] = random.Next(models);
            work += inference[modelOf[k]];
        }

        double deadline = Math.Round(servedShare * work, 3);
        builder.SetServer(rate, AmpleBandwidthHz, -174);
        for (int k = 0; k < users; k++)
        {
            builder.AddUser(
                string.Create(CultureInfo.InvariantCulture, $"u{k}"),
                string.Create(CultureInfo.InvariantCulture, $"m{modelOf[k]}"),
                dataMbit: Math.Round(0.2 + (random.NextDouble() * 1.8), 3),
                deadlineSeconds: deadline,
                powerWatts: 0.2,
                gainDb: Math.Round(-80 - (random.NextDouble() * 15), 2));
        }

        return builder.Build();
    }
}
