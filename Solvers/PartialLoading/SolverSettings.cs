using PartialLoading.Bounds;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Milp;

namespace PartialLoading;

/// <summary>
/// The settings of each solver in the <see cref="SolverCatalog"/>, for making a solver by name: each solver takes
/// its own part and ignores the others. What every solver understands (time limit, threads, seed, progress, warm
/// start) is in <see cref="Core.Solving.SolverOptions"/> instead.
/// </summary>
/// <example>
/// <code>
/// var settings = new SolverSettings { Milp = new MilpSettings { Backend = MilpBackend.Highs } };
/// SolveReport report = Plsolve.Solve(instance, "milp", new SolverOptions { TimeLimit = TimeSpan.FromSeconds(30) }, settings);
/// </code>
/// </example>
public sealed record SolverSettings
{
    /// <summary>Every solver with its defaults.</summary>
    public static SolverSettings Default { get; } = new();

    /// <summary>
    /// The proved bound a result without one of its own (a heuristic's, a stopped search's) gets after the solve
    /// (docs/model.md §10): <see cref="BoundEffort.Fast"/> by default — the relaxations that cost about as much as
    /// reading the instance, within <see cref="Plsolve.FastBoundTimeLimit"/> — so that every result says how far from
    /// the optimum it can be; <see cref="BoundEffort.None"/> leaves heuristic results unbounded.
    /// </summary>
    public BoundEffort Bound { get; init; } = BoundEffort.Fast;

    /// <summary>The ranking rule of <c>greedy</c>: least loading time (the source's rule, default) or most shared size.</summary>
    public GreedyRule GreedyRule { get; init; } = GreedyRule.LeastLoading;

    /// <summary>Settings of <c>local</c>: iteration budget (null: until the time limit) and the rule of its greedy start.</summary>
    public LocalSearchSettings LocalSearch { get; init; } = new();

    /// <summary>Settings of <c>milp</c>: formulation, backend (SCIP, HiGHS, CBC) and the exact solvers' settings.</summary>
    public MilpSettings Milp { get; init; } = MilpSettings.Default;

    /// <summary>Settings of <c>cpsat</c>: formulation and the exact solvers' settings.</summary>
    public CpSatSettings CpSat { get; init; } = CpSatSettings.Default;
}
