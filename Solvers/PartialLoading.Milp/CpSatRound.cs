using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>A round of a CP-SAT model.</summary>
internal sealed class CpSatRound(ExactModelData data, CpSatFormulation formulation, ExactSettings settings, int seed) : IRelaxationRound
{
    private readonly List<int[]> _excluded = [];
    private readonly VisitLayout? _layout = formulation == CpSatFormulation.Visits ? new VisitLayout(data, settings.ConflictCuts) : null;

    /// <inheritdoc/>
    public void Exclude(int[] order) => _excluded.Add(order);

    public RoundResult Solve(IReadOnlyList<TangentCut> cuts, IReadOnlyList<int>? hint, Func<TimeSpan> timeLeft, int threads, Action<double> onBound, CancellationToken cancellationToken)
    {
        var building = System.Diagnostics.Stopwatch.StartNew();
        bool Stop() => cancellationToken.IsCancellationRequested || timeLeft() <= building.Elapsed;
        ICpModel? built = _layout is not null ? CpVisitModel.Build(_layout, Stop) : CpCircuitModel.Build(data, Stop);
        if (built is not ICpModel model)
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

        if (hint is not null)
        {
            model.Hint(hint);
        }

        double scale = CpModelScale.WeightScale(data);

        // Handing the model to the native solver and the response back takes about as long as building it, outside
        // CP-SAT's own clock (about a second at the size limit); reserve that much of the time left.
        TimeSpan limit = timeLeft() - building.Elapsed;
        if (cancellationToken.IsCancellationRequested || limit <= TimeSpan.Zero)
        {
            return new RoundResult(RoundStatus.NoSolution, null, double.PositiveInfinity);
        }

        // catch_sigint_signal:false — CP-SAT's own SIGINT handler replaces .NET's (so Ctrl-C never reaches the
        // token) and, called after the solve that installed it, aborts the process with std::bad_function_call.
        // Ctrl-C reaches CP-SAT through the token's StopSearch below instead (PersistentInterrupt).
        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{limit.TotalSeconds} num_workers:{Math.Max(1, threads)} random_seed:{seed} log_search_progress:{(settings.SolverLog ? "true" : "false")} log_to_stdout:false catch_sigint_signal:false"),
        };
        if (settings.SolverLog)
        {
            solver.SetLogCallback(line => Console.Error.WriteLine(line));
        }

        // StopSearch from Ctrl-C on, repeated until Solve returns: one call before Solve has set up its search is lost.
        CpSolverStatus status;
        using (new PersistentInterrupt(solver, cancellationToken))
        {
            status = solver.Solve(model.Model, new BoundReporter(bound => onBound(bound / scale)));
        }

        return status switch
        {
            CpSolverStatus.Optimal => new RoundResult(RoundStatus.Optimal, model.ExtractOrder(solver), solver.ObjectiveValue / scale),
            CpSolverStatus.Feasible => new RoundResult(RoundStatus.Stopped, model.ExtractOrder(solver), solver.BestObjectiveBound / scale),
            CpSolverStatus.Infeasible => throw new InvalidOperationException("The CP-SAT model is infeasible, yet serving nobody is always feasible: a modelling defect."),
            _ => new RoundResult(RoundStatus.NoSolution, null, double.PositiveInfinity),
        };
    }

    /// <summary>Passes CP-SAT's dual bound on each solution it finds to the loop's progress.</summary>
    private sealed class BoundReporter(Action<double> onBound) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback() => onBound(BestObjectiveBound());
    }
}
