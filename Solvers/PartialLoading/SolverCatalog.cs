using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Milp;

namespace PartialLoading;

/// <summary>
/// Every solver by name: what <c>plsolve solve --solver NAME</c> offers, what
/// <see cref="Plsolve.Solve(Core.Model.Instance, string, SolverOptions?, SolverSettings?, CancellationToken)"/> accepts, and
/// what comparisons, the library refresh, the benchmarks and the conformance tests run. Adding a solver to the toolkit
/// is its class (with its <see cref="IScheduleSolver.Traits"/>) and one entry in <see cref="All"/>.
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
        new("local search from greedy's schedule, or a warm start that serves more (ruin and improve); anytime, 2 s by default", s => new LocalSearchSolver(s.LocalSearch)),
        new("large-neighbourhood search: windows of the schedule re-solved exactly; anytime, 10 s by default", s => new LnsSolver(s.Lns)),
        new("the source's rule: next the user whose model loads fastest after the one in memory", s => new GreedySolver(s.GreedyRule)),
        new("dynamic program, exact for bottom-layer sharing with a common deadline", _ => new DynamicProgrammingSolver()),
        new("exact labeling search (schedules built from the back, bounded); general sharing, any size within its memory limit", s => new LabelingSolver(s.Labeling)),
        new("mixed-integer program on SCIP, HiGHS or CBC; proves the optimum or reports the gap", s => new MilpSolver(s.Milp)),
        new("CP-SAT model; proves the optimum or reports the gap", s => new CpSatSolver(s.CpSat)),
        new("users in input order, with admission control", _ => new FifoBaseline()),
        new("earliest deadline first, with admission control", _ => new EarliestDeadlineBaseline()),
        new("users in a random order drawn from the seed, with admission control", _ => new RandomBaseline()),
        new("EDD on a server that loads whole models (no sharing), with admission control", _ => new FullLoadingBaseline()),
    ];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>
    /// The heuristics whose best schedule starts the solvers that <see cref="SolverTraits.TakesWarmStart"/>, in the order
    /// they run: <c>dp</c> where it applies (bottom-layer sharing with a common deadline, where it is far ahead at scale),
    /// <c>local</c> from dp's schedule, never worse than greedy or EDD, then <c>lns</c> from the better of the two, which
    /// serves more than <c>local</c> on 8 of the 36 labeling-frontier instances (docs/results/README.md, issue 16).
    /// A search in this list is started only by those before it: <c>local</c> by <c>dp</c>, <c>lns</c> by both.
    /// </summary>
    public static IReadOnlyList<string> WarmStartHeuristics { get; } = ["dp", "local", "lns"];

    /// <summary>
    /// The heuristics of <see cref="WarmStartHeuristics"/> that start the solver called <paramref name="name"/> when it
    /// takes a warm start: those before it when it is one of them (<c>local</c>: dp; <c>lns</c>: dp and local), else all.
    /// </summary>
    /// <param name="name">A solver name such as <c>labeling</c>; case matters.</param>
    public static IReadOnlyList<string> WarmStartHeuristicsFor(string name)
        => [.. WarmStartPolicy().Starting(name).Select(h => h.Name)];

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

    /// <summary>
    /// The warm-start policy of the toolkit: run <see cref="WarmStartHeuristics"/> with their part of
    /// <paramref name="settings"/> and start the search from the best schedule.
    /// </summary>
    /// <param name="settings">Each solver's own settings (default: <see cref="SolverSettings.Default"/>). A search without
    /// an iteration budget of its own stops after <see cref="WarmStartLocalIterations"/> or
    /// <see cref="WarmStartLnsIterationsPerUser"/> per user (or at its share of the time limit): otherwise it would spend its
    /// whole share on a small instance the search then proves in milliseconds, and its schedule would depend on the
    /// machine's speed.</param>
    public static WarmStartPolicy WarmStartPolicy(SolverSettings? settings = null)
    {
        settings ??= SolverSettings.Default;
        if (settings.LocalSearch.Iterations is null)
        {
            settings = settings with { LocalSearch = settings.LocalSearch with { Iterations = WarmStartLocalIterations } };
        }

        if (settings.Lns is { Iterations: null, IterationsPerUser: null })
        {
            settings = settings with { Lns = settings.Lns with { IterationsPerUser = WarmStartLnsIterationsPerUser } };
        }

        return new([.. WarmStartHeuristics.Select(name => Create(name, settings))]);
    }

    /// <summary>
    /// Iterations of the warm start's local search when none are set: a few milliseconds at 30 users, about a second
    /// at 1,000 (where the time share stops it first), and the same schedule on every machine below that.
    /// </summary>
    public const int WarmStartLocalIterations = 200;

    /// <summary>
    /// Windows per user the warm start's large-neighbourhood search re-solves when no budget is set: 6,000 at 60 users,
    /// 0.8–1.3 s on one or two threads, inside the 2 s each heuristic may take under a 60 s limit, and about 0.3 s at 10
    /// users (measured on the labeling frontier's instances, docs/results/README.md).
    /// </summary>
    public const int WarmStartLnsIterationsPerUser = 100;

    /// <summary>
    /// Solvers that take every instance, to suggest when one with a restriction refuses: those that prove bounds, as the
    /// refused solver does, or else the heuristics (two at most); then the default solver.
    /// </summary>
    /// <param name="refused">The traits of the solver that refused.</param>
    public static IReadOnlyList<string> ApplicableInstead(SolverTraits refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        IEnumerable<string> alike = All.Where(s => s.Traits.Restriction is null && s.IsExact == refused.ProvesBounds).Select(s => s.Name);
        return [.. alike.Take(2).Append(DefaultSolver).Distinct()];
    }

    /// <summary>
    /// Solvers that take <paramref name="instance"/>, to suggest when one refuses it: those that prove bounds, as the
    /// refused solver does, or else the heuristics (three at most, in catalog order, so the labeling search comes
    /// before milp and cpsat); then the default solver. A solver with a restriction of its own is asked: it runs with
    /// a cancelled token, and refusals come before any search.
    /// </summary>
    /// <param name="refused">The traits of the solver that refused.</param>
    /// <param name="instance">The instance it refused.</param>
    /// <param name="settings">The settings the suggested solvers would run with (a memory limit can decide whether one applies).</param>
    public static IReadOnlyList<string> ApplicableInstead(SolverTraits refused, Core.Model.Instance instance, SolverSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(instance);
        IEnumerable<string> alike = All
            .Where(s => s.IsExact == refused.ProvesBounds && s.Traits != refused && Takes(s, instance, settings))
            .Select(s => s.Name);
        return [.. alike.Take(3).Append(DefaultSolver).Distinct()];
    }

    private static bool Takes(SolverInfo solver, Core.Model.Instance instance, SolverSettings? settings)
    {
        if (solver.Traits.Restriction is null)
        {
            return true;
        }

        try
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            _ = solver.Create(settings).Solve(instance, new SolverOptions { TimeLimit = TimeSpan.FromTicks(1) }, cancelled.Token);
            return true;
        }
        catch (SolverNotApplicableException)
        {
            return false;
        }
    }
}
