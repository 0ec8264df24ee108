using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>A round of a CP-SAT model.</summary>
internal sealed class CpSatRound(ExactModelData data, CpSatFormulation formulation, int seed) : IRelaxationRound
{
    private readonly List<int[]> _excluded = [];
    private readonly VisitLayout? _layout = formulation == CpSatFormulation.Visits ? new VisitLayout(data) : null;

    /// <inheritdoc/>
    public void Exclude(int[] order) => _excluded.Add(order);

    public RoundResult Solve(IReadOnlyList<TangentCut> cuts, IReadOnlyList<int>? hint, TimeSpan limit, int threads, CancellationToken cancellationToken)
    {
        ICpModel model = _layout is not null ? CpVisitModel.Build(_layout) : CpCircuitModel.Build(data);
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

        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.01, limit.TotalSeconds)} num_workers:{Math.Max(1, threads)} random_seed:{seed} log_search_progress:{(Environment.GetEnvironmentVariable("PL_MILP_LOG") == "1" ? "true" : "false")}"),
        };
        using CancellationTokenRegistration interrupt = cancellationToken.Register(solver.StopSearch);
        CpSolverStatus status = solver.Solve(model.Model);
        double scale = CpModelScale.WeightScale(data);
        return status switch
        {
            CpSolverStatus.Optimal => new RoundResult(RoundStatus.Optimal, model.ExtractOrder(solver), solver.ObjectiveValue / scale),
            CpSolverStatus.Feasible => new RoundResult(RoundStatus.Stopped, model.ExtractOrder(solver), solver.BestObjectiveBound / scale),
            CpSolverStatus.Infeasible => throw new InvalidOperationException("The CP-SAT model is infeasible, yet serving nobody is always feasible: a modelling defect."),
            _ => new RoundResult(RoundStatus.NoSolution, null, double.PositiveInfinity),
        };
    }
}
