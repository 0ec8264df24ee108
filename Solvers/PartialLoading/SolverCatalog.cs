using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Milp;

namespace PartialLoading;

/// <summary>
/// Every solver by name: what <c>plsolve solve --solver NAME</c> offers and <see cref="Plsolve.Solve(Core.Model.Instance, string, SolverOptions?, SolverSettings?, CancellationToken)"/>
/// accepts. Adding a solver to the toolkit is one line in <see cref="All"/>.
/// </summary>
public static class SolverCatalog
{
    /// <summary>
    /// The solver used when none is named: the local search, which is never worse than greedy or EDD, stops as soon as
    /// everybody who can be served is, and otherwise runs for its 2 s default time limit.
    /// </summary>
    public const string DefaultSolver = "local";

    /// <summary>Every solver, in the order they are listed to people.</summary>
    public static IReadOnlyList<SolverInfo> All { get; } =
    [
        Heuristic("local", "local search from greedy's schedule (ruin and improve); anytime, 2 s by default", s => new LocalSearchSolver(s.LocalSearch)),
        Heuristic("greedy", "the source's rule: next the user whose model loads fastest after the one in memory", s => new GreedySolver(s.GreedyRule)),
        Exact("dp", "dynamic program, exact for bottom-layer sharing with a common deadline", _ => new DynamicProgrammingSolver()),
        Exact("labeling", "exact labeling search (schedules built from the back, bounded); general sharing, any size within its memory limit", s => new LabelingSolver(s.Labeling)),
        Exact("milp", "mixed-integer program on SCIP, HiGHS or CBC; proves the optimum or reports the gap", s => new MilpSolver(s.Milp), warmStarted: true),
        Exact("cpsat", "CP-SAT model; proves the optimum or reports the gap", s => new CpSatSolver(s.CpSat), warmStarted: true),
        Heuristic("fifo", "users in input order, with admission control", _ => new FifoBaseline()),
        Heuristic("edd", "earliest deadline first, with admission control", _ => new EarliestDeadlineBaseline()),
        Heuristic("random", "users in a random order drawn from the seed, with admission control", _ => new RandomBaseline()),
        Heuristic("full-loading", "EDD on a server that loads whole models (no sharing), with admission control", _ => new FullLoadingBaseline()),
    ];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>
    /// The heuristic whose schedule starts the solvers that are <see cref="SolverInfo.IsWarmStarted"/>: <c>local</c>,
    /// never worse than greedy or EDD.
    /// </summary>
    public static string WarmStartHeuristic => "local";

    /// <summary>The solver called <paramref name="name"/>, or null.</summary>
    /// <param name="name">A solver name such as <c>greedy</c>; case matters.</param>
    public static SolverInfo? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The solver called <paramref name="name"/>.</summary>
    /// <param name="name">A solver name such as <c>greedy</c>; case matters.</param>
    /// <exception cref="ArgumentException">No solver has that name; the message lists the known ones.</exception>
    public static SolverInfo Get(string name)
        => Find(name) ?? throw new ArgumentException($"unknown solver '{name}' (known: {string.Join(", ", Names)})", nameof(name));

    /// <summary>Makes the solver called <paramref name="name"/> with its part of <paramref name="settings"/>.</summary>
    /// <param name="name">A solver name such as <c>greedy</c>; case matters.</param>
    /// <param name="settings">Each solver's own settings (default: <see cref="SolverSettings.Default"/>).</param>
    /// <exception cref="ArgumentException">No solver has that name; the message lists the known ones.</exception>
    public static IScheduleSolver Create(string name, SolverSettings? settings = null) => Get(name).Create(settings);

    private static SolverInfo Heuristic(string name, string summary, Func<SolverSettings, IScheduleSolver> create)
        => new(name, summary, exact: false, warmStarted: false, create);

    private static SolverInfo Exact(string name, string summary, Func<SolverSettings, IScheduleSolver> create, bool warmStarted = false)
        => new(name, summary, exact: true, warmStarted, create);
}
