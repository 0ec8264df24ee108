using PartialLoading.Core.Loading;

namespace PartialLoading.Bounds;

/// <summary>
/// How the time-indexed program (<see cref="TimeIndexedBound"/>) holds the requested models: models between which a
/// switch takes less than one of its steps are one model of the program (a <i>cluster</i>), and clusters between which a
/// switch costs at most <see cref="SwitchShare"/> of the least load into them from outside form a <i>group</i>, as long
/// as the group's users fit in a batch's tracked subset. A group's clusters keep one subset of served users across the
/// switches between them.
/// </summary>
/// <remarks>
/// Why groups: a batch's state only remembers the users its own visit served, so where two models switch cheaply the
/// program's best paths go back and forth between them and serve the same users on every visit (sg60-10: one user five
/// times, U 33.46 against an optimum of 31). In a group, a run of its clusters keeps one subset over all the group's
/// users, so nobody is served twice in the run, and each switch inside is still charged its own load; a schedule's run of
/// the group is such a path, so the bound stays valid for any grouping. What a group costs is states: each of its
/// clusters holds one per subset of the group's tracked users, and where they pass the state or work limit δ grows
/// coarser. A switch shorter than a step was free in the program already (a load of no whole step), so a cluster gives up
/// nothing but tracking: past the tracked users a cluster's later users may repeat, as they could by switching back and
/// forth before. Models with the same blocks are such pairs (sg60-2: U 41.02 → 37.36, the best schedule 36).
/// </remarks>
internal static class TimeIndexedModelGroups
{
    /// <summary>
    /// Clusters join a group when both their switches cost at most this share of the least load into them from outside
    /// (<see cref="LeastLoadInto"/>): a switch no dearer than coming in from elsewhere. On the nine open instances of the
    /// frontier (eighteenth round) 1 lowered U on six and raised none by more than 0.04; at 3 and above the groups' states
    /// pushed δ coarser on six of them, and U stood higher than at 1 on four of those (sb40-2 28.79 → 29.35), lower on
    /// two (sb40-3 30.96 → 29.44; docs/results/README.md).
    /// </summary>
    public const double SwitchShare = 1.0;

    /// <summary>Above this many requested models no cluster or group is formed (the rule is cubic in them; nothing in between was measured).</summary>
    public const int MostModels = 64;

    /// <summary>
    /// The clusters and groups. Pairs are merged cheapest switch first; a switch is the dearer of the two directions
    /// between any members. Clusters first (switches within <paramref name="stepSeconds"/>), then groups of them.
    /// </summary>
    public static Partition Of(RelaxationData data, int[] requested, int tracked, double stepSeconds)
    {
        LoadingTimes loading = data.Instance.LoadingTimes;
        var users = new Dictionary<int, int>();
        foreach (int model in data.Model)
        {
            users[model] = users.GetValueOrDefault(model) + 1;
        }

        var clusters = requested.Select(m => new List<int> { m }).ToList();
        if (requested.Length > MostModels)
        {
            return new Partition([.. clusters.Select(c => c.ToArray())], [.. Enumerable.Range(0, clusters.Count)]);
        }

        // A switch within a step costs the program nothing either way: merged, only elementarity changes.
        Merge(clusters, (_, _, inside) => inside < stepSeconds, loading);

        // Otherwise the groups' users must fit the tracked subset, or their tails could repeat.
        var groups = clusters.Select(c => new List<int>(c)).ToList();
        var groupUsers = groups.Select(g => g.Sum(m => users.GetValueOrDefault(m))).ToList();
        Merge(groups, (a, b, inside) => groupUsers[a] + groupUsers[b] <= tracked && inside <= SwitchShare * LeastLoadInto(loading, groups, a, b), loading, (a, b) =>
        {
            groupUsers[a] += groupUsers[b];
            groupUsers.RemoveAt(b);
        });

        var groupOf = new int[clusters.Count];
        for (int c = 0; c < clusters.Count; c++)
        {
            groupOf[c] = groups.FindIndex(g => g.Contains(clusters[c][0]));
        }

        return new Partition([.. clusters.Select(c => c.ToArray())], groupOf);
    }

    /// <summary>Merges pairs of <paramref name="sets"/> that <paramref name="may"/> merge, cheapest switch first, until none may.</summary>
    private static void Merge(List<List<int>> sets, Func<int, int, double, bool> may, LoadingTimes loading, Action<int, int>? merged = null)
    {
        while (true)
        {
            (int A, int B, double Switch) best = (-1, -1, double.PositiveInfinity);
            for (int a = 0; a < sets.Count; a++)
            {
                for (int b = a + 1; b < sets.Count; b++)
                {
                    double inside = Math.Max(MostLoad(loading, sets[a], sets[b]), MostLoad(loading, sets[b], sets[a]));
                    if (inside < best.Switch && may(a, b, inside))
                    {
                        best = (a, b, inside);
                    }
                }
            }

            if (best.A < 0)
            {
                return;
            }

            sets[best.A].AddRange(sets[best.B]);
            sets.RemoveAt(best.B);
            merged?.Invoke(best.A, best.B);
        }
    }

    private static double MostLoad(LoadingTimes loading, List<int> from, List<int> to)
    {
        double most = 0.0;
        foreach (int x in from)
        {
            foreach (int y in to)
            {
                most = Math.Max(most, loading.Seconds(x, y));
            }
        }

        return most;
    }

    /// <summary>
    /// The least load into sets a or b from a model of any other set or from empty memory: with no other model (or none
    /// cheaper) a whole model's load is the scale a switch is measured against.
    /// </summary>
    private static double LeastLoadInto(LoadingTimes loading, List<List<int>> sets, int a, int b)
    {
        double least = double.PositiveInfinity;
        foreach (int to in sets[a].Concat(sets[b]))
        {
            least = Math.Min(least, loading.Seconds(LoadingTimes.EmptyMemory, to));
        }

        for (int o = 0; o < sets.Count; o++)
        {
            if (o == a || o == b)
            {
                continue;
            }

            foreach (int from in sets[o])
            {
                foreach (int to in sets[a].Concat(sets[b]))
                {
                    least = Math.Min(least, loading.Seconds(from, to));
                }
            }
        }

        return least;
    }

    /// <summary>
    /// The program's models (<see cref="Clusters"/>, each a list of instance models) and the group of each
    /// (<see cref="GroupOf"/>, numbered from 0): every requested model is in exactly one cluster.
    /// </summary>
    public sealed record Partition(int[][] Clusters, int[] GroupOf)
    {
        /// <summary>The instance models of each group.</summary>
        public int[][] Groups => [.. Enumerable.Range(0, GroupOf.Length == 0 ? 0 : GroupOf.Max() + 1).Select(g => Clusters.Where((_, c) => GroupOf[c] == g).SelectMany(c => c).ToArray())];
    }
}
