using System.Globalization;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Benchmarks.Support;

/// <summary>Deterministic synthetic instances of a given size for benchmarks (general sharing: random block subsets).</summary>
public static class SyntheticInstances
{
    /// <summary>An instance with <paramref name="users"/> users over <paramref name="models"/> models built from a shared pool of blocks.</summary>
    /// <param name="users">Number of users.</param>
    /// <param name="models">Number of models.</param>
    /// <param name="seed">Seed of the draw.</param>
    /// <param name="blocksPerModel">Blocks per model, drawn from a pool of max(2·this, 3·models).</param>
    /// <param name="servable">When true every user can be served in any order (deadlines of 10⁶ s, 1 THz of
    /// bandwidth), so a schedule of all users is feasible and evaluating it costs what a solver's result costs.</param>
    /// <param name="commonDeadline">When true every user has the same deadline, half the per-user range (a time frame).</param>
    /// <param name="bandwidthHz">The budget B; default 20 MHz per 100 users.</param>
    public static Instance General(int users, int models, int seed = 1, int blocksPerModel = 12, bool servable = false, bool commonDeadline = false, double? bandwidthHz = null)
    {
        var random = new Random(seed);
        int blocks = Math.Max(blocksPerModel * 2, models * 3);
        var builder = new InstanceBuilder(string.Create(CultureInfo.InvariantCulture, $"synthetic-{users}u-{models}m"));
        for (int j = 0; j < blocks; j++)
        {
            builder.AddBlock($"b{j}", 5 + (random.NextDouble() * 95));
        }

        for (int i = 0; i < models; i++)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < blocksPerModel)
            {
                chosen.Add(random.Next(blocks));
            }

            builder.AddModel($"m{i}", 0.005 + (random.NextDouble() * 0.05), chosen.Select(j => $"b{j}"));
        }

        builder.SetServer(2000, servable ? 1e12 : bandwidthHz ?? 20e6 * Math.Max(1, users / 100.0), -174);
        for (int k = 0; k < users; k++)
        {
            double perUser = 0.5 + (random.NextDouble() * users * 0.05);
            double deadline = servable ? 1e6 : commonDeadline ? 0.5 + (users * 0.025) : perUser;
            builder.AddUser($"u{k}", $"m{random.Next(models)}", 0.5 + (random.NextDouble() * 2), deadline, 0.2, -90 - (random.NextDouble() * 30));
        }

        return builder.Build();
    }
}
