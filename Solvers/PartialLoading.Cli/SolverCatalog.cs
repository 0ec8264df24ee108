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
        ["milp"] = choices => new MilpSolver(new MilpSettings { Backend = choices.Backend }),
        ["cpsat"] = _ => new CpSatSolver(),
    };

    /// <summary>The default solver of <c>plsolve solve</c>.</summary>
    public const string DefaultSolver = "edd";

    public static IReadOnlyCollection<string> Names => Factories.Keys;

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
}
