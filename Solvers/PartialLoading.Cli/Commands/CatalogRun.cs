using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// Runs a solver of the catalog the way every <c>plsolve</c> command does: an exact solver first gets the schedule
/// of its warm-start heuristic (<see cref="SolverCatalog.WarmStartFor"/>) through <see cref="SolverOptions.WarmStart"/>,
/// so <c>solve</c> and <c>compare</c> report the same thing for the same solver.
/// </summary>
internal static class CatalogRun
{
    /// <summary>Solves and verifies; <see cref="CatalogReport.WarmStartTime"/> is the heuristic's time, null when none ran.</summary>
    /// <exception cref="SolverNotApplicableException">The solver refuses the instance.</exception>
    /// <exception cref="SolverDefectException">A schedule does not hold up.</exception>
    public static CatalogReport Run(string solverName, SolverChoices choices, Instance instance, SolverOptions options, CancellationToken cancellationToken)
    {
        IScheduleSolver solver = SolverCatalog.Create(solverName, choices);
        TimeSpan? warmStartTime = null;
        if (SolverCatalog.WarmStartFor(solverName) is string heuristic && options.WarmStart is null)
        {
            // A tenth of the exact solver's limit (its 60 s default when none is given), at most 2 s.
            var warmOptions = options with { Progress = null, TimeLimit = TimeSpan.FromSeconds(Math.Min(2.0, (options.TimeLimit ?? TimeSpan.FromSeconds(60)).TotalSeconds / 10)) };
            SolveReport warm = SolverRunner.Run(SolverCatalog.Create(heuristic, choices), instance, warmOptions, cancellationToken);
            options = options with { WarmStart = warm.Result.Schedule };
            warmStartTime = warm.Runtime;
        }

        return new CatalogReport(SolverRunner.Run(solver, instance, options, cancellationToken), warmStartTime);
    }
}

/// <summary>A verified solve, and how long the heuristic that warm-started it ran (null when none did).</summary>
internal sealed record CatalogReport(SolveReport Report, TimeSpan? WarmStartTime);
