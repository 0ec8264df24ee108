using PartialLoading.Cli.Commands;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Comparison;

/// <summary>
/// Runs every solver on every instance of a shard, one instance at a time, each solver as <c>plsolve solve</c> runs
/// it (exact solvers warm-started). A solver that refuses an instance or breaks its contract gives a row that says
/// so, and the sweep goes on. Cancellation stops it after the solve under way; that instance's rows are dropped
/// (an interrupted solve is not comparable), every instance finished before it is kept.
/// </summary>
internal sealed class ComparisonSweep(IReadOnlyList<string> solvers, SolverSettings settings, SolverOptions options)
{
    /// <summary>Runs the instances of <paramref name="shard"/> of the sorted sweep <paramref name="sweep"/>.</summary>
    /// <param name="sweep">All instances of the sweep, sorted (every shard sees the same list).</param>
    /// <param name="shard">The part to run.</param>
    /// <param name="progress">Told when solves start and instances finish.</param>
    /// <param name="instanceDone">Called with all rows so far after each instance (to write the file as the sweep goes).</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public SweepOutcome Run(IReadOnlyList<SweepInstance> sweep, Shard shard, SweepProgress progress, Action<IReadOnlyList<ComparisonRow>> instanceDone, CancellationToken cancellationToken)
    {
        SweepInstance[] mine = [.. sweep.Where((_, place) => shard.Contains(place))];
        var rows = new List<ComparisonRow>();
        progress.Begin(mine.Length, solvers.Count);
        for (int i = 0; i < mine.Length; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                progress.End();
                return new SweepOutcome(rows, i, mine.Length, Interrupted: true);
            }

            Instance instance = mine[i].Read();
            (double baseline, string baselineBy) = BestBounds.Baseline(instance, mine[i].Library);
            var context = new RowContext(instance, baseline, baselineBy, shard, sweep.Count);
            var instanceRows = new List<ComparisonRow>();
            for (int s = 0; s < solvers.Count; s++)
            {
                progress.Solving(i, mine[i].Name, s, solvers[s]);
                ComparisonRow row = Solve(solvers[s], context, cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    progress.End();
                    return new SweepOutcome(rows, i, mine.Length, Interrupted: true);
                }

                instanceRows.Add(row);
            }

            rows.AddRange(BestBounds.Apply(instanceRows));
            progress.InstanceDone(i, mine[i].Name, instance.Users.Length, rows.Skip(rows.Count - instanceRows.Count));
            instanceDone(rows);
        }

        progress.End();
        return new SweepOutcome(rows, mine.Length, mine.Length, Interrupted: false);
    }

    private ComparisonRow Solve(string solver, RowContext context, CancellationToken cancellationToken)
    {
        var row = new ComparisonRow
        {
            Instance = context.Instance.Name,
            Users = context.Instance.Users.Length,
            Solver = solver,
            Status = ComparisonStatus.NotApplicable,
            BestBound = context.Baseline,
            BestBoundBy = context.BaselineBy,
            TimeLimitSeconds = options.TimeLimit?.TotalSeconds,
            Seed = options.Seed,
            Shard = context.Shard,
            SweepInstances = context.SweepInstances,
        };
        try
        {
            SolveReport report = Plsolve.Solve(context.Instance, solver, options, settings, cancellationToken);
            return row with
            {
                Status = report.Status.ToWord(),
                Value = report.Value,
                Served = report.Evaluation.Served,
                Bound = report.Bound,
                BoundBy = report.BoundSource,
                RuntimeSeconds = report.Runtime.TotalSeconds,
                WarmStartSeconds = report.WarmStart?.Runtime.TotalSeconds,
                Termination = report.Termination.ToWord(),
                Note = report.Result.Note,
            };
        }
        catch (SolverNotApplicableException e)
        {
            return row with { Termination = TerminationReason.NotApplicable.ToWord(), Note = RefusalLine.Of(e) };
        }
        catch (SolverDefectException e)
        {
            return row with { Status = ComparisonStatus.Defect, Note = e.Message };
        }
    }

    private sealed record RowContext(Instance Instance, double Baseline, string BaselineBy, Shard Shard, int SweepInstances);
}

/// <summary>What a sweep produced: the rows of the instances finished, and whether Ctrl-C cut it short.</summary>
/// <param name="Rows">Rows of the finished instances, in sweep order and solver order.</param>
/// <param name="InstancesDone">Instances finished.</param>
/// <param name="Instances">Instances in the shard.</param>
/// <param name="Interrupted">True when cancellation stopped the sweep before its end.</param>
internal sealed record SweepOutcome(IReadOnlyList<ComparisonRow> Rows, int InstancesDone, int Instances, bool Interrupted);
