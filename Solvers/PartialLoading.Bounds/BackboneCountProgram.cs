namespace PartialLoading.Bounds;

/// <summary>
/// The scheduling relaxation of bottom-layer sharing with a common deadline for unit weights, value only: the DP of
/// docs/model.md §5 over "users served → least busy time", two arrays per cluster (backbone paid or not) and a
/// sliding-window minimum of width K_i per model, O(|M|·K). Written apart from the <c>dp</c> solver (which also
/// reconstructs the schedule) so the two check each other.
/// </summary>
/// <remarks>
/// By <see cref="BackboneLayout"/>, a set S is schedulable with instant uploads iff Σ c + Σ_{i used} h'_i +
/// Σ_{q used} b'_q ≤ T; the DP chooses n_i ∈ 0..K_i per model (users of one model are interchangeable here) and
/// returns the largest count whose least busy time fits in the capacity of <see cref="RelaxationData.Capacity"/>.
/// </remarks>
internal static class BackboneCountProgram
{
    /// <summary>The largest number of users schedulable by T with instant uploads, or null when stopped.</summary>
    public static int? Solve(RelaxationData data, BackboneLayout layout, BoundBudget budget)
    {
        int total = layout.UsersOf.Values.Sum(l => l.Count);
        double capacity = RelaxationData.Capacity(layout.Deadline);
        var closed = new double[total + 1];
        Array.Fill(closed, double.PositiveInfinity);
        closed[0] = 0.0;
        var open = new double[total + 1];
        var source = new double[total + 1];
        var queue = new int[total + 1];
        int reach = 0;
        for (int q = 0; q < layout.Clusters.Count; q++)
        {
            int[] models = layout.Clusters[q];
            int top = Math.Min(total, reach + models.Sum(m => layout.UsersOf[m].Count));
            open.AsSpan(0, top + 1).Fill(double.PositiveInfinity);
            int before = reach;
            foreach (int m in models)
            {
                if (budget.IsSpent)
                {
                    return null;
                }

                int users = layout.UsersOf[m].Count;
                double c = data.Instance.Models[m].InferenceSeconds;
                double head = layout.HeadSeconds[m];
                int after = Math.Min(top, before + users);
                for (int j = 0; j <= before; j++)
                {
                    source[j] = Math.Min(open[j], closed[j] + layout.BackboneSeconds[q]);
                }

                // open[v] ← min(open[v], head + v·c + min_{v−users ≤ j ≤ v−1, j ≤ before} (source[j] − j·c)).
                int front = 0;
                int back = 0;
                for (int v = 1; v <= after; v++)
                {
                    int j = v - 1;
                    if (j <= before)
                    {
                        double key = source[j] - (j * c);
                        while (back > front && source[queue[back - 1]] - (queue[back - 1] * c) >= key)
                        {
                            back--;
                        }

                        queue[back++] = j;
                    }

                    while (front < back && queue[front] < v - users)
                    {
                        front++;
                    }

                    if (front == back)
                    {
                        continue;
                    }

                    int best = queue[front];
                    double candidate = source[best] + ((v - best) * c) + head;
                    if (candidate < open[v])
                    {
                        open[v] = candidate;
                    }
                }

                before = Math.Max(before, LastWithin(open, after, capacity));
            }

            for (int v = 0; v <= top; v++)
            {
                closed[v] = Math.Min(closed[v], open[v]);
            }

            reach = Math.Max(reach, LastWithin(closed, top, capacity));
        }

        return reach;
    }

    private static int LastWithin(double[] values, int from, double limit)
    {
        int v = from;
        while (v > 0 && !(values[v] <= limit))
        {
            v--;
        }

        return v;
    }
}
