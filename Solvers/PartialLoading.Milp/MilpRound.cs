using Google.OrTools.LinearSolver;

namespace PartialLoading.Milp;

/// <summary>A round of the position formulation on an MPSolver backend.</summary>
internal sealed class MilpRound(ExactModelData data, MilpSettings settings) : IRelaxationRound
{
    private readonly List<int[]> _excluded = [];
    private readonly MilpBackend _backend = settings.Backend;
    private readonly double _handOverFactor = HandOverFactorOf(settings.Backend);
    private readonly VisitLayout? _layout = settings.Formulation == MilpFormulation.Visits ? new VisitLayout(data, settings.Exact.ConflictCuts) : null;

    /// <summary>
    /// Time from handing a model to the backend until the backend first checks its clock (or an interrupt), in units of
    /// the time the model took to build; a round starts only when the time left exceeds it. On synthetic-general-100
    /// (build 2.1–2.3 s, load average 15–25) SCIP took 2.3–2.5 s to receive the model and then 16–18 s in its first
    /// presolving round, which checks nothing: the round never ended sooner than 5.9 times the build time (13.1 s,
    /// interrupted at 8.7 s). The factor was 3.0 before: then a 10 s limit started that round and ended after 21.5 s
    /// with nothing better than the warm start.
    /// </summary>
    internal const double HandOverFactor = 6.0;

    /// <summary>
    /// <see cref="HandOverFactor"/> for HiGHS: it receives the model one column's integrality and one row at a time and
    /// then presolves without looking at its clock. At a 5 s limit (about 4.1 s left for the round, load 1.4–1.9) its
    /// Solve took 5.1–11.3 s on the six 100- and 150-user instances of docs/results (issue 19), 23–49 times the build
    /// time (0.10–0.36 s); 32 lets none of those rounds start at 5 s, where each was given up on, and still starts
    /// sbc-100 (build 0.10 s), which overran by 0.8 s, and every one of them at 30 s.
    /// </summary>
    internal const double HighsHandOverFactor = 32.0;

    /// <summary>
    /// <see cref="HandOverFactor"/> for CBC, whose root LP never checks its clock: at a 5 s limit its Solve took 9.0 s
    /// on sbc-100 (build 0.10 s, 87 times) and 34.7 s on heterogeneous-100 (build 0.34 s, 101 times). With 100, sbc-100
    /// still searches at 30 s (and finds 58, the warm start 57) and heterogeneous-100, whose CBC round ran 152 s at a 30
    /// s limit, is not started below 35 s.
    /// </summary>
    internal const double CbcHandOverFactor = 100.0;

    /// <summary>
    /// How long past its limit (or a cancellation) a round waits for the backend before going on without it: enough
    /// for SCIP to stop at its limit and hand over its solution, short enough that the solve keeps to its limit.
    /// </summary>
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(0.5);

    /// <inheritdoc/>
    public void Exclude(int[] order) => _excluded.Add(order);

    public RoundResult Solve(IReadOnlyList<TangentCut> cuts, IReadOnlyList<int>? hint, Func<TimeSpan> timeLeft, int threads, Action<double> onBound, CancellationToken cancellationToken)
    {
        var building = System.Diagnostics.Stopwatch.StartNew();
        // Building stops as soon as the round could no longer start in time (see HandOverFactor): the time building
        // took only grows and the time left only shrinks.
        bool Stop() => cancellationToken.IsCancellationRequested || timeLeft() <= building.Elapsed * _handOverFactor;
        Solver solver = Solver.CreateSolver(BackendName(_backend))
            ?? throw new InvalidOperationException($"The MPSolver backend {_backend} is not available in this OR-Tools build.");
        bool detached = false;
        try
        {
            IMpModel? built = _layout is not null
                ? MpVisitModel.Build(solver, _layout, Stop)
                : MpPositionModel.Build(solver, data, data.UserCount, Stop);
            if (built is not IMpModel model)
            {
                return new RoundResult(RoundStatus.NoSolution, null, double.PositiveInfinity);
            }

            foreach (TangentCut cut in cuts)
            {
                model.AddTangent(cut);
            }

            foreach (int[] order in _excluded)
            {
                model.ExcludeSequence(order);
            }

            // OR-Tools 9.15's HiGHS interface crashes the process (SIGSEGV) on any hint, even on a two-variable model,
            // so HiGHS starts cold.
            if (hint is not null && _backend != MilpBackend.Highs)
            {
                model.Hint(hint);
            }

            // MPSolver hands the model to the backend inside Solve(), outside the backend's clock, and SCIP's first
            // presolving round, HiGHS's presolve and CBC's root LP check neither their clock nor an interrupt (see
            // HandOverFactor). A round that could not reach the backend's first check before the limit is not started:
            // it would be given up on and keep a core busy for nothing.
            TimeSpan limit = timeLeft();
            if (cancellationToken.IsCancellationRequested || limit < building.Elapsed * _handOverFactor)
            {
                return new RoundResult(RoundStatus.NoSolution, null, double.PositiveInfinity);
            }

            Configure(solver, limit, threads);
            detached = true;
            return SolveDetached(solver, model, limit, cancellationToken);
        }
        finally
        {
            if (!detached)
            {
                solver.Dispose();
            }
        }
    }

    /// <summary>
    /// Solves on a thread of its own and waits at most <see cref="Grace"/> past <paramref name="limit"/> (or past a
    /// cancellation): no backend can be relied on to return on time (see <see cref="DetachedCall"/>). A round given up
    /// on has no solution; the solver is freed by that thread, when the backend returns, never on the caller's path.
    /// </summary>
    private RoundResult SolveDetached(Solver solver, IMpModel model, TimeSpan limit, CancellationToken cancellationToken)
    {
        // SCIP checks its limit only now and then; interrupt it on time (only SCIP listens, see PersistentInterrupt).
        var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(limit);
        RoundResult Work()
        {
            Solver.ResultStatus status;
            using (new SigintKeeper())
            using (new PersistentInterrupt(solver, watchdog.Token))
            {
                status = solver.Solve();
            }

            return Interpret(status, model, solver);
        }

        void Release()
        {
            solver.Dispose();
            watchdog.Dispose();
        }

        // The mute ends with the wait: a backend given up on that printed later would reach stdout, but none prints
        // during a solve without --solver-log.
        using NativeStdoutMute? mute = settings.Exact.SolverLog ? null : new NativeStdoutMute();
        return DetachedCall.TryRun(Work, Release, limit + Grace, Grace, cancellationToken, out RoundResult result)
            ? result
            : new RoundResult(RoundStatus.NoSolution, null, double.PositiveInfinity);
    }

    private void Configure(Solver solver, TimeSpan limit, int threads)
    {
        solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        if (_backend == MilpBackend.Scip)
        {
            // SCIP would take SIGINT for itself (and leave .NET's Ctrl-C handler unaware); InterruptSolve stops it instead.
            solver.SetSolverSpecificParametersAsString("misc/catchctrlc = FALSE\n");
        }

        // SCIP's concurrent mode, which more than one thread switches on, stops at once with status "unknown" when
        // driven through MPSolver (seen with SCIP 10 in OR-Tools 9.15); ordinary SCIP is single-threaded anyway. The
        // CBC in OR-Tools 9.15 is built without threads (it answers "No match for threads" on stdout).
        solver.SetNumThreads(_backend == MilpBackend.Highs ? threads : 1);
        if (settings.Exact.SolverLog)
        {
            solver.EnableOutput(); // the backend's own log, on stdout (MPSolver offers no redirection)
        }
    }

    /// <summary>
    /// What a round is worth. A bound is taken only from a backend that says it finished (OPTIMAL) or stopped with a
    /// solution (FEASIBLE), and never one below that solution's value: HiGHS, stopped by its time limit, returns a
    /// status outside <see cref="Solver.ResultStatus"/> with a best bound of 0, which would otherwise "prove" any
    /// incumbent optimal.
    /// </summary>
    private static RoundResult Interpret(Solver.ResultStatus status, IMpModel model, Solver solver)
    {
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL:
                return new RoundResult(RoundStatus.Optimal, model.ExtractOrder(), solver.Objective().Value());
            case Solver.ResultStatus.FEASIBLE:
                double value = solver.Objective().Value();
                double bound = solver.Objective().BestBound();
                return new RoundResult(RoundStatus.Stopped, model.ExtractOrder(), double.IsFinite(bound) && bound >= value - 1e-6 ? bound : double.PositiveInfinity);
            case Solver.ResultStatus.INFEASIBLE:
                throw new InvalidOperationException("The relaxation is infeasible, yet serving nobody is always feasible: a modelling defect.");
            default:
                return new RoundResult(RoundStatus.NoSolution, null, double.PositiveInfinity);
        }
    }

    /// <summary>The backend's hand-over factor: <see cref="HandOverFactor"/>, <see cref="HighsHandOverFactor"/> or <see cref="CbcHandOverFactor"/>.</summary>
    internal static double HandOverFactorOf(MilpBackend backend) => backend switch
    {
        MilpBackend.Highs => HighsHandOverFactor,
        MilpBackend.Cbc => CbcHandOverFactor,
        _ => HandOverFactor,
    };

    internal static string BackendName(MilpBackend backend) => backend switch
    {
        MilpBackend.Scip => "SCIP",
        MilpBackend.Highs => "HIGHS",
        MilpBackend.Cbc => "CBC",
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };
}
