using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.LocalSearch;

namespace PartialLoading.Benchmarks.Support;

/// <summary>
/// How the benchmark suite and the studies run the catalog's solvers (<see cref="SolverCatalog"/>) so that a run is
/// reproducible: searches with an iteration budget get a fixed one (never a time limit, so the machine's speed does not
/// change their result), randomised solvers take the seed, and exact searches run on one thread under a time limit,
/// warm-started by the catalog's policy as <c>plsolve solve</c> does (the warm start computed outside the timed solve).
/// </summary>
public static class ReproducibleRuns
{
    /// <summary>Ruin-and-improve iterations of <c>local</c>: about 0.1-1 s for 10-40 users, 14 s at 80 (shared machine, docs/results/runtime-users.csv).</summary>
    public const int LocalIterations = 100;

    /// <summary>The solvers' settings: the catalog's defaults with fixed iteration budgets.</summary>
    public static SolverSettings Settings { get; } = new() { LocalSearch = new LocalSearchSettings { Iterations = LocalIterations } };

    /// <summary>A fresh solver called <paramref name="name"/> with <see cref="Settings"/>.</summary>
    public static IScheduleSolver Create(string name) => SolverCatalog.Create(name, Settings);

    /// <summary>True for the searches that prove bounds and are run only under a time limit on small instances.</summary>
    public static bool IsExact(string name) => SolverCatalog.Get(name).Traits.Kind == SolverKind.Exact;

    /// <summary>
    /// The options of a run: the seed, and for an exact solver one thread, <paramref name="exactTimeLimit"/> and a warm
    /// start (<paramref name="warmStart"/>, or the best schedule of the catalog's warm-start heuristics, computed here).
    /// </summary>
    public static SolverOptions Options(string name, Instance instance, int seed, TimeSpan exactTimeLimit, Schedule? warmStart = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!IsExact(name))
        {
            return new SolverOptions { Seed = seed };
        }

        var options = new SolverOptions { Seed = seed, Threads = 1, TimeLimit = exactTimeLimit };
        warmStart ??= SolverRunner.WarmStart(Create(name), instance, options with { TimeLimit = null, WarmStartPolicy = WarmStartByIterations })?.Schedule ?? Schedule.Empty;
        return options with { WarmStart = warmStart };
    }

    /// <summary>Whether the solver called <paramref name="name"/> takes the instance (it refuses by <see cref="SolverNotApplicableException"/>).</summary>
    /// <remarks>Runs the solver on the instance with a cancelled token: refusals come before any search.</remarks>
    public static bool Applies(string name, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (SolverCatalog.Get(name).Traits.Restriction is null)
        {
            return true;
        }

        try
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            _ = Create(name).Solve(instance, new SolverOptions { TimeLimit = TimeSpan.FromTicks(1) }, cancelled.Token);
            return true;
        }
        catch (SolverNotApplicableException)
        {
            return false;
        }
    }

    /// <summary>
    /// The catalog's warm start with <see cref="Settings"/>, whose iteration budgets stop each heuristic long before its
    /// time share does (a whole exact time limit each), so the warm start does not depend on the machine's speed.
    /// </summary>
    private static readonly WarmStartPolicy WarmStartByIterations = SolverCatalog.WarmStartPolicy(Settings) with { TimeShare = 1.0, Cap = TimeSpan.FromHours(1) };
}
