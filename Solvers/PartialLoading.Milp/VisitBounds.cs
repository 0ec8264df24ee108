namespace PartialLoading.Milp;

/// <summary>How many batches (model visits) a schedule can have, and how many users one batch can hold.</summary>
internal static class VisitBounds
{
    /// <summary>
    /// The most visits any schedule fits before the last deadline: the longest walk over models (consecutive visits
    /// differ, each visit runs at least one inference) whose least total time stays within the horizon, by a DP over
    /// (visits, last model). Never more than the number of users.
    /// </summary>
    public static int MaxVisits(ExactModelData data)
    {
        int models = data.ModelCount;
        var time = new double[models];
        for (int i = 0; i < models; i++)
        {
            time[i] = data.FromInitial[i] + data.Inference[i];
        }

        int visits = 0;
        while (visits < data.UserCount && time.Min() <= data.Horizon + 1e-9)
        {
            visits++;
            var next = new double[models];
            for (int j = 0; j < models; j++)
            {
                double best = double.PositiveInfinity;
                for (int i = 0; i < models; i++)
                {
                    if (i != j)
                    {
                        best = Math.Min(best, time[i] + data.Loading[i, j] + data.Inference[j]);
                    }
                }

                next[j] = best;
            }

            time = next;
        }

        return Math.Max(1, visits);
    }

    /// <summary>
    /// earliest[v, i]: the least time at which a (v + 1)-th visit, running model i, can end its first inference,
    /// ms, over every walk of v + 1 visits (consecutive visits differ, one inference each). A user of i whose
    /// deadline is earlier cannot be served in slot v, nor at position j if earliest[v, i] + j·c_i is later.
    /// </summary>
    public static double[,] EarliestEnds(ExactModelData data, int slots)
    {
        int models = data.ModelCount;
        var earliest = new double[slots, models];
        for (int i = 0; i < models; i++)
        {
            earliest[0, i] = data.FromInitial[i] + data.Inference[i];
        }

        for (int v = 1; v < slots; v++)
        {
            for (int j = 0; j < models; j++)
            {
                double best = double.PositiveInfinity;
                for (int i = 0; i < models; i++)
                {
                    if (i != j)
                    {
                        best = Math.Min(best, earliest[v - 1, i] + data.Loading[i, j] + data.Inference[j]);
                    }
                }

                earliest[v, j] = best;
            }
        }

        return earliest;
    }

    /// <summary>Users one batch can hold: the most users any model has.</summary>
    public static int MaxBatch(ExactModelData data)
        => Enumerable.Range(0, data.ModelCount).Select(i => data.UserModel.Count(m => m == i)).DefaultIfEmpty(1).Max();
}
