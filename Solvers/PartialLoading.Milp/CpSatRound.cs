using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>A round of the circuit model on CP-SAT.</summary>
internal sealed class CpSatRound(ExactModelData data, int seed) : IRelaxationRound
{
    private readonly List<int[]> _excluded = [];

    /// <inheritdoc/>
    public void Exclude(int[] order) => _excluded.Add(order);

    public RoundResult Solve(IReadOnlyList<TangentCut> cuts, IReadOnlyList<int>? hint, TimeSpan limit, int threads, CancellationToken cancellationToken)
    {
        var model = CircuitFormulation.Build(data);
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
                $"max_time_in_seconds:{Math.Max(0.01, limit.TotalSeconds)} num_workers:{Math.Max(1, threads)} random_seed:{seed}"),
        };
        using CancellationTokenRegistration interrupt = cancellationToken.Register(solver.StopSearch);
        CpSolverStatus status = solver.Solve(model.Model);
        double scale = CircuitFormulation.WeightScale(data);
        double bound = solver.BestObjectiveBound / scale;
        return status switch
        {
            CpSolverStatus.Optimal => new RoundResult(RoundStatus.Optimal, model.ExtractOrder(solver), solver.ObjectiveValue / scale),
            CpSolverStatus.Feasible => new RoundResult(RoundStatus.Stopped, model.ExtractOrder(solver), bound),
            CpSolverStatus.Infeasible => throw new InvalidOperationException("The CP-SAT model is infeasible, yet serving nobody is always feasible: a modelling defect."),
            _ => new RoundResult(RoundStatus.NoSolution, null, double.IsFinite(bound) ? bound : double.PositiveInfinity),
        };
    }
}
