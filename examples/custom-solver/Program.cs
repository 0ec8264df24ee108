// Benchmark a heuristic of your own against the toolkit's: DensityInsertionSolver (DensityInsertionSolver.cs) is an
// IScheduleSolver built on the public building blocks; SolverComparison runs it beside greedy, local and the exact
// labeling on a few instances of the library with several seeds, measures every gap against the best bound known
// (the library's results.csv, the bounds labeling proves, Σ w), and writes the rows, the statistics and the
// performance profile as CSV files that pandas and R read as they are.
//
//   dotnet run -c Release -- [library folder, default ../../instances] [seeds, default 3] [output folder, default .]
using System.Globalization;
using PartialLoading;
using PartialLoading.Comparison;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Solving;

string library = args.Length > 0 ? args[0] : Path.Combine("..", "..", "instances");
int seedCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
string output = args.Length > 2 ? args[2] : ".";
string[] names = ["three-models", "backbone-clusters", "synthetic-general-10", "llm-lora-20", "resnet50-finetune-30"];

// The library's best bounds enter as known bounds, so gaps are measured against them from the start.
IReadOnlyList<LibraryResult> results = LibraryResults.Read(Path.Combine(library, LibraryResults.FileName));
ComparisonInstance[] instances =
[
    .. names.Select(name => new ComparisonInstance(Plsolve.ReadInstance(Path.Combine(library, name)))
        .WithLibrary(results.FirstOrDefault(r => r.Instance == name))),
];

// Catalog solvers by name, your own by instance. local gets an iteration budget so that a seed decides its result.
var settings = new SolverSettings { LocalSearch = new() { Iterations = 2000 } };
ComparisonSolver[] solvers =
[
    ComparisonSolver.Of(new DensityInsertionSolver()),
    ComparisonSolver.Named("greedy"),
    ComparisonSolver.Named("local", settings),
    ComparisonSolver.Named("labeling"),
];

int[] seeds = [.. Enumerable.Range(1, seedCount)];
ComparisonOutcome outcome = SolverComparison.Run(instances, solvers, seeds, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(10) });

Console.WriteLine($"{instances.Length} instances × {solvers.Length} solvers × {seeds.Length} seeds = {outcome.Rows.Count} rows");
Console.WriteLine($"{"solver",-18} {"n",3} {"mean value",11} {"mean gap",9} {"gap 95 % CI",22}");
foreach (SolverStatistics s in ComparisonStatistics.PerSolver(outcome.Rows))
{
    string interval = s.Gap is { Low: double low, High: double high } ? $"[{low:P2}, {high:P2}]" : "n < 2";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Solver,-18} {s.Results,3} {s.Value?.Mean,11:0.###} {s.Gap?.Mean,9:P2} {interval,22}"));
}

PerformanceProfile profile = PerformanceProfile.Of(outcome.Rows);
Console.WriteLine($"share of the {profile.Problems} instance × seed problems where each solver is best (τ = 1): " +
                  string.Join(", ", profile.Solvers.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {profile.Share(s, 1.0):P0}"))));

Directory.CreateDirectory(output);
ComparisonTable.Write(Path.Combine(output, "custom-solver-rows.csv"), outcome.Rows);
StatisticsTable.Write(Path.Combine(output, "custom-solver-stats.csv"), [.. ComparisonStatistics.PerSolver(outcome.Rows), .. ComparisonStatistics.PerInstance(outcome.Rows)]);
StatisticsTable.Write(Path.Combine(output, "custom-solver-profile.csv"), profile);
Console.WriteLine($"written custom-solver-rows.csv, custom-solver-stats.csv and custom-solver-profile.csv in {Path.GetFullPath(output)}");

// A value above the best bound, or a schedule the evaluator rejects, is a defect: fail loudly (CI runs this).
bool defects = outcome.Rows.Any(r => r.Status == ComparisonStatus.Defect || r.Value > r.BestBound + 1e-9);
return defects ? 1 : 0;
