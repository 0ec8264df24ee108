using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Support;

/// <summary>
/// A plain, slow recomputation of docs/model.md §2–§4 straight from the definitions, sharing no code with the library:
/// loading times by set difference, the timeline by the forward pass, latest starts by the backward pass, and the
/// least bandwidth by bisection on the rate function (no Lambert W). Solvers, the evaluator and the planner are
/// checked against it, in the manner of ImageSharp's reference kernels.
/// </summary>
internal static class ReferenceModel
{
    public const double DeadlineTolerance = 1e-9;
    public const double BudgetTolerance = 1e-9;

    /// <summary>L(h, i): the sizes of i's blocks that h lacks, over R; h = null is empty memory.</summary>
    public static double Loading(Instance instance, int? from, int to, bool sharing = true)
    {
        if (from == to)
        {
            return 0.0;
        }

        var have = from is int h && sharing ? new HashSet<int>(instance.Models[h].Blocks) : [];
        double missing = 0.0;
        foreach (int block in instance.Models[to].Blocks)
        {
            if (!have.Contains(block))
            {
                missing += instance.Blocks[block].SizeMb;
            }
        }

        return missing / instance.Server.LoadRateMbPerSecond;
    }

    public static double SnrBandwidth(Instance instance, User user)
        => user.PowerWatts * Math.Pow(10, user.GainDb / 10) / Math.Pow(10, (instance.Server.NoiseDbmPerHz - 30) / 10);

    public static double Rate(double a, double b) => b <= 0 ? 0 : double.IsPositiveInfinity(b) ? a / Math.Log(2) : b * Math.Log2(1 + (a / b));

    /// <summary>The least b with D / r(b) ≤ t, by bisection in log b (+∞ when none).</summary>
    public static double LeastBandwidth(double a, double dataBits, double t)
    {
        if (!(t > 0) || dataBits / t >= a / Math.Log(2))
        {
            return double.PositiveInfinity;
        }

        double need = dataBits / t;
        double lo = Math.Log(1e-30);
        double hi = Math.Log(1e30);
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Rate(a, Math.Exp(mid)) >= need)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return Math.Exp(hi);
    }

    public sealed record Entry(int User, double LoadStart, double Load, double UploadEnd, double Start, double End, double Deadline);

    /// <summary>The timeline of docs/model.md §3 for the given order and bandwidths.</summary>
    public static List<Entry> Timeline(Instance instance, IReadOnlyList<int> order, IReadOnlyList<double> bandwidths, bool sharing = true)
    {
        var entries = new List<Entry>();
        int? model = instance.Server.InitialModel;
        double end = 0;
        for (int n = 0; n < order.Count; n++)
        {
            User user = instance.Users[order[n]];
            double load = Loading(instance, model, user.Model, sharing);
            double rate = Rate(SnrBandwidth(instance, user), bandwidths[n]);
            double upload = rate > 0 ? user.DataMbit * 1e6 / rate : double.PositiveInfinity;
            double start = Math.Max(end + load, upload);
            double finish = start + instance.Models[user.Model].InferenceSeconds;
            entries.Add(new Entry(order[n], end, load, upload, start, finish, user.DeadlineSeconds));
            end = finish;
            model = user.Model;
        }

        return entries;
    }

    /// <summary>Latest starts LS_n by the backward pass of docs/model.md §4.</summary>
    public static double[] LatestStarts(Instance instance, IReadOnlyList<int> order, bool sharing = true)
    {
        int n = order.Count;
        var loads = new double[n];
        int? model = instance.Server.InitialModel;
        for (int i = 0; i < n; i++)
        {
            int m = instance.Users[order[i]].Model;
            loads[i] = Loading(instance, model, m, sharing);
            model = m;
        }

        var latest = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            User user = instance.Users[order[i]];
            double c = instance.Models[user.Model].InferenceSeconds;
            latest[i] = user.DeadlineSeconds - c;
            if (i < n - 1)
            {
                latest[i] = Math.Min(latest[i], latest[i + 1] - loads[i + 1] - c);
            }
        }

        return latest;
    }

    /// <summary>Σ β_k(LS_n) over the order.</summary>
    public static double TotalLeastBandwidth(Instance instance, IReadOnlyList<int> order, bool sharing = true)
    {
        double[] latest = LatestStarts(instance, order, sharing);
        double total = 0;
        for (int i = 0; i < order.Count; i++)
        {
            User user = instance.Users[order[i]];
            total += LeastBandwidth(SnrBandwidth(instance, user), user.DataMbit * 1e6, latest[i]);
        }

        return total;
    }

    /// <summary>Feasibility of an order by docs/model.md §4: instant pass, and Σβ ≤ B (with the budget tolerance).</summary>
    public static bool IsFeasibleOrder(Instance instance, IReadOnlyList<int> order, bool sharing = true)
        => order.Distinct().Count() == order.Count
           && EndsWithInstantUploads(instance, order, sharing).Zip(order, (e, k) => e <= instance.Users[k].DeadlineSeconds + DeadlineTolerance).All(ok => ok)
           && TotalLeastBandwidth(instance, order, sharing) <= instance.Server.BandwidthHz * (1 + BudgetTolerance);

    /// <summary>e⁰_n: ends with instant uploads.</summary>
    public static double[] EndsWithInstantUploads(Instance instance, IReadOnlyList<int> order, bool sharing = true)
    {
        var ends = new double[order.Count];
        int? model = instance.Server.InitialModel;
        double end = 0;
        for (int i = 0; i < order.Count; i++)
        {
            int m = instance.Users[order[i]].Model;
            end += Loading(instance, model, m, sharing) + instance.Models[m].InferenceSeconds;
            ends[i] = end;
            model = m;
        }

        return ends;
    }

    /// <summary>Feasibility of a schedule with given bandwidths, straight from docs/model.md §3.</summary>
    public static bool IsFeasibleSchedule(Instance instance, IReadOnlyList<int> order, IReadOnlyList<double> bandwidths, bool sharing = true)
        => order.Distinct().Count() == order.Count
           && bandwidths.Sum() <= instance.Server.BandwidthHz * (1 + BudgetTolerance)
           && Timeline(instance, order, bandwidths, sharing).All(e => e.End <= e.Deadline + DeadlineTolerance);

    public static double Value(Instance instance, IEnumerable<int> order) => order.Sum(k => instance.Users[k].Weight);
}
