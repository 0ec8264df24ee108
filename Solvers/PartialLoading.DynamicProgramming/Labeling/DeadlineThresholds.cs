using PartialLoading.Bandwidth;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// For every deadline value d: the most users with T ≤ d that any schedule finishes by d. Each model served needs its
/// loading — the Held–Karp path from i0 through the models served (<see cref="SequencingData.PathLoad"/>) — and every
/// user its inference; and together they need no more than the budget at their deadlines' least bandwidths.
/// Computed once per instance by trying every set of models present below d (at most 2^16, <see cref="SequencingData.MaxPathModels"/>),
/// at every distinct deadline while that stays within <see cref="DefaultSetVisits"/>, else at evenly spaced ones (each
/// threshold holds on its own, so fewer only weaken the bound).
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

    /// <summary>
    /// The model sets tried over all deadlines, at most (2^M each): 1,000 users with 16 models and as many distinct
    /// deadlines took over ten minutes before, whatever the time limit; 2^24 (256 deadlines there) still took 4–5 s;
    /// now 64 deadlines at 16 models, 256 at 14, every deadline of the 60-user frontier instances.
    /// </summary>
    public const long DefaultSetVisits = 1L << 22;

    /// <summary>
    /// How long the computation runs before it looks at the stop: below a few hundred users it ends sooner, so a search
    /// stopped at once still reports the bound the thresholds give.
    /// </summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(50);

    /// <summary>The thresholds, or an empty set when there is no Held–Karp table (too many models).</summary>
    /// <param name="data">The users and models.</param>
    /// <param name="deadlineBandwidth">Each user's β at its own deadline.</param>
    /// <param name="tolerance">The deadline tolerance.</param>
    /// <param name="setVisits">The most model sets tried over all deadlines (<see cref="DefaultSetVisits"/>).</param>
    /// <param name="stop">Polled before each deadline once <see cref="StopGrace"/> has passed; true ends the computation
    /// with the thresholds found so far (each holds on its own).</param>
    /// <param name="grace">How long it runs before it polls <paramref name="stop"/> (<see cref="StopGrace"/> when null).</param>
    public static DeadlineThresholds Compute(
        SequencingData data, double[] deadlineBandwidth, double tolerance, long setVisits = DefaultSetVisits, Func<bool>? stop = null, TimeSpan? grace = null)
    {
        if (data.PathLoad is not { } path)
        {
            return new DeadlineThresholds([], []);
        }

        double[] deadlines = Spaced([.. data.Deadline.Distinct().Order()], Math.Max(1, setVisits >> data.ModelCount));
        int[] byInference = [.. Enumerable.Range(0, data.ModelCount).OrderBy(i => data.ModelInference[i])];
        var mostServed = new int[deadlines.Length];
        var perModel = new int[data.ModelCount];
        var betas = new List<double>();
        double limit = data.BudgetHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int t = 0; t < deadlines.Length; t++)
        {
            if (stop is not null && System.Diagnostics.Stopwatch.GetElapsedTime(started) >= (grace ?? StopGrace) && stop())
            {
                return new DeadlineThresholds(deadlines[..t], mostServed[..t]);
            }

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
                    byTime = Math.Max(byTime, FitInto(data, byInference, perModel, q, path[q], d + tolerance));
                }
            }

            mostServed[t] = Math.Min(byTime, byBandwidth);
        }

        return new DeadlineThresholds(deadlines, mostServed);
    }

    /// <summary>At most <paramref name="most"/> of the ascending <paramref name="all"/>, evenly spaced, the last always kept.</summary>
    private static double[] Spaced(double[] all, long most)
    {
        if (all.Length <= most)
        {
            return all;
        }

        var kept = new double[most];
        for (long j = 0; j < most; j++)
        {
            kept[j] = all[(int)((j + 1) * (all.Length - 1) / most)];
        }

        return kept;
    }

    /// <summary>
    /// The most users of the models in q (at least one each) that fit by <paramref name="horizon"/> after loading
    /// <paramref name="load"/>: one per model, then the others shortest inference first (a model's users share it).
    /// </summary>
    private static int FitInto(SequencingData data, int[] byInference, int[] perModel, int q, double load, double horizon)
    {
        double left = horizon - load;
        int count = 0;
        for (int i = 0; i < data.ModelCount; i++)
        {
            if ((q >> i & 1) != 0)
            {
                left -= data.ModelInference[i];
                count++;
            }
        }

        if (left < 0)
        {
            return 0;
        }

        foreach (int i in byInference)
        {
            if ((q >> i & 1) == 0)
            {
                continue;
            }

            // As many of the model's other users as fit, rounding up by a hair: a count too large only loosens the bound.
            double c = data.ModelInference[i];
            int others = perModel[i] - 1;
            int more = c > 0.0 ? (int)Math.Min(others, Math.Floor(((left * (1.0 + 1e-12)) + 1e-15) / c)) : others;
            if (more > 0)
            {
                left = Math.Max(0.0, left - (more * c));
                count += more;
            }

            if (more < others)
            {
                break; // the models after this one have no shorter inference
            }
        }

        return count;
    }
}
