using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Comparison;

/// <summary>
/// A solver taking part in a comparison: one of the <see cref="SolverCatalog"/> by name, or any
/// <see cref="IScheduleSolver"/> (a heuristic of one's own). Each runs as <c>Plsolve.Solve</c> runs it: verified by
/// the evaluator, warm-started when its traits say it takes a warm start.
/// </summary>
public sealed class ComparisonSolver
{
    private readonly Func<Instance, SolverOptions, CancellationToken, SolveReport> _solve;

    private ComparisonSolver(string name, SolverTraits traits, Func<Instance, SolverOptions, CancellationToken, SolveReport> solve)
    {
        Name = name;
        Traits = traits;
        _solve = solve;
    }

    /// <summary>The name its rows carry.</summary>
    public string Name { get; }

    /// <summary>What the solver states about itself (kind, reproducibility, where it applies).</summary>
    public SolverTraits Traits { get; }

    /// <summary>The catalog's solver called <paramref name="name"/>, made with its part of <paramref name="settings"/>.</summary>
    /// <param name="name">A catalog name such as <c>greedy</c>.</param>
    /// <param name="settings">Each solver's own settings (default: <see cref="SolverSettings.Default"/>).</param>
    /// <exception cref="ArgumentException">No solver of the catalog has that name; the message lists the known ones.</exception>
    public static ComparisonSolver Named(string name, SolverSettings? settings = null)
    {
        SolverInfo info = SolverCatalog.Get(name);
        return new ComparisonSolver(info.Name, info.Traits, (instance, options, token) => Plsolve.Solve(instance, info.Name, options, settings, token));
    }

    /// <summary>Any solver, e.g. one of your own; its rows carry <see cref="IScheduleSolver.Name"/>.</summary>
    /// <param name="solver">The solver; it is called once per instance and seed, so it must not keep state between solves.</param>
    public static ComparisonSolver Of(IScheduleSolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        return new ComparisonSolver(solver.Name, solver.Traits, (instance, options, token) => Plsolve.Solve(instance, solver, options, token));
    }

    /// <summary>Solves one instance (see <see cref="Plsolve.Solve(Instance, IScheduleSolver, SolverOptions?, CancellationToken)"/> for the exceptions).</summary>
    internal SolveReport Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken) => _solve(instance, options, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
