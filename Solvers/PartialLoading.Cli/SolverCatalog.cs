using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;

namespace PartialLoading.Cli;

/// <summary>The solvers <c>plsolve</c> knows by name.</summary>
internal static class SolverCatalog
{
    private static readonly Dictionary<string, Func<SolverChoices, IScheduleSolver>> Factories = new(StringComparer.Ordinal)
    {
        ["local"] = c => new LocalSearchSolver(new LocalSearchSettings { Iterations = c.Iterations, StartRule = c.GreedyRule }),
        ["greedy"] = c => new GreedySolver(c.GreedyRule),
        ["fifo"] = _ => new FifoBaseline(),
        ["edd"] = _ => new EarliestDeadlineBaseline(),
        ["random"] = _ => new RandomBaseline(),
        ["full-loading"] = _ => new FullLoadingBaseline(),
    };

    /// <summary>
    /// The default solver of <c>plsolve solve</c>: the local search, which is never worse than greedy, stops as soon as
    /// everybody who can be served is, and otherwise costs its 2 s default time limit.
    /// </summary>
    public const string DefaultSolver = "local";

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static IScheduleSolver Create(string name, SolverChoices choices)
        => Factories.TryGetValue(name, out var factory)
            ? factory(choices)
            : throw new UsageException($"unknown solver '{name}' (known: {string.Join(", ", Names)})");
}

/// <summary>Solver-specific command-line choices, passed to the factories that use them (others ignore them).</summary>
/// <param name="GreedyRule">The ranking of <c>greedy</c>, and of the greedy start of <c>local</c>.</param>
/// <param name="Iterations">The iteration budget of <c>local</c> (null: until the time limit).</param>
internal sealed record SolverChoices(GreedyRule GreedyRule = GreedyRule.LeastLoading, int? Iterations = null);
