using System.Diagnostics;
using PartialLoading.Bandwidth;
using PartialLoading.Core;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;

namespace PartialLoading.Milp;

/// <summary>
/// Solves the joint problem exactly by outer approximation of the bandwidth constraint (SPEC §6): solve a relaxation
/// in which each β_k is replaced by tangents; check its schedule with the closed form of SPEC §4; where it is
/// violated add the tangents at the schedule's true latest starts and solve again, hinting the best schedule so far.
/// </summary>
/// <remarks>
/// <para>
/// Every round's relaxation contains the true problem (tangents lie below the convex β), so its dual bound is an
/// upper bound on the optimum and the best one is kept. A round whose optimal schedule passes the closed-form check
/// is optimal for the joint problem. A cut at the true latest starts of a rejected schedule forces that schedule's
/// users back to their true β, so the same schedule cannot return; with finitely many orders the loop ends.
/// </para>
/// <para>MPSolver has no MIP callbacks in .NET, so the loop re-solves instead of adding cuts lazily.</para>
/// </remarks>
internal sealed class OuterApproximation
{
    /// <summary>Tangent points per user before the first round, spread between the two ends of its latest start.</summary>
    private static readonly int InitialTangentsPerUser = int.Parse(Environment.GetEnvironmentVariable("PL_TANGENTS") ?? "6", System.Globalization.CultureInfo.InvariantCulture);

    private readonly ExactModelData _data;
    private readonly IRelaxationRound _round;
    private readonly List<TangentCut> _cuts = [];
    private readonly HashSet<(int User, double Point)> _cutPoints = [];

    public OuterApproximation(ExactModelData data, IRelaxationRound round)
    {
        _data = data;
        _round = round;
        AddInitialTangents();
    }

    /// <summary>The number of rounds the last run took.</summary>
    public int Rounds { get; private set; }

    public SolverResult Run(SolverOptions options, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        Schedule incumbent = Schedule.Empty;
        double incumbentValue = 0.0;
        int[] incumbentLocal = [];
        if (options.WarmStart is Schedule warm && TryLocal(warm.Order, out int[] warmLocal) && OrderPlanner.Plan(_data.Instance, warm.Order).IsFeasible)
        {
            incumbent = OrderPlanner.Plan(_data.Instance, warm.Order).ToSchedule();
            incumbentValue = Value(warmLocal);
            incumbentLocal = warmLocal;
        }

        double bound = _data.Weight.Sum();
        bool proved = false;
        Rounds = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan left = timeLimit - watch.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            Rounds++;
            RoundResult result = _round.Solve(_cuts, incumbentLocal.Length > 0 ? incumbentLocal : null, left, options.Threads, cancellationToken);

            // The incumbent is feasible for every relaxation, so a bound below it is a backend's mistake, not a proof.
            if (result.Bound >= incumbentValue - 1e-6)
            {
                bound = Math.Min(bound, RoundDown(result.Bound));
            }
            if (result.Order is int[] order)
            {
                OrderPlan plan = OrderPlanner.Plan(_data.Instance, Global(order));
                if (plan.IsFeasible)
                {
                    if (Value(order) > incumbentValue)
                    {
                        (incumbent, incumbentValue, incumbentLocal) = (plan.ToSchedule(), Value(order), order);
                    }
                }
                else
                {
                    // A deadline missed with instant uploads can only be the model's rounding or tolerance at work;
                    // a budget overrun is separated by the tangents at the true latest starts, unless they are all
                    // there already (the same tolerance again). Either way the sequence itself is excluded.
                    if (!plan.MeetsDeadlinesWithInstantUploads || !AddTangentsAt(order, plan))
                    {
                        _round.Exclude(order);
                    }

                    (int[] repaired, OrderPlan repairedPlan) = Repair(order);
                    if (Value(repaired) > incumbentValue)
                    {
                        (incumbent, incumbentValue, incumbentLocal) = (repairedPlan.ToSchedule(), Value(repaired), repaired);
                    }
                }
            }

            options.Progress?.Report(new SolverProgress(incumbentValue, bound, watch.Elapsed));
            if (incumbentValue >= bound - 1e-9)
            {
                proved = true;
                break;
            }

            if (result.Status != RoundStatus.Optimal)
            {
                break; // time ran out (or was interrupted) inside the round
            }
        }

        if (incumbentValue >= bound - 1e-9)
        {
            proved = true;
        }

        string note = $"{Rounds} round{(Rounds == 1 ? string.Empty : "s")} of outer approximation, {_cuts.Count} tangent cuts, {_data.UserCount} of {_data.Instance.Users.Length} users servable alone";
        return new SolverResult(incumbent, proved ? SolverStatus.Optimal : SolverStatus.Feasible, proved ? incumbentValue : bound, note: note);
    }

    private void AddInitialTangents()
    {
        for (int k = 0; k < _data.UserCount; k++)
        {
            double high = _data.OwnLatestStart(k);
            double low = Math.Max(_data.UploadWithWholeBudget(k), 1e-6);
            for (int j = 0; j < InitialTangentsPerUser; j++)
            {
                // Geometric spacing: β bends most near its pole at the low end.
                double point = low * Math.Pow(high / low, (j + 1.0) / InitialTangentsPerUser);
                AddTangent(k, point);
            }
        }
    }

    /// <summary>Adds the tangents at the true latest starts of a rejected schedule; false when none is new.</summary>
    private bool AddTangentsAt(int[] order, OrderPlan plan)
    {
        bool added = false;
        for (int n = 0; n < order.Length; n++)
        {
            double latest = plan.LatestStartsSeconds[n] * ExactModelData.UnitsPerSecond;
            if (latest > 0 && double.IsFinite(plan.LeastBandwidthsHz[n]))
            {
                added |= AddTangent(order[n], latest);
            }
        }

        return added;
    }

    private bool AddTangent(int user, double point)
    {
        if (!_cutPoints.Add((user, point)))
        {
            return false;
        }

        _cuts.Add(_data.Tangent(user, point));
        return true;
    }

    /// <summary>Drops users, largest least bandwidth first, until the order is feasible.</summary>
    private (int[] Order, OrderPlan Plan) Repair(int[] order)
    {
        var current = order.ToList();
        while (true)
        {
            OrderPlan plan = OrderPlanner.Plan(_data.Instance, Global([.. current]));
            if (plan.IsFeasible)
            {
                return ([.. current], plan);
            }

            int drop = plan.MeetsDeadlinesWithInstantUploads
                ? Enumerable.Range(0, current.Count).MaxBy(n => plan.LeastBandwidthsHz[n])
                : plan.FirstLatePosition;
            current.RemoveAt(drop);
        }
    }

    private double Value(IEnumerable<int> local) => local.Sum(k => _data.Weight[k]);

    private int[] Global(int[] local) => [.. local.Select(k => _data.Users[k])];

    private bool TryLocal(IEnumerable<int> users, out int[] local)
    {
        var index = new Dictionary<int, int>();
        for (int k = 0; k < _data.UserCount; k++)
        {
            index[_data.Users[k]] = k;
        }

        var result = new List<int>();
        foreach (int user in users)
        {
            if (!index.TryGetValue(user, out int k))
            {
                local = [];
                return false;
            }

            result.Add(k);
        }

        local = [.. result];
        return true;
    }

    /// <summary>With integer weights the value is an integer, so a fractional bound rounds down.</summary>
    private double RoundDown(double bound)
        => _data.Weight.All(w => w == Math.Floor(w)) ? Math.Floor(bound + 1e-6) : bound;

    /// <summary>The budget check the closed form applies, for tests.</summary>
    internal static bool Fits(double totalHz, double budgetHz) => BandwidthAllocator.Fits(totalHz, budgetHz);
}
