using PartialLoading.Core.Loading;

namespace PartialLoading.Bounds;

/// <summary>
/// Which requested models the time-indexed program (<see cref="TimeIndexedBound"/>) holds as one: models between which
/// a switch takes less than one of its steps, and models between which it costs at most <see cref="CheapShare"/> of the
/// least load into them from any other model or from empty memory, as long as their users together fit in a batch's
/// tracked subset.
/// </summary>
/// <remarks>
/// Why: a batch's state only remembers the users its own visit served, so where two models switch cheaply the program's
/// best paths go back and forth between them and serve the same users on every visit (sg60-10: one user five times,
/// U 33.46 against an optimum of 31). Held as one, a run of the group keeps one subset over all its users, so nobody is
/// served twice in it. The program then charges the group the least inference of its models and the least load into,
/// out of and from the initial memory of any member, and nothing for a switch inside it; every schedule is still a path
/// (its runs of the group are batches of the group), so the bound stays valid for any grouping. What it gives up is the
/// switches inside, which is why only cheap ones are merged: on the frontier's instances the pairs at 0.24–0.34 of their
/// least load from outside lowered U, those at 0.36–0.40 raised it (sg40m20-4: 30.11 → 30.86), and sg50-8's at 0.85
/// too (30.17 → 30.82), so <see cref="CheapShare"/> is where those eight instances put the line (docs/results/README.md). A switch shorter than a
/// step was free in the program already (a load of no whole step), so merging such a pair gives up nothing but tracking:
/// past the tracked users a group's later users may repeat in a run, as they could by switching back and forth before.
/// Models with the same blocks are such pairs (sg60-2: U 41.02 → 37.36, the best schedule 36).
/// </remarks>
internal static class TimeIndexedModelGroups
{
    /// <summary>A pair is merged when both its switches cost at most this share of the least load into it from outside (<see cref="LeastLoadInto"/>).</summary>
    public const double CheapShare = 0.35;

    /// <summary>Above this many requested models no group is formed (the rule is cubic in them; nothing in between was measured).</summary>
    public const int MostModels = 64;

    /// <summary>
    /// The groups, each a list of instance models; every requested model is in exactly one. Pairs (of models or groups
    /// formed so far) are merged cheapest switch first; a switch is the dearer of the two directions between any members.
    /// </summary>
    public static int[][] Of(RelaxationData data, int[] requested, int tracked, double stepSeconds)
    {
        int count = requested.Length;
        var groups = new List<List<int>>(count);
        foreach (int model in requested)
        {
            groups.Add([model]);
        }

        if (count < 2 || count > MostModels)
        {
            return [.. groups.Select(g => g.ToArray())];
        }

        LoadingTimes loading = data.Instance.LoadingTimes;
        var users = new Dictionary<int, int>();
        foreach (int model in data.Model)
        {
            users[model] = users.GetValueOrDefault(model) + 1;
        }

        var groupUsers = groups.Select(g => users[g[0]]).ToList();
        while (true)
        {
            (int A, int B, double Switch) best = (-1, -1, double.PositiveInfinity);
            for (int a = 0; a < groups.Count; a++)
            {
                for (int b = a + 1; b < groups.Count; b++)
                {
                    double inside = Math.Max(MostLoad(loading, groups[a], groups[b]), MostLoad(loading, groups[b], groups[a]));
                    if (inside >= best.Switch)
                    {
                        continue;
                    }

                    // A switch within a step costs the program nothing either way: merged, only elementarity changes.
                    // Otherwise the pair's users must fit the tracked subset, or its tail could repeat.
                    bool free = inside < stepSeconds;
                    if (free || (groupUsers[a] + groupUsers[b] <= tracked && inside <= CheapShare * LeastLoadInto(loading, groups, a, b)))
                    {
                        best = (a, b, inside);
                    }
                }
            }

            if (best.A < 0)
            {
                return [.. groups.Select(g => g.ToArray())];
            }

            groups[best.A].AddRange(groups[best.B]);
            groupUsers[best.A] += groupUsers[best.B];
            groups.RemoveAt(best.B);
            groupUsers.RemoveAt(best.B);
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
    /// The least load into groups a or b from a model of any other group or from empty memory: with no other model (or
    /// none cheaper) a whole model's load is the scale a switch is measured against.
    /// </summary>
    private static double LeastLoadInto(LoadingTimes loading, List<List<int>> groups, int a, int b)
    {
        double least = double.PositiveInfinity;
        foreach (int to in groups[a].Concat(groups[b]))
        {
            least = Math.Min(least, loading.Seconds(LoadingTimes.EmptyMemory, to));
        }

        for (int o = 0; o < groups.Count; o++)
        {
            if (o == a || o == b)
            {
                continue;
            }

            foreach (int from in groups[o])
            {
                foreach (int to in groups[a].Concat(groups[b]))
                {
                    least = Math.Min(least, loading.Seconds(from, to));
                }
            }
        }

        return least;
    }
}
