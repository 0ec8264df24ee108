using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using PartialLoading.Benchmarks.Support;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Benchmarks;

/// <summary>
/// Every solver of the catalog on the instance library (<c>instances/</c>): runtime from BenchmarkDotNet, and what the run achieves
/// in the extra columns <c>Value</c> (Σ w served) and <c>Gap</c> (% below the best bound of <c>instances/results.csv</c>).
/// Cases a solver refuses or would not finish quickly are left out by a filter: <c>dp</c> runs only where docs/model.md §5
/// applies, the exact solvers (5 s limit, one thread, warm-started from <c>local</c>) only up to 30 users, <c>local</c>
/// (fixed budget of <see cref="ReproducibleRuns.LocalIterations"/> iterations, seed 1) up to 50.
/// </summary>
/// <remarks>
/// <para>
/// BenchmarkDotNet runs each case in a child process and cannot carry a value computed there back to the summary
/// (its issue #784), so <c>Value</c> and <c>Gap</c> are computed by the columns themselves in the host process: they
/// solve the instance once with the same solver, settings and seed (cached per case) and verify the schedule with
/// <see cref="SolverRunner"/>. For the deterministic solvers this is the value every timed iteration reached; an exact
/// solver stopped by its time limit may end with another incumbent in another run.
/// </para>
/// <para>
/// Run: <c>dotnet run -c Release --project Benchmarks/PartialLoading.Benchmarks.csproj -- --filter '*InstanceBenchmarks*' --job short</c>
/// The default configuration this class adds to already exports GitHub Markdown and CSV tables (BenchmarkDotNet.Artifacts/results;
/// adding them again only draws a duplicate-exporter warning). <c>--job dry</c> checks
/// that every case runs, without meaningful times; <c>--filter '*InstanceBenchmarks*three-models*'</c> picks one instance;
/// <c>--inProcess</c> skips building the child process (what CI does, with both).
/// </para>
/// </remarks>
[Config(typeof(Columns))]
public class InstanceBenchmarks
{
    /// <summary>The exact solvers' time limit, short so that a case costs seconds.</summary>
    public static readonly TimeSpan ExactTimeLimit = TimeSpan.FromSeconds(5);

    private const int Seed = 1;
    private const int ExactMaxUsers = 30;
    private const int LocalMaxUsers = 50;

    private Instance _instance = null!;
    private IScheduleSolver _solver = null!;
    private SolverOptions _options = null!;

    /// <summary>The instance folder's name under <c>instances/</c>.</summary>
    [ParamsSource(nameof(InstanceNames))]
    public string Instance { get; set; } = string.Empty;

    /// <summary>The solver's catalog name.</summary>
    [ParamsSource(nameof(SolverNames))]
    public string Solver { get; set; } = string.Empty;

    /// <summary>Every instance of the library; the filter of <see cref="Columns"/> drops the cases a solver does not take.</summary>
    public static IEnumerable<string> InstanceNames() => LibraryInstances.Names();

    /// <summary>Every solver of the catalog (<see cref="SolverCatalog"/>): a solver added there is benchmarked here unchanged.</summary>
    public static IEnumerable<string> SolverNames() => SolverCatalog.Names;

    [GlobalSetup]
    public void Setup()
    {
        _instance = LibraryInstances.Read(Instance);
        _ = _instance.LoadingTimes; // built once per instance, as a reader of the files would
        _solver = ReproducibleRuns.Create(Solver);
        _options = ReproducibleRuns.Options(Solver, _instance, Seed, ExactTimeLimit); // computes an exact search's warm start once
    }

    /// <summary>One solve of <see cref="Instance"/> by <see cref="Solver"/>, without the runner's verification.</summary>
    [Benchmark]
    public SolverResult Solve() => _solver.Solve(_instance, _options);

    private static string SolverOf(BenchmarkCase c) => ComputedColumn.Parameter<string>(c, nameof(Solver));

    private static string InstanceOf(BenchmarkCase c) => ComputedColumn.Parameter<string>(c, nameof(Instance));

    /// <summary>
    /// Whether the case runs: the solver takes the instance (its traits' restriction) and finishes it in seconds (exact
    /// searches up to <see cref="ExactMaxUsers"/>, searches that run to an iteration budget up to <see cref="LocalMaxUsers"/>).
    /// </summary>
    private static bool Applies(BenchmarkCase c)
    {
        Instance instance = LibraryInstances.Read(InstanceOf(c));
        string solver = SolverOf(c);
        SolverTraits traits = SolverCatalog.Get(solver).Traits;
        return ReproducibleRuns.Applies(solver, instance)
            && (traits.Kind != SolverKind.Exact || instance.Users.Length <= ExactMaxUsers)
            && (traits.Reproducibility != Reproducibility.WithIterationBudget || instance.Users.Length <= LocalMaxUsers);
    }

    private sealed class Columns : ManualConfig
    {
        private static readonly ConcurrentDictionary<(string Instance, string Solver), SolveReport> Reports = new();

        public Columns()
        {
            AddFilter(new SimpleFilter(Applies));
            AddColumn(new ComputedColumn("Value", "Σ w of the users served (host process: one solve with the same solver, settings and seed)", c =>
                Report(c).Value.ToString("0.##", CultureInfo.InvariantCulture)));
            AddColumn(new ComputedColumn("Gap", "% below the best bound of instances/results.csv: 100·(bound − value)/bound", c =>
                LibraryInstances.Result(InstanceOf(c)) is { } best
                    ? (100.0 * SolveReport.RelativeGap(Report(c).Value, best.BestBound)).ToString("F1", CultureInfo.InvariantCulture) + " %"
                    : "-"));
        }

        private static SolveReport Report(BenchmarkCase c) => Reports.GetOrAdd((InstanceOf(c), SolverOf(c)), key =>
        {
            Instance instance = LibraryInstances.Read(key.Instance);
            return SolverRunner.Run(ReproducibleRuns.Create(key.Solver), instance, ReproducibleRuns.Options(key.Solver, instance, Seed, ExactTimeLimit));
        });
    }
}
