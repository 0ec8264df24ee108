using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.Milp;

/// <summary>
/// What every exact model of an instance starts from: the users that can be served at all, their data in the
/// models' time unit, loading times among the models that matter, and the bounds that size the big-M terms.
/// </summary>
/// <remarks>
/// A user who misses its deadline or needs more than the whole budget when served alone, first, is dropped: by
/// docs/model.md §4 adding other users before it only makes both worse, so it can never be served. Times are kept in
/// milliseconds inside the models: solver feasibility tolerances (about 1e-6) then mean nanoseconds, below the
/// 1e-9 s tolerance of docs/model.md §3 the evaluator applies afterwards.
/// </remarks>
internal sealed class ExactModelData
{
    /// <summary>Model time unit per second.</summary>
    public const double UnitsPerSecond = 1000.0;

    public ExactModelData(Instance instance)
    {
        Instance = instance;
        LoadingTimes loading = instance.LoadingTimes;
        int initial = instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;
        Users = ServableUsers.Alone(instance);
        Models = [.. Users.Select(k => instance.Users[k].Model).Distinct().Order()];
        ModelIndex = new Dictionary<int, int>();
        for (int i = 0; i < Models.Length; i++)
        {
            ModelIndex[Models[i]] = i;
        }

        UserModel = [.. Users.Select(k => ModelIndex[instance.Users[k].Model])];
        Deadline = [.. Users.Select(k => instance.Users[k].DeadlineSeconds * UnitsPerSecond)];
        Inference = [.. Models.Select(m => instance.Models[m].InferenceSeconds * UnitsPerSecond)];
        Weight = [.. Users.Select(k => instance.Users[k].Weight)];
        Loading = new double[Models.Length, Models.Length];
        FromInitial = new double[Models.Length];
        for (int h = 0; h < Models.Length; h++)
        {
            FromInitial[h] = loading.Seconds(initial, Models[h]) * UnitsPerSecond;
            for (int i = 0; i < Models.Length; i++)
            {
                Loading[h, i] = loading.Seconds(Models[h], Models[i]) * UnitsPerSecond;
            }
        }

        Horizon = Deadline.Length == 0 ? 1.0 : Deadline.Max();
        BudgetHz = instance.Server.BandwidthHz;
    }

    public Instance Instance { get; }

    /// <summary>Instance indices of the users that can be served at all.</summary>
    public int[] Users { get; }

    /// <summary>Instance indices of the models those users need, ascending.</summary>
    public int[] Models { get; }

    /// <summary>Instance model index → local model index.</summary>
    public Dictionary<int, int> ModelIndex { get; }

    /// <summary>Local model of each local user.</summary>
    public int[] UserModel { get; }

    /// <summary>Deadline of each local user, ms.</summary>
    public double[] Deadline { get; }

    /// <summary>Inference time of each local model, ms.</summary>
    public double[] Inference { get; }

    /// <summary>Weight of each local user.</summary>
    public double[] Weight { get; }

    /// <summary>L(h, i) between local models, ms.</summary>
    public double[,] Loading { get; }

    /// <summary>L(i0, i) for each local model, ms.</summary>
    public double[] FromInitial { get; }

    /// <summary>The latest deadline, ms: nothing served ends later.</summary>
    public double Horizon { get; }

    /// <summary>The budget B, Hz.</summary>
    public double BudgetHz { get; }

    public int UserCount => Users.Length;

    public int ModelCount => Models.Length;

    /// <summary>The latest start of a user served last: T − c, ms.</summary>
    public double OwnLatestStart(int user) => Deadline[user] - Inference[UserModel[user]];

    /// <summary>β of a local user when its upload must end at <paramref name="milliseconds"/>, Hz.</summary>
    public double LeastBandwidthHz(int user, double milliseconds)
    {
        User u = Instance.Users[Users[user]];
        return LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, milliseconds / UnitsPerSecond);
    }

    /// <summary>
    /// The tangent of β at <paramref name="milliseconds"/>: b ≥ value + slope·(t − point), slope in Hz per ms.
    /// β is convex, so every tangent lies below it and the cut is valid for every latest start.
    /// </summary>
    public TangentCut Tangent(int user, double milliseconds)
    {
        User u = Instance.Users[Users[user]];
        double seconds = milliseconds / UnitsPerSecond;
        double value = LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, seconds);
        double slope = LeastBandwidth.Derivative(u.SnrBandwidthHz, u.DataBits, seconds) / UnitsPerSecond;
        return new TangentCut(user, milliseconds, value, slope);
    }

    /// <summary>The upload time with the whole budget, ms: a served user's latest start is never below it.</summary>
    public double UploadWithWholeBudget(int user)
    {
        User u = Instance.Users[Users[user]];
        return UplinkRate.UploadSeconds(u.SnrBandwidthHz, u.DataBits, BudgetHz) * UnitsPerSecond;
    }
}

/// <summary>A tangent of β_user at a point: b ≥ Value + Slope·(t − Point).</summary>
internal readonly record struct TangentCut(int User, double Point, double Value, double Slope)
{
    /// <summary>The cut's value at t.</summary>
    public double At(double t) => Value + (Slope * (t - Point));
}
