using PartialLoading.Core.Model;

namespace PartialLoading.Core.Solving;

/// <summary>
/// A solver: an instance in, a <see cref="SolverResult"/> out (schedule, status, bound). Heuristics, the dynamic
/// program and the exact models all implement it, so the CLI, the benchmarks and the tests treat them alike.
/// </summary>
public interface IScheduleSolver
{
    /// <summary>The name the command line uses (<c>greedy</c>, <c>dp</c>, <c>milp</c>, …).</summary>
    string Name { get; }

    /// <summary>
    /// The solver's facts (kind, warm start, default time limit, reproducibility, threads, where it applies). A solver of
    /// one's own that says nothing is a one-thread heuristic for every instance.
    /// </summary>
    SolverTraits Traits => SolverTraits.Heuristic;

    /// <summary>Solves <paramref name="instance"/>.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="options">Time limit, threads, seed, progress and warm start.</param>
    /// <param name="cancellationToken">Stops the solver early; it then returns the best schedule found so far.</param>
    /// <exception cref="SolverNotApplicableException">The solver does not apply to this instance (e.g. <c>dp</c> on general sharing).</exception>
    SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default);
}
