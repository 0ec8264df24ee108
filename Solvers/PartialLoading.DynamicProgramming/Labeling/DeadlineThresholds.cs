using PartialLoading.Bandwidth;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// For every deadline value d: the most users with T ≤ d that any schedule finishes by d. Each model served needs its
/// loading — the Held–Karp path from i0 through the models served (<see cref="SequencingData.PathLoad"/>) — and every
/// user its inference; and together they need no more than the budget at their deadlines' least bandwidths.
/// Computed once per instance by trying every set of models present below d (at most 2^16, <see cref="SequencingData.MaxPathModels"/>).
/// </summary>
internal sealed class DeadlineThresholds
{
    private DeadlineThresholds(double[] deadlines, int[] mostServed)
    {
        Deadlines = deadlines;
        MostServed = mostServed;
    }

    /// <summary>The distinct deadlines, ascending.</summary>
    public double[] Deadlines { get; }

    /// <summary>Per deadline d: the most users with T ≤ d served by d.</summary>
    public int[] MostServed { get; }

    /// <summary>The thresholds, or an empty set when there is no Held–Karp table (too many models).</summary>
    public static DeadlineThresholds Compute(SequencingData data, double[] deadlineBandwidth, double tolerance)
    {
        if (data.PathLoad is not { } path)
        {
            return new DeadlineThresholds([], []);
        }

        double[] deadlines = [.. data.Deadline.Distinct().Order()];
        var mostServed = new int[deadlines.Length];
        var perModel = new int[data.ModelCount];
        var betas = new List<double>();
        double limit = data.BudgetHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        for (int t = 0; t < deadlines.Length; t++)
        {
            double d = deadlines[t];
            Array.Clear(perModel);
            betas.Clear();
            int present = 0;
            for (int k = 0; k < data.Count; k++)
            {
                if (data.Deadline[k] <= d)
                {
                    perModel[data.Model[k]]++;
                    present |= 1 << data.Model[k];
                    betas.Add(deadlineBandwidth[k]);
                }
            }

            betas.Sort();
            int byBandwidth = 0;
            double sum = 0.0;
            while (byBandwidth < betas.Count && sum + betas[byBandwidth] <= limit)
            {
                sum += betas[byBandwidth++];
            }

            int byTime = 0;
            double[] setInference = data.SetInference!;
            for (int q = present; q > 0; q = (q - 1) & present)
            {
                // A set whose loading and one inference per model do not fit serves nobody by d (FitInto would give 0; the
                // nanosecond keeps rounding on the safe side).
                if (path[q] + setInference[q] <= d + tolerance + 1e-9)
                {
                    byTime = Math.Max(byTime, FitInto(data, perModel, q, path[q], d + tolerance));
                }
            }

            mostServed[t] = Math.Min(byTime, byBandwidth);
        }

        return new DeadlineThresholds(deadlines, mostServed);
    }

    /// <summary>The most users of the models in q (at least one each) that fit by <paramref name="horizon"/> after loading <paramref name="load"/>.</summary>
    private static int FitInto(SequencingData data, int[] perModel, int q, double load, double horizon)
    {
        double left = horizon - load;
        int count = 0;
        Span<double> extra = stackalloc double[data.Count];
        int extras = 0;
        for (int i = 0; i < data.ModelCount; i++)
        {
            if ((q >> i & 1) == 0)
            {
                continue;
            }

            double c = data.ModelInference[i];
            left -= c;
            count++;
            for (int e = 1; e < perModel[i]; e++)
            {
                extra[extras++] = c;
            }
        }

        if (left < 0)
        {
            return 0;
        }

        extra[..extras].Sort();
        foreach (double c in extra[..extras])
        {
            if (c > left)
            {
                break;
            }

            left -= c;
            count++;
        }

        return count;
    }
}
