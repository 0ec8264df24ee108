using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.Bounds;

/// <summary>
/// What every relaxation starts from: the users that can be served alone (nobody else is in any feasible schedule,
/// <see cref="ServableUsers"/>), with their weight, deadline, inference time, model and a floor on the bandwidth they
/// need, and capacities widened by the evaluator's tolerances so that no feasible schedule is cut off.
/// </summary>
internal sealed class RelaxationData
{
    /// <summary>Relative shrink of β floors: covers β's own error (≤ 1e-6 relative next to its pole, docs/model.md §4).</summary>
    private const double BandwidthShrink = 1e-5;

    private readonly Lazy<double[]> _leastIncomingLoad;

    private RelaxationData(Instance instance, int[] users)
    {
        Instance = instance;
        Users = users;
        int n = users.Length;
        Weight = new double[n];
        Deadline = new double[n];
        Inference = new double[n];
        Model = new int[n];
        BandwidthFloor = new double[n];
        for (int k = 0; k < n; k++)
        {
            User user = instance.Users[users[k]];
            double c = instance.Models[user.Model].InferenceSeconds;
            Weight[k] = user.Weight;
            Deadline[k] = user.DeadlineSeconds;
            Inference[k] = c;
            Model[k] = user.Model;

            // A served user's upload ends by its latest start, at most T − c (plus the evaluator's deadline tolerance),
            // and β is decreasing: it needs at least β(T − c + tol), shrunk by β's relative error.
            double beta = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, c > user.DeadlineSeconds ? 0.0 : user.DeadlineSeconds - c + ScheduleEvaluator.DeadlineToleranceSeconds);
            BandwidthFloor[k] = double.IsFinite(beta) ? beta * (1.0 - BandwidthShrink) : 0.0;
        }

        WholeWeights = Weight.All(w => w == Math.Floor(w));
        _leastIncomingLoad = new Lazy<double[]>(ComputeLeastIncomingLoad);
    }

    /// <summary>The instance.</summary>
    public Instance Instance { get; }

    /// <summary>Instance indices of the users that can be served alone, ascending; the relaxations index these 0..n−1.</summary>
    public int[] Users { get; }

    /// <summary>The number of servable users.</summary>
    public int Count => Users.Length;

    /// <summary>w per servable user.</summary>
    public double[] Weight { get; }

    /// <summary>T per servable user.</summary>
    public double[] Deadline { get; }

    /// <summary>c of the user's model, per servable user.</summary>
    public double[] Inference { get; }

    /// <summary>The model index per servable user.</summary>
    public int[] Model { get; }

    /// <summary>A floor on the bandwidth each servable user needs wherever it is served: β(T − c), shrunk outward.</summary>
    public double[] BandwidthFloor { get; }

    /// <summary>True when all weights are 1 (bounds may be floored).</summary>
    public bool UnitWeights => Instance.HasUnitWeights;

    /// <summary>True when all weights are whole numbers: a schedule better than another is worth at least one more.</summary>
    public bool WholeWeights { get; }

    /// <summary>The budget a feasible schedule may use: B·(1 + 1e-9).</summary>
    public double BudgetHz => Instance.Server.BandwidthHz * (1.0 + BandwidthAllocator.BudgetTolerance);

    /// <summary>
    /// L_min(i): the least time any load of model i can take — from the initial memory or from any model with a servable
    /// user (only those are ever in memory after time 0) — and 0 for the initial model, which needs no load at first.
    /// Indexed by instance model.
    /// </summary>
    public double[] LeastIncomingLoad => _leastIncomingLoad.Value;

    /// <summary>Builds the data of <paramref name="instance"/>.</summary>
    public static RelaxationData Of(Instance instance) => new(instance, ServableUsers.Alone(instance));

    /// <summary>
    /// The time a set of users with deadlines ≤ d may occupy: d plus the evaluator's deadline tolerance, plus a relative
    /// 1e-10 that covers summing up to 10⁵ inference and loading times in another order than the evaluator does.
    /// </summary>
    public static double Capacity(double deadline) => deadline + ScheduleEvaluator.DeadlineToleranceSeconds + (1e-10 * Math.Max(1.0, deadline));

    /// <summary>The models with at least one servable user, ascending.</summary>
    public int[] RequestedModels() => [.. Model.Distinct().Order()];

    private double[] ComputeLeastIncomingLoad()
    {
        LoadingTimes loading = Instance.LoadingTimes;
        int[] requested = RequestedModels();
        var least = new double[Instance.Models.Length];
        Array.Fill(least, double.PositiveInfinity);
        int? initial = Instance.Server.InitialModel;
        foreach (int i in requested)
        {
            if (initial == i)
            {
                least[i] = 0.0;
                continue;
            }

            double best = loading.FromInitial(i);
            foreach (int h in requested)
            {
                if (h != i)
                {
                    best = Math.Min(best, loading.Seconds(h, i));
                }
            }

            least[i] = best;
        }

        return least;
    }
}
