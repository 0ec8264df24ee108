using PartialLoading.Core.Model;

namespace PartialLoading.Milp;

/// <summary>
/// The deadline knapsacks that make the exact models strong (EXACT-NOTES): for every deadline value d, the users
/// served with T_k ≤ d all run before d, so Σ c_k + (the least loading their models need) ≤ d. Two valid lower
/// bounds on that loading are used, each in its own knapsack: every block the served models need and the initial
/// model lacks is loaded at least once; and every served model is entered at least once, over its cheapest arc.
/// </summary>
internal sealed class DeadlineKnapsack
{
    private DeadlineKnapsack(double deadline, int[] users, int[] models)
    {
        Deadline = deadline;
        Users = users;
        Models = models;
    }

    /// <summary>The deadline value d, ms.</summary>
    public double Deadline { get; }

    /// <summary>Local users with T_k ≤ d.</summary>
    public int[] Users { get; }

    /// <summary>Local models of those users.</summary>
    public int[] Models { get; }

    /// <summary>One knapsack per distinct deadline value.</summary>
    public static IReadOnlyList<DeadlineKnapsack> For(ExactModelData data)
    {
        var knapsacks = new List<DeadlineKnapsack>();
        foreach (double d in data.Deadline.Distinct().Order())
        {
            int[] users = [.. Enumerable.Range(0, data.UserCount).Where(k => data.Deadline[k] <= d)];
            knapsacks.Add(new DeadlineKnapsack(d, users, [.. users.Select(k => data.UserModel[k]).Distinct().Order()]));
        }

        return knapsacks;
    }

    /// <summary>The cheapest way into each local model, ms: from the initial memory or from another model.</summary>
    public static double[] CheapestEntry(ExactModelData data)
    {
        var entry = new double[data.ModelCount];
        for (int i = 0; i < data.ModelCount; i++)
        {
            double best = data.FromInitial[i];
            for (int h = 0; h < data.ModelCount; h++)
            {
                if (h != i)
                {
                    best = Math.Min(best, data.Loading[h, i]);
                }
            }

            entry[i] = best;
        }

        return entry;
    }

    /// <summary>
    /// For each block (instance index) that some local model needs and the initial model lacks, its loading time in
    /// ms and the local models that hold it.
    /// </summary>
    public static IReadOnlyList<(double Milliseconds, int[] Models)> BlocksToLoad(ExactModelData data)
    {
        Instance instance = data.Instance;
        var inMemory = new HashSet<int>(instance.Server.InitialModel is int i0 ? instance.Models[i0].Blocks : []);
        var holders = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < data.ModelCount; i++)
        {
            foreach (int block in instance.Models[data.Models[i]].Blocks)
            {
                if (!inMemory.Contains(block))
                {
                    if (!holders.TryGetValue(block, out List<int>? list))
                    {
                        holders[block] = list = [];
                    }

                    list.Add(i);
                }
            }
        }

        double rate = instance.Server.LoadRateMbPerSecond;
        return [.. holders.Select(h => (instance.Blocks[h.Key].SizeMb / rate * ExactModelData.UnitsPerSecond, h.Value.ToArray()))];
    }
}
