using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// Runs a solver of the catalog the way every <c>plsolve</c> command does, through the library's solve path: an exact
/// solver first gets the schedule of its warm-start heuristic (<see cref="Plsolve.WarmStart"/>) through
/// <see cref="SolverOptions.WarmStart"/>, so <c>solve</c>, <c>compare</c> and code calling <see cref="Plsolve"/>
/// report the same thing for the same solver.
/// </summary>
internal static class CatalogRun
{
    /// <summary>Solves and verifies; <see cref="CatalogReport.WarmStartTime"/> is the heuristic's time, null when none ran.</summary>
    /// <exception cref="SolverNotApplicableException">The solver refuses the instance.</exception>
    /// <exception cref="SolverDefectException">A schedule does not hold up.</exception>
    public static CatalogReport Run(string solverName, SolverSettings settings, Instance instance, SolverOptions options, CancellationToken cancellationToken)
    {
        SolveReport? warm = Plsolve.WarmStart(instance, solverName, options, settings, cancellationToken);
        SolverOptions started = warm is null ? options : options with { WarmStart = warm.Schedule };
        return new CatalogReport(Plsolve.Solve(instance, solverName, started, settings, cancellationToken), warm?.Runtime);
    }
}

/// <summary>A verified solve, and how long the heuristic that warm-started it ran (null when none did).</summary>
internal sealed record CatalogReport(SolveReport Report, TimeSpan? WarmStartTime);
