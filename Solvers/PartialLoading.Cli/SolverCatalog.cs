using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Milp;

namespace PartialLoading.Cli;

/// <summary>The solvers <c>plsolve</c> knows by name.</summary>
internal static class SolverCatalog
{
    private static readonly Dictionary<string, Func<SolverChoices, IScheduleSolver>> Factories = new(StringComparer.Ordinal)
    {
        ["local"] = c => new LocalSearchSolver(new LocalSearchSettings { Iterations = c.Iterations, StartRule = c.GreedyRule }),
        ["greedy"] = c => new GreedySolver(c.GreedyRule),
        ["dp"] = _ => new DynamicProgrammingSolver(),
        ["milp"] = choices => new MilpSolver(new MilpSettings
        {
            Backend = choices.Backend,
            Formulation = choices.Formulation switch
            {
                null or "visits" => MilpFormulation.Visits,
                "positions" => MilpFormulation.Positions,
                string other => throw new UsageException($"--solver milp has no formulation '{other}' (visits, positions)"),
            },
            Exact = choices.Exact,
        }),
        ["cpsat"] = choices => new CpSatSolver(
            choices.Formulation switch
            {
                null or "visits" => CpSatFormulation.Visits,
                "circuit" => CpSatFormulation.Circuit,
                string other => throw new UsageException($"--solver cpsat has no formulation '{other}' (visits, circuit)"),
            },
            choices.Exact),
        ["fifo"] = _ => new FifoBaseline(),
        ["edd"] = _ => new EarliestDeadlineBaseline(),
        ["random"] = _ => new RandomBaseline(),
        ["full-loading"] = _ => new FullLoadingBaseline(),
    };

    /// <summary>Exact solvers, and the heuristics whose schedule they start from (the first one registered).</summary>
    private static readonly Dictionary<string, string[]> WarmStarts = new(StringComparer.Ordinal)
    {
        ["milp"] = ["local", "greedy", "edd"],
        ["cpsat"] = ["local", "greedy", "edd"],
    };

    /// <summary>
    /// The default solver of <c>plsolve solve</c>: the local search, which is never worse than greedy, stops as soon as
    /// everybody who can be served is, and otherwise costs its 2 s default time limit.
    /// </summary>
    public const string DefaultSolver = "local";

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The heuristic that warm-starts <paramref name="name"/>, or null when it takes none.</summary>
    public static string? WarmStartFor(string name)
        => WarmStarts.TryGetValue(name, out string[]? candidates) ? candidates.FirstOrDefault(Factories.ContainsKey) : null;

    public static IScheduleSolver Create(string name, SolverChoices choices)
        => Factories.TryGetValue(name, out var factory)
            ? factory(choices)
            : throw new UsageException($"unknown solver '{name}' (known: {string.Join(", ", Names)})");
}

/// <summary>Solver-specific command-line choices, passed to the factories that use them (others ignore them).</summary>
internal sealed record SolverChoices
{
    /// <summary>The ranking of <c>greedy</c>, and of the greedy start of <c>local</c> (<c>--greedy-rule</c>).</summary>
    public GreedyRule GreedyRule { get; init; } = GreedyRule.LeastLoading;

    /// <summary>The iteration budget of <c>local</c> (<c>--iterations</c>; null: until the time limit).</summary>
    public int? Iterations { get; init; }

    /// <summary>The MPSolver backend of <c>milp</c> (<c>--backend</c>).</summary>
    public MilpBackend Backend { get; init; } = MilpSettings.Default.Backend;

    /// <summary>The formulation of an exact solver (<c>--formulation</c>), or null for its default.</summary>
    public string? Formulation { get; init; }

    /// <summary>Settings of the exact solvers (<c>--solver-log</c>).</summary>
    public ExactSettings Exact { get; init; } = ExactSettings.Default;
}
