using System.Diagnostics;
using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;

namespace PartialLoading.Milp;

/// <summary>
/// Solves the joint problem exactly by outer approximation of the bandwidth constraint (docs/model.md §6): solve a relaxation
/// in which each β_k is replaced by tangents; check its schedule with the closed form of docs/model.md §4; where it is
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
    private readonly ExactModelData _data;
    private readonly IRelaxationRound _round;
    private readonly List<TangentCut> _cuts = [];
    private readonly HashSet<(int User, double Point)> _cutPoints = [];

    public OuterApproximation(ExactModelData data, IRelaxationRound round, ExactSettings settings)
    {
        _data = data;
        _round = round;
        AddInitialTangents(settings.InitialTangentsPerUser);
    }

    /// <summary>What <see cref="MilpSolver"/> and <see cref="CpSatSolver"/> share: check the arguments, refuse a model
    /// too large to be worth building, and run the loop on the round the solver makes.</summary>
    /// <param name="solverName">The refusing solver's name, for the one-line message.</param>
    /// <param name="instance">The instance.</param>
    /// <param name="options">Time limit, warm start, threads and progress.</param>
    /// <param name="settings">The exact solvers' settings.</param>
    /// <param name="binaries">Estimates the model's binaries (see <see cref="ModelSize"/>).</param>
    /// <param name="round">Makes the solver's relaxation round.</param>
    /// <param name="cancellationToken">Stops the solve; the best verified schedule is returned.</param>
    public static SolverResult Solve(
        string solverName,
        Instance instance,
        SolverOptions options,
        ExactSettings settings,
        Func<ExactModelData, long> binaries,
        Func<ExactModelData, IRelaxationRound> round,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        var data = new ExactModelData(instance);
        if (data.UserCount == 0)
        {
            return new SolverResult(Schedule.Empty, SolverStatus.Optimal, 0.0, note: "no user can be served even alone");
        }

        ModelSize.Check(solverName, data, binaries(data));
        var loop = new OuterApproximation(data, round(data), settings);
        return loop.Run(options, options.TimeLimit ?? settings.DefaultTimeLimit, watch, cancellationToken);
    }

    /// <summary>The number of rounds the last run took.</summary>
    public int Rounds { get; private set; }

    /// <summary>Runs rounds until optimal, out of time or cancelled.</summary>
    /// <param name="options">Warm start, threads and progress.</param>
    /// <param name="timeLimit">The whole solve's limit, counted on <paramref name="watch"/>.</param>
    /// <param name="watch">Started when the solver was entered, so building the models counts against the limit.</param>
    /// <param name="cancellationToken">Stops the solve; the best verified schedule is returned.</param>
    public SolverResult Run(SolverOptions options, TimeSpan timeLimit, Stopwatch watch, CancellationToken cancellationToken)
    {
        var state = new LoopState(_data.Weight.Sum());
        if (options.WarmStart is Schedule warm && TryLocal(warm.Order, out int[] warmLocal))
        {
            OrderPlan warmPlan = OrderPlanner.Plan(_data.Instance, warm.Order);
            if (warmPlan.IsFeasible)
            {
                state.Improve(warmPlan.ToSchedule(), Value(warmLocal), warmLocal);
            }
        }

        // Rounds of MPSolver report nothing until they end; a timer keeps long solves visibly alive.
        using var timer = options.Progress is IProgress<SolverProgress> progress
            ? new ProgressTimer(() => progress.Report(state.Progress(watch.Elapsed)))
            : null;

        Rounds = 0;
        while (!cancellationToken.IsCancellationRequested && !state.Proved)
        {
            TimeSpan left = timeLimit - watch.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            Rounds++;
            RoundResult result = _round.Solve(_cuts, state.Local.Length > 0 ? state.Local : null, () => timeLimit - watch.Elapsed, options.Threads, state.OfferRunningBound, cancellationToken);

            // The incumbent is feasible for every relaxation, so a bound below it is a backend's mistake, not a proof.
            if (result.Bound >= state.Value - 1e-6)
            {
                state.OfferBound(RoundDown(result.Bound));
            }

            if (result.Order is int[] order)
            {
                Examine(order, state);
            }

            options.Progress?.Report(state.Progress(watch.Elapsed));
            if (result.Status != RoundStatus.Optimal)
            {
                break; // time ran out (or was interrupted) inside the round
            }
        }

        string note = $"{Rounds} round{(Rounds == 1 ? string.Empty : "s")} of outer approximation, {_cuts.Count} tangent cuts, {_data.UserCount} of {_data.Instance.Users.Length} users servable alone";
        return state.Proved
            ? new SolverResult(state.Schedule, SolverStatus.Optimal, state.Value, note: note)
            : new SolverResult(state.Schedule, SolverStatus.Feasible, state.Bound, note: note)
            {
                Termination = TerminationReasonWords.Stopped(finished: false, cancellationToken),
            };
    }

    /// <summary>Checks a relaxation's schedule exactly: keep it when feasible, else cut it off and keep its repair.</summary>
    private void Examine(int[] order, LoopState state)
    {
        OrderPlan plan = OrderPlanner.Plan(_data.Instance, Global(order));
        if (plan.IsFeasible)
        {
            state.Improve(plan.ToSchedule(), Value(order), order);
            return;
        }

        // A deadline missed with instant uploads can only be the model's rounding or tolerance at work; a budget
        // overrun is separated by the tangents at the true latest starts, unless they are all there already (the same
        // tolerance again). Either way the sequence itself is excluded.
        if (!plan.MeetsDeadlinesWithInstantUploads || !AddTangentsAt(order, plan))
        {
            _round.Exclude(order);
        }

        (int[] repaired, OrderPlan repairedPlan) = Repair(order);
        state.Improve(repairedPlan.ToSchedule(), Value(repaired), repaired);
    }

    /// <summary>Tangent points spread between the two ends of each user's latest start.</summary>
    private void AddInitialTangents(int perUser)
    {
        for (int k = 0; k < _data.UserCount; k++)
        {
            double high = _data.OwnLatestStart(k);
            double low = Math.Max(_data.UploadWithWholeBudget(k), 1e-6);
            for (int j = 0; j < perUser; j++)
            {
                // Geometric spacing: β bends most near its pole at the low end.
                double point = low * Math.Pow(high / low, (j + 1.0) / perUser);
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

    /// <summary>
    /// Reports once a second until disposed; disposing waits for a report under way, so that none arrives after the
    /// solve has returned (the caller's last report is then the outcome, see <see cref="SolverRunner"/>).
    /// </summary>
    private sealed class ProgressTimer : IDisposable
    {
        private readonly Timer _timer;

        public ProgressTimer(Action report) => _timer = new Timer(_ => report(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        public void Dispose()
        {
            using var done = new ManualResetEvent(false);
            if (_timer.Dispose(done))
            {
                done.WaitOne();
            }
        }
    }

    /// <summary>The best verified schedule and the best bound so far; read by the progress timer from another thread.</summary>
    private sealed class LoopState(double trivialBound)
    {
        private readonly Lock _gate = new();
        private double _runningBound = double.PositiveInfinity;

        public Schedule Schedule { get; private set; } = Schedule.Empty;

        public double Value { get; private set; }

        public int[] Local { get; private set; } = [];

        public double Bound { get; private set; } = trivialBound;

        public bool Proved => Value >= Bound - 1e-9;

        public void Improve(Schedule schedule, double value, int[] local)
        {
            lock (_gate)
            {
                if (value > Value)
                {
                    (Schedule, Value, Local) = (schedule, value, local);
                }
            }
        }

        public void OfferBound(double bound)
        {
            lock (_gate)
            {
                Bound = Math.Min(Bound, bound);
                _runningBound = double.PositiveInfinity;
            }
        }

        /// <summary>A bound the current round reports while it runs: shown in progress, kept only when the round ends.</summary>
        public void OfferRunningBound(double bound)
        {
            lock (_gate)
            {
                _runningBound = Math.Min(_runningBound, bound);
            }
        }

        public SolverProgress Progress(TimeSpan elapsed)
        {
            lock (_gate)
            {
                return new SolverProgress(Value, Math.Min(Bound, _runningBound), elapsed);
            }
        }
    }
}
