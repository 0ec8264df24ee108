using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// The numbers the labeling search reads in its inner loop, as flat arrays: users numbered locally (only those that
/// can be served on their own), models numbered locally (only those of
/// such users — no schedule ever loads another), and the loading lower bounds the bounds share.
/// </summary>
internal sealed class SequencingData
{
    /// <summary>
    /// Up to this many models the Held–Karp loading paths (2^M·M entries, 8 MB at 16) are computed, for the deadline
    /// thresholds computed once; the path relaxation asked at every label stops at <see cref="MaxNodePathModels"/>.
    /// </summary>
    public const int MaxPathModels = 16;

    /// <summary>
    /// Up to this many models the path relaxation runs before a label is expanded: its dynamic program visits up to
    /// 2^M sets each time (at 16 models, sg40m20-1 expanded 70 times fewer labels in the same time, to the same bound).
    /// </summary>
    public const int MaxNodePathModels = 14;

    private SequencingData(Instance instance, int[] users, int[] models, int maxPathModels)
    {
        Users = users;
        int n = users.Length;
        int m = models.Length;
        ModelCount = m;
        var localModel = new Dictionary<int, int>();
        for (int i = 0; i < m; i++)
        {
            localModel[models[i]] = i;
        }

        Model = new int[n];
        Inference = new double[n];
        Deadline = new double[n];
        SnrHz = new double[n];
        DataBits = new double[n];
        Weight = new double[n];
        for (int j = 0; j < n; j++)
        {
            User user = instance.Users[users[j]];
            Model[j] = localModel[user.Model];
            Inference[j] = instance.Models[user.Model].InferenceSeconds;
            Deadline[j] = user.DeadlineSeconds;
            SnrHz[j] = user.SnrBandwidthHz;
            DataBits[j] = user.DataBits;
            Weight[j] = user.Weight;
        }

        ModelInference = [.. models.Select(i => instance.Models[i].InferenceSeconds)];
        ByDeadline = [.. Enumerable.Range(0, n).OrderBy(k => Deadline[k]).ThenBy(k => k)];
        UnitWeights = n == 0 || Weight.All(w => w == Weight[0]);
        BudgetHz = instance.Server.BandwidthHz;
        LoadingTimes loading = instance.LoadingTimes;
        Loading = new double[m * m];
        FromInitial = new double[m];
        LeastLoad = new double[m];
        LeastLoadFromOther = new double[m];
        for (int h = 0; h < m; h++)
        {
            FromInitial[h] = loading.FromInitial(models[h]);
            for (int i = 0; i < m; i++)
            {
                Loading[(h * m) + i] = loading.Seconds(models[h], models[i]);
            }
        }

        for (int i = 0; i < m; i++)
        {
            double fromOther = double.PositiveInfinity;
            for (int h = 0; h < m; h++)
            {
                if (h != i)
                {
                    fromOther = Math.Min(fromOther, Loading[(h * m) + i]);
                }
            }

            LeastLoadFromOther[i] = fromOther;
            LeastLoad[i] = Math.Min(FromInitial[i], fromOther);
        }

        if (m <= maxPathModels)
        {
            (PathLoad, PathEndingAt) = HeldKarp(FromInitial, Loading, m);
            SetInference = new double[1 << m];
            SetShortestInference = new double[1 << m];
            SetShortestInference[0] = double.PositiveInfinity;
            for (int q = 1; q < 1 << m; q++)
            {
                int low = System.Numerics.BitOperations.TrailingZeroCount(q);
                SetInference[q] = SetInference[q & (q - 1)] + ModelInference[low];
                SetShortestInference[q] = Math.Min(SetShortestInference[q & (q - 1)], ModelInference[low]);
            }

            PathTime = new double[1 << m];
            FinishBefore = new double[m << m];
            for (int q = 0; q < 1 << m; q++)
            {
                PathTime[q] = PathLoad[q] + SetInference[q];
                for (int h = 0; h < m; h++)
                {
                    FinishBefore[(h << m) + q] = PathEndingAt[((q | (1 << h)) * m) + h] + SetInference[q];
                }
            }
        }
    }

    /// <summary>Instance user index of each local user.</summary>
    public int[] Users { get; }

    /// <summary>Local users.</summary>
    public int Count => Users.Length;

    /// <summary>Local models.</summary>
    public int ModelCount { get; }

    /// <summary>Local model of each local user.</summary>
    public int[] Model { get; }

    /// <summary>c of each user's model.</summary>
    public double[] Inference { get; }

    /// <summary>T per user.</summary>
    public double[] Deadline { get; }

    /// <summary>a = p·g/N₀ per user (Hz).</summary>
    public double[] SnrHz { get; }

    /// <summary>D per user (bit).</summary>
    public double[] DataBits { get; }

    /// <summary>w per user.</summary>
    public double[] Weight { get; }

    /// <summary>c per local model.</summary>
    public double[] ModelInference { get; }

    /// <summary>Local users in order of deadline (ties by number).</summary>
    public int[] ByDeadline { get; }

    /// <summary>All weights are equal, so a value is a count and the counting bounds apply.</summary>
    public bool UnitWeights { get; }

    /// <summary>B in Hz.</summary>
    public double BudgetHz { get; }

    /// <summary>L(h, i) at <c>h * ModelCount + i</c>.</summary>
    public double[] Loading { get; }

    /// <summary>L(i0, i): loading model i first.</summary>
    public double[] FromInitial { get; }

    /// <summary>The least time any schedule spends loading model i before serving it: min(L(i0, i), min over h ≠ i of L(h, i)).</summary>
    public double[] LeastLoad { get; }

    /// <summary>min over h ≠ i of L(h, i): the least switch into i from another model (+∞ with one model).</summary>
    public double[] LeastLoadFromOther { get; }

    /// <summary>
    /// For every set Q of models (bit i = local model i), the least loading of any schedule that serves a user of each
    /// model in Q: the shortest path from i0 through Q (loading obeys the triangle inequality, so coming back to a model
    /// never shortens it). Null with more than <see cref="MaxPathModels"/> models (or the fewer asked of <see cref="Prepare"/>).
    /// </summary>
    public double[]? PathLoad { get; }

    /// <summary>For every set Q and model i in Q, at <c>Q * ModelCount + i</c>: the shortest such path that ends at i.</summary>
    public double[]? PathEndingAt { get; }

    /// <summary>For every set Q of models: Σ c_i over Q (one user of each). Null without <see cref="PathLoad"/>.</summary>
    public double[]? SetInference { get; }

    /// <summary>For every set Q of models: min c_i over Q (+∞ for the empty set). Null without <see cref="PathLoad"/>.</summary>
    public double[]? SetShortestInference { get; }

    /// <summary>
    /// For every set Q: <see cref="PathLoad"/> plus <see cref="SetInference"/>, the least time to serve one user of each
    /// model in Q. Summed once here because the path relaxation's program reads it for every state it extends.
    /// </summary>
    public double[]? PathTime { get; }

    /// <summary>
    /// For every model h and set Q, at <c>(h &lt;&lt; ModelCount) + Q</c>: the shortest path through Q on to h
    /// (<see cref="PathEndingAt"/> of Q ∪ {h}) plus <see cref="SetInference"/> of Q: the least time before a suffix that
    /// starts with h when one user of each model in Q goes in front of it. Laid out by h, so that one call of the path
    /// relaxation's program (one h) reads one row.
    /// </summary>
    public double[]? FinishBefore { get; }

    /// <summary>Bytes of these tables: the Held–Karp paths dominate (2 · 2^M·M numbers).</summary>
    public long Bytes
    {
        get
        {
            long sets = PathLoad is null ? 0 : 1L << ModelCount;
            return (sets * ((2 * ModelCount) + 4) * sizeof(double)) + ((long)ModelCount * ModelCount * sizeof(double)) + (Count * 64L);
        }
    }

    /// <summary>What loading model f first (from i0) costs beyond the least load <see cref="LeastLoad"/> charges it.</summary>
    public double FirstLoadExcess(int model) => FromInitial[model] - LeastLoad[model];

    /// <summary>The data of the users that can be served alone (<see cref="ServableUsers"/>): nobody else is in any feasible schedule.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="maxPathModels">The most models for which the Held–Karp tables are computed (at most <see cref="MaxPathModels"/>).</param>
    public static SequencingData Prepare(Instance instance, int maxPathModels = MaxPathModels)
    {
        int[] servable = ServableUsers.Alone(instance);
        int[] models = [.. servable.Select(k => instance.Users[k].Model).Distinct().Order()];
        return new SequencingData(instance, servable, models, Math.Min(maxPathModels, MaxPathModels));
    }

    private static (double[] Path, double[] Ending) HeldKarp(double[] fromInitial, double[] loading, int m)
    {
        int sets = 1 << m;
        var ending = new double[sets * m];
        Array.Fill(ending, double.PositiveInfinity);
        for (int i = 0; i < m; i++)
        {
            ending[((1 << i) * m) + i] = fromInitial[i];
        }

        var path = new double[sets];
        for (int q = 1; q < sets; q++)
        {
            double best = double.PositiveInfinity;
            for (int last = 0; last < m; last++)
            {
                double cost = ending[(q * m) + last];
                if (double.IsPositiveInfinity(cost))
                {
                    continue;
                }

                best = Math.Min(best, cost);
                for (int next = 0; next < m; next++)
                {
                    if ((q >> next & 1) == 0)
                    {
                        ref double slot = ref ending[((q | (1 << next)) * m) + next];
                        slot = Math.Min(slot, cost + loading[(last * m) + next]);
                    }
                }
            }

            path[q] = best;
        }

        return (path, ending);
    }
}
