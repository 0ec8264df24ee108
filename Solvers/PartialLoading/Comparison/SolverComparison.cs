using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Comparison;

/// <summary>
/// Runs solvers on instances with seeds and gives one <see cref="ComparisonRow"/> per instance, solver and seed,
/// each gap measured against the best bound known for the instance (<see cref="BestBounds"/>). This is what
/// <c>plsolve compare</c> runs.
/// </summary>
/// <remarks>
/// Instances are taken one at a time; on each, every solver with every seed, each solve as
/// <see cref="Plsolve.Solve(Instance, IScheduleSolver, SolverOptions?, CancellationToken)"/> runs it (verified,
/// exact solvers warm-started). A solver that refuses an instance or breaks its contract gives a row that says so,
/// and the comparison goes on. Cancellation stops it after the solve under way; that instance's rows are dropped
/// (an interrupted solve is not comparable), every instance finished before it is kept.
/// </remarks>
/// <example>
/// <code>
/// var instances = new[] { new ComparisonInstance(Plsolve.ReadInstance("instances/three-models")) };
/// var solvers = new[] { ComparisonSolver.Named("greedy"), ComparisonSolver.Of(new MySolver()) };
/// ComparisonOutcome outcome = SolverComparison.Run(instances, solvers, seeds: [1, 2, 3]);
/// ComparisonTable.Write("results.csv", outcome.Rows);
/// </code>
/// </example>
public static class SolverComparison
{
    /// <summary>Runs every solver with every seed on every instance (of <paramref name="shard"/>, when given).</summary>
    /// <param name="instances">The instances, in the order to run them; names must differ (rows are keyed by them).</param>
    /// <param name="solvers">The solvers, in the order their rows come; names must differ.</param>
    /// <param name="seeds">The seeds, each given to every solver as <see cref="SolverOptions.Seed"/> (default: <paramref name="options"/>' seed).</param>
    /// <param name="options">Time limit and threads of every solve (default: <see cref="SolverOptions.Default"/>); its seed is replaced by each of <paramref name="seeds"/>.</param>
    /// <param name="shard">Run only this part of <paramref name="instances"/> (default: all); rows record it, so shards can be merged.</param>
    /// <param name="observer">Told about progress (may be null).</param>
    /// <param name="cancellationToken">Stops the comparison after the solve under way.</param>
    /// <exception cref="ArgumentException">Two instances or two solvers share a name, a seed repeats, or a list is empty.</exception>
    public static ComparisonOutcome Run(
        IReadOnlyList<ComparisonInstance> instances,
        IReadOnlyList<ComparisonSolver> solvers,
        IReadOnlyList<int>? seeds = null,
        SolverOptions? options = null,
        Shard? shard = null,
        IComparisonObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(solvers);
        options ??= SolverOptions.Default;
        seeds ??= [options.Seed];
        Distinct(instances.Select(i => i.Name), "instance", nameof(instances));
        Distinct(solvers.Select(s => s.Name), "solver", nameof(solvers));
        Distinct(seeds.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), "seed", nameof(seeds));
        if (solvers.Count == 0 || seeds.Count == 0)
        {
            throw new ArgumentException("A comparison needs at least one solver and one seed.", solvers.Count == 0 ? nameof(solvers) : nameof(seeds));
        }

        Shard part = shard ?? Shard.All;
        ComparisonInstance[] mine = [.. instances.Where((_, place) => part.Contains(place))];
        var rows = new List<ComparisonRow>();
        var invalid = new List<InvalidComparisonInstance>();
        observer?.Begin(mine.Length, solvers.Count * seeds.Count);
        try
        {
            for (int i = 0; i < mine.Length; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return new ComparisonOutcome(rows, i, mine.Length, Interrupted: true, invalid);
                }

                Instance instance;
                try
                {
                    instance = mine[i].Read();
                }
                catch (InvalidInputException e)
                {
                    // One broken instance does not stop the comparison: one row per solver and seed says so, the rest are solved.
                    ComparisonRow[] broken = [.. solvers.SelectMany(solver => seeds.Select(seed => InvalidRow(mine[i].Name, solver.Name, seed, e, part, instances.Count, options)))];
                    rows.AddRange(broken);
                    invalid.Add(new InvalidComparisonInstance(mine[i].Name, e));
                    observer?.InstanceDone(i, mine[i].Name, 0, broken, rows);
                    continue;
                }

                var context = new RowContext(mine[i].Name, instance, BestBounds.Baseline(instance, mine[i].KnownBounds), part, instances.Count, options);
                var instanceRows = new List<ComparisonRow>();
                for (int s = 0; s < solvers.Count; s++)
                {
                    for (int k = 0; k < seeds.Count; k++)
                    {
                        observer?.Solving(i, mine[i].Name, (s * seeds.Count) + k, solvers[s].Name, seeds[k]);
                        ComparisonRow row = Solve(solvers[s], seeds[k], context, cancellationToken);
                        if (cancellationToken.IsCancellationRequested)
                        {
                            return new ComparisonOutcome(rows, i, mine.Length, Interrupted: true, invalid);
                        }

                        instanceRows.Add(row);
                    }
                }

                List<ComparisonRow> done = BestBounds.Apply(instanceRows);
                rows.AddRange(done);
                observer?.InstanceDone(i, mine[i].Name, instance.Users.Length, done, rows);
            }

            return new ComparisonOutcome(rows, mine.Length, mine.Length, Interrupted: false, invalid);
        }
        finally
        {
            observer?.Finished();
        }
    }

    private static ComparisonRow Solve(ComparisonSolver solver, int seed, RowContext context, CancellationToken cancellationToken)
    {
        var row = new ComparisonRow
        {
            Instance = context.Name,
            Users = context.Instance.Users.Length,
            Solver = solver.Name,
            Status = ComparisonStatus.NotApplicable,
            BestBound = context.Baseline.Value,
            BestBoundBy = context.Baseline.By,
            TimeLimitSeconds = context.Options.TimeLimit?.TotalSeconds,
            Seed = seed,
            Shard = context.Shard,
            SweepInstances = context.SweepInstances,
        };
        try
        {
            SolveReport report = solver.Solve(context.Instance, context.Options with { Seed = seed }, cancellationToken);
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
            string instead = e.ApplicableSolvers.Count == 0 ? string.Empty : $"; solvers that apply: {string.Join(", ", e.ApplicableSolvers)}";
            return row with { Termination = TerminationReason.NotApplicable.ToWord(), Note = e.Message + instead };
        }
        catch (SolverDefectException e)
        {
            return row with { Status = ComparisonStatus.Defect, Note = e.Message };
        }
    }

    private static ComparisonRow InvalidRow(string name, string solver, int seed, InvalidInputException e, Shard shard, int sweepInstances, SolverOptions options) => new()
    {
        Instance = name,
        Users = 0,
        Solver = solver,
        Status = ComparisonStatus.InvalidInput,
        BestBound = 0.0,
        BestBoundBy = "none",
        TimeLimitSeconds = options.TimeLimit?.TotalSeconds,
        Seed = seed,
        Shard = shard,
        SweepInstances = sweepInstances,
        Note = e.Problems.Count == 1 ? e.Problems[0].ToString() : $"{e.Problems[0]} (and {e.Problems.Count - 1} more problems)",
    };

    private static void Distinct(IEnumerable<string> names, string what, string parameter)
    {
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two {what}s are called '{twice.Key}'; rows are keyed by it.", parameter);
        }
    }

    private sealed record RowContext(string Name, Instance Instance, KnownBound Baseline, Shard Shard, int SweepInstances, SolverOptions Options);
}
