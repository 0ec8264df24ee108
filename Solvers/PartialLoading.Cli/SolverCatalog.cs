using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Milp;

namespace PartialLoading.Cli;

/// <summary>The solvers <c>plsolve</c> knows by name.</summary>
internal static class SolverCatalog
{
    private static readonly Dictionary<string, Func<SolverChoices, IScheduleSolver>> Factories = new(StringComparer.Ordinal)
    {
        ["fifo"] = _ => new FifoBaseline(),
        ["edd"] = _ => new EarliestDeadlineBaseline(),
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
    };

    /// <summary>Exact solvers, and the heuristics whose schedule they start from (the first one registered).</summary>
    private static readonly Dictionary<string, string[]> WarmStarts = new(StringComparer.Ordinal)
    {
        ["milp"] = ["local", "greedy", "edd"],
        ["cpsat"] = ["local", "greedy", "edd"],
    };

    /// <summary>The default solver of <c>plsolve solve</c>.</summary>
    public const string DefaultSolver = "edd";

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The heuristic that warm-starts <paramref name="name"/>, or null when it takes none.</summary>
    public static string? WarmStartFor(string name)
        => WarmStarts.TryGetValue(name, out string[]? candidates) ? candidates.FirstOrDefault(Factories.ContainsKey) : null;

    public static IScheduleSolver Create(string name, SolverChoices choices)
        => Factories.TryGetValue(name, out var factory)
            ? factory(choices)
            : throw new UsageException($"unknown solver '{name}' (known: {string.Join(", ", Names)})");
}

/// <summary>Solver-specific command-line choices, passed to the factories that use them.</summary>
internal sealed record SolverChoices
{
    /// <summary>The MPSolver backend of <c>milp</c> (<c>--backend</c>).</summary>
    public MilpBackend Backend { get; init; } = MilpSettings.Default.Backend;

    /// <summary>The formulation of an exact solver (<c>--formulation</c>), or null for its default.</summary>
    public string? Formulation { get; init; }

    /// <summary>Settings of the exact solvers (<c>--solver-log</c>).</summary>
    public ExactSettings Exact { get; init; } = ExactSettings.Default;
}
