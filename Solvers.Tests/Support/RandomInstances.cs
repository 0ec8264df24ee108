using System.Globalization;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Support;

/// <summary>How the models of a random instance share blocks.</summary>
internal enum RandomSharing
{
    /// <summary>Each model is a random subset of the blocks.</summary>
    General,

    /// <summary>Clusters with a backbone and disjoint heads (docs/model.md §5).</summary>
    BottomLayer,
}

/// <summary>How tight the uplink is.</summary>
internal enum RandomBandwidth
{
    /// <summary>So much bandwidth that it never binds.</summary>
    Ample,

    /// <summary>A budget around what a few users need, so it often binds.</summary>
    Tight,
}

/// <summary>Small random instances for property tests and brute-force comparisons (plain, seeded, deterministic).</summary>
internal static class RandomInstances
{
    public static Instance Create(
        int seed,
        int users,
        int models = 4,
        RandomSharing sharing = RandomSharing.General,
        RandomBandwidth bandwidth = RandomBandwidth.Tight,
        bool commonDeadline = false,
        bool weighted = false,
        bool initialModel = false)
    {
        var random = new Random(seed);
        string name = FormattableString.Invariant($"random-{sharing}-{bandwidth}-{seed}");
        var builder = new InstanceBuilder(name);
        var modelBlocks = new List<string[]>();
        if (sharing == RandomSharing.General)
        {
            int blocks = models + 2;
            for (int j = 0; j < blocks; j++)
            {
                builder.AddBlock($"b{j}", Math.Round(20 + (random.NextDouble() * 400), 1));
            }

            for (int i = 0; i < models; i++)
            {
                var chosen = Enumerable.Range(0, blocks).Where(_ => random.NextDouble() < 0.45).Select(j => $"b{j}").ToList();
                if (chosen.Count == 0)
                {
                    chosen.Add($"b{random.Next(blocks)}");
                }

                modelBlocks.Add([.. chosen]);
            }
        }
        else
        {
            int i = 0;
            int cluster = 0;
            while (i < models)
            {
                int size = Math.Min(models - i, 1 + random.Next(3));
                string backbone = $"c{cluster}_backbone";
                if (size > 1)
                {
                    builder.AddBlock(backbone, Math.Round(100 + (random.NextDouble() * 500), 1));
                }

                for (int k = 0; k < size; k++, i++)
                {
                    string head = $"m{i}_head";
                    builder.AddBlock(head, Math.Round(10 + (random.NextDouble() * 150), 1));
                    modelBlocks.Add(size > 1 ? [backbone, head] : [head]);
                }

                cluster++;
            }
        }

        for (int i = 0; i < models; i++)
        {
            builder.AddModel($"m{i}", Math.Round(0.01 + (random.NextDouble() * 0.08), 3), modelBlocks[i]);
        }

        double rate = 500 + (random.NextDouble() * 2500);
        double common = Math.Round(0.4 + (random.NextDouble() * 1.2), 3);
        double budget = bandwidth == RandomBandwidth.Ample ? 1e12 : 2e5 + (random.NextDouble() * 3e6);
        builder.SetServer(Math.Round(rate, 1), budget, -174, initialModel ? $"m{random.Next(models)}" : null);
        for (int k = 0; k < users; k++)
        {
            double deadline = commonDeadline ? common : Math.Round(0.15 + (random.NextDouble() * 1.5), 3);
            builder.AddUser(
                $"u{k}",
                $"m{random.Next(models)}",
                dataMbit: Math.Round(0.2 + (random.NextDouble() * 2.5), 2),
                deadlineSeconds: deadline,
                powerWatts: 0.2,
                gainDb: Math.Round(-125 + (random.NextDouble() * 30), 1),
                weight: weighted ? 1 + random.Next(3) : 1);
        }

        return builder.Build();
    }

    /// <summary>
    /// A long instance (hundreds of users, few models) whose schedules are long enough for the admission check's
    /// bounds to matter: a common deadline or spread deadlines, and a budget from 10⁵ Hz (binding early) to 10¹¹ Hz
    /// (never binding), log-uniform, unless <paramref name="budgetHz"/> is given.
    /// </summary>
    public static Instance Long(int seed, int users, bool commonDeadline, int models = 5, double? budgetHz = null)
    {
        var random = new Random(seed);
        var builder = new InstanceBuilder(FormattableString.Invariant($"long-{(commonDeadline ? "common" : "spread")}-{seed}"));
        int blocks = models + 3;
        for (int j = 0; j < blocks; j++)
        {
            builder.AddBlock($"b{j}", Math.Round(5 + (random.NextDouble() * 60), 1));
        }

        for (int i = 0; i < models; i++)
        {
            string[] chosen = [.. Enumerable.Range(0, blocks).Where(_ => random.NextDouble() < 0.4).Select(j => $"b{j}")];
            builder.AddModel($"m{i}", Math.Round(0.002 + (random.NextDouble() * 0.02), 4), chosen.Length > 0 ? chosen : [$"b{i}"]);
        }

        double drawnBudget = Math.Pow(10, 5 + (6 * random.NextDouble()));
        builder.SetServer(1000, budgetHz ?? drawnBudget, -174, random.Next(2) == 0 ? $"m{random.Next(models)}" : null);
        double horizon = users * 0.012;
        for (int k = 0; k < users; k++)
        {
            double spread = Math.Round(0.05 + (random.NextDouble() * horizon), 4);
            builder.AddUser(
                $"u{k}",
                $"m{random.Next(models)}",
                dataMbit: Math.Round(0.1 + (random.NextDouble() * 2), 3),
                deadlineSeconds: commonDeadline ? Math.Round(horizon * 0.6, 4) : spread,
                powerWatts: 0.2,
                gainDb: Math.Round(-95 - (random.NextDouble() * 30), 2));
        }

        return builder.Build();
    }

    /// <summary>
    /// An instance whose every feasible sequence can be enumerated, its settings cycling with <paramref name="seed"/>:
    /// 6–7 users, <paramref name="leastModels"/> to 2 more models, bottom-layer sharing every fourth, ample bandwidth on
    /// even seeds (tight on odd), weights every fifth, an initial model every third.
    /// </summary>
    public static Instance Enumerated(int seed, int leastModels)
        => Create(
            seed,
            users: 6 + (seed % 2),
            models: leastModels + (seed % 3),
            sharing: seed % 4 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
            bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
            weighted: seed % 5 == 0,
            initialModel: seed % 3 == 0);

    /// <summary>
    /// A brute-force-sized instance whose settings cycle with <paramref name="index"/>: 5–7 users, 2–5 models, both
    /// sharings, tight and ample bandwidth, common and own deadlines, weights, an initial model.
    /// </summary>
    public static Instance Mixed(int seedBase, int index)
        => Create(
            seedBase + index,
            users: 5 + (index % 3),
            models: 2 + (index % 4),
            sharing: index % 2 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
            bandwidth: index % 5 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
            commonDeadline: index % 3 == 0,
            weighted: index % 4 == 1,
            initialModel: index % 2 == 1);

    /// <summary>A readable description for test names.</summary>
    public static string Describe(Instance instance) => string.Create(CultureInfo.InvariantCulture, $"{instance.Name} ({instance.Users.Length} users)");
}
