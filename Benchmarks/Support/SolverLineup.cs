using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Milp;

namespace PartialLoading.Benchmarks.Support;

/// <summary>
/// The solvers the benchmark suite and the studies compare, each configured so that a run is reproducible: the
/// local search has a fixed iteration budget (never a time limit, so the machine's speed does not change its result),
/// randomised solvers take the seed, and the exact solvers run on one thread under a time limit, warm-started from
/// the local search as <c>plsolve solve</c> does.
/// </summary>
public static class SolverLineup
{
    /// <summary>Ruin-and-improve iterations of <c>local</c>: about 0.1-1 s for 10-40 users, 14 s at 80 (shared machine, docs/results/runtime-users.csv).</summary>
    public const int LocalIterations = 100;

    /// <summary>Every solver name, in the order tables list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dp", "labeling", "cpsat", "milp", "local", "greedy", "edd", "fifo", "random", "full-loading"];

    /// <summary>Solvers that prove bounds and are run only under a time limit on small instances.</summary>
    public static bool IsExact(string name) => name is "labeling" or "cpsat" or "milp";

    /// <summary>A fresh solver called <paramref name="name"/>.</summary>
    public static IScheduleSolver Create(string name) => name switch
    {
        "dp" => new DynamicProgrammingSolver(),
        "labeling" => new LabelingSolver(),
        "cpsat" => new CpSatSolver(),
        "milp" => new MilpSolver(),
        "local" => new LocalSearchSolver(new LocalSearchSettings { Iterations = LocalIterations }),
        "greedy" => new GreedySolver(),
        "edd" => new EarliestDeadlineBaseline(),
        "fifo" => new FifoBaseline(),
        "random" => new RandomBaseline(),
        "full-loading" => new FullLoadingBaseline(),
        _ => throw new ArgumentException($"unknown solver '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>
    /// The options of a run: the seed, and for an exact solver one thread, <paramref name="exactTimeLimit"/> and the
    /// local search's schedule as warm start (computed here, outside the exact solver's timed solve).
    /// </summary>
    public static SolverOptions Options(string name, Instance instance, int seed, TimeSpan exactTimeLimit, Schedule? warmStart = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!IsExact(name))
        {
            return new SolverOptions { Seed = seed };
        }

        warmStart ??= SolverRunner.Run(Create("local"), instance, new SolverOptions { Seed = seed }).Result.Schedule;
        return new SolverOptions { Seed = seed, Threads = 1, TimeLimit = exactTimeLimit, WarmStart = warmStart };
    }

    /// <summary>Whether the dynamic program takes the instance (bottom-layer sharing, a common deadline, docs/model.md §5).</summary>
    public static bool DpApplies(Instance instance)
    {
        try
        {
            _ = BottomLayerProblem.Prepare(instance);
            return true;
        }
        catch (SolverNotApplicableException)
        {
            return false;
        }
    }
}
