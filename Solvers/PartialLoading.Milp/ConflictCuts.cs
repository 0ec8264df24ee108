using PartialLoading.Core.Planning;

namespace PartialLoading.Milp;

/// <summary>
/// Small sets of users that no schedule serves together: every order of the set alone, from the initial memory,
/// misses a deadline or overruns the budget. By docs/model.md §4 inserting other users (and the loading they bring) only makes
/// both worse, so at most |set| − 1 of them are ever served: Σ_{k ∈ set} served_k ≤ |set| − 1.
/// </summary>
/// <remarks>
/// These cuts carry what the relaxations miss most: a user's least bandwidth depends on how early its batch must start,
/// which the linear relaxation, spreading users over positions, does not see. Pairs are checked in both orders and
/// triples in all six (a triple is kept only when none of its pairs is already a conflict).
/// </remarks>
internal static class ConflictCuts
{
    /// <summary>Triples are searched up to this many users (their count grows with the cube; pairs always are).</summary>
    public const int TripleSearchLimit = 40;

    public static IReadOnlyList<int[]> Find(ExactModelData data)
    {
        int n = data.UserCount;
        var conflicts = new List<int[]>();
        var pairConflict = new bool[n, n];
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                if (!Feasible(data, a, b) && !Feasible(data, b, a))
                {
                    pairConflict[a, b] = pairConflict[b, a] = true;
                    conflicts.Add([a, b]);
                }
            }
        }

        if (n > TripleSearchLimit)
        {
            return conflicts;
        }

        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                if (pairConflict[a, b])
                {
                    continue;
                }

                for (int c = b + 1; c < n; c++)
                {
                    if (pairConflict[a, c] || pairConflict[b, c])
                    {
                        continue;
                    }

                    if (!Feasible(data, a, b, c) && !Feasible(data, a, c, b) && !Feasible(data, b, a, c)
                        && !Feasible(data, b, c, a) && !Feasible(data, c, a, b) && !Feasible(data, c, b, a))
                    {
                        conflicts.Add([a, b, c]);
                    }
                }
            }
        }

        return conflicts;
    }

    private static bool Feasible(ExactModelData data, params int[] localOrder)
        => OrderPlanner.Plan(data.Instance, [.. localOrder.Select(k => data.Users[k])]).IsFeasible;
}
