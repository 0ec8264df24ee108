using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Milp;

namespace PartialLoading;

/// <summary>
/// Every solver by name: what <c>plsolve solve --solver NAME</c> offers and <see cref="Plsolve.Solve(Core.Model.Instance, string, SolverOptions?, SolverSettings?, CancellationToken)"/>
/// accepts. Adding a solver to the toolkit is one line in <see cref="All"/>.
/// </summary>
public static class SolverCatalog
{
    /// <summary>The solver used when none is named.</summary>
    public const string DefaultSolver = "edd";

    /// <summary>Every solver, in the order they are listed to people.</summary>
    public static IReadOnlyList<SolverInfo> All { get; } =
    [
        Heuristic("fifo", "users in input order, with admission control", _ => new FifoBaseline()),
        Heuristic("edd", "earliest deadline first, with admission control", _ => new EarliestDeadlineBaseline()),
        Exact("dp", "dynamic program, exact for bottom-layer sharing with a common deadline", _ => new DynamicProgrammingSolver()),
        Exact("milp", "mixed-integer program on SCIP, HiGHS or CBC; proves the optimum or reports the gap", s => new MilpSolver(s.Milp), warmStarted: true),
        Exact("cpsat", "CP-SAT model; proves the optimum or reports the gap", s => new CpSatSolver(s.CpSat), warmStarted: true),
    ];

    /// <summary>The heuristics a warm-started solver may start from, best first; the first one in <see cref="All"/> is used.</summary>
    private static readonly string[] WarmStartPreference = ["local", "greedy", "edd"];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>The heuristic whose schedule starts the solvers that are <see cref="SolverInfo.IsWarmStarted"/>.</summary>
    public static string WarmStartHeuristic { get; } = WarmStartPreference.First(name => All.Any(s => s.Name == name));

    /// <summary>The solver called <paramref name="name"/>, or null.</summary>
    public static SolverInfo? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The solver called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No solver has that name; the message lists the known ones.</exception>
    public static SolverInfo Get(string name)
        => Find(name) ?? throw new ArgumentException($"unknown solver '{name}' (known: {string.Join(", ", Names)})", nameof(name));

    /// <summary>Makes the solver called <paramref name="name"/> with its part of <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">No solver has that name; the message lists the known ones.</exception>
    public static IScheduleSolver Create(string name, SolverSettings? settings = null) => Get(name).Create(settings);

    private static SolverInfo Heuristic(string name, string summary, Func<SolverSettings, IScheduleSolver> create)
        => new(name, summary, exact: false, warmStarted: false, create);

    private static SolverInfo Exact(string name, string summary, Func<SolverSettings, IScheduleSolver> create, bool warmStarted = false)
        => new(name, summary, exact: true, warmStarted, create);
}
