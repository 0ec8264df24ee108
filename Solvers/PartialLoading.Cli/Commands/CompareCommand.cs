using System.CommandLine;
using System.Globalization;
using PartialLoading.Cli.Comparison;
using PartialLoading.Cli.Output;
using PartialLoading.Comparison;
using PartialLoading.Core.Input;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Heuristics.LocalSearch;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>plsolve compare DIR... --solvers a,b,c [--time-limit S] [--threads N] [--seed N] [--iterations N] [--out results.csv] [--shard i/n] [--quiet]</c>
/// and <c>plsolve compare merge FILE... [--out all.csv]</c> (docs/model.md §9).
/// </summary>
internal static class CompareCommand
{
    private const string Description =
        "Run several solvers on many instances: one row per instance and solver (status, value, bound, gap, runtime).\n" +
        "DIR is an instance folder or a folder of instance folders (a library such as instances/); instances are taken in the order of their names.\n" +
        "gap = (best bound - value) / best bound, where the best bound is the lowest of: the bounds the solvers proved on the instance in this run " +
        "(after a merge: in all merged files), the best bound in the library's results.csv when the instance's folder sits beside one that lists it, and Σ w (serving everybody).\n" +
        "A solver that refuses an instance (dp on general sharing, an exact solver on a huge one) gives a row with status not-applicable and the reason; the sweep goes on.\n" +
        "An instance folder is a folder holding at least one of server.csv, blocks.csv, models.csv, users.csv (a library's other subfolders are passed over); " +
        "an instance that cannot be read (a file missing or malformed) gives rows with status invalid-input (its problems go to stderr, prefixed with its folder); the sweep goes on and exits 2 at the end.\n" +
        "Exact solvers are warm-started as in 'plsolve solve'. Progress goes to stderr: a bar on a terminal, one line per instance when stderr is redirected.\n" +
        "--out is checked before the first solve and rewritten (whole, atomically) after every instance, so it always holds the instances finished so far (an existing file is kept until then). Ctrl-C stops after the solve under way, " +
        "drops that instance's rows, keeps the finished ones and exits with 130; a merge then reports the shard as cut short.\n" +
        "Split a sweep across machines with --shard i/n (1-based: shard i takes the instances at 0-based places p with p mod n = i-1) and join the files with 'plsolve compare merge'.\n" +
        "Slurm job array:  #SBATCH --array=1-8\n" +
        "  plsolve compare instances/ --solvers greedy,local,cpsat --time-limit 60 --shard ${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT} --out shard-${SLURM_ARRAY_TASK_ID}.csv\n" +
        "then:  plsolve compare merge shard-*.csv --out all.csv\n" +
        "(with --array=0-7 write --shard $((SLURM_ARRAY_TASK_ID+1))/${SLURM_ARRAY_TASK_COUNT}).";

    public static Command Create(CliConsole console)
    {
        Argument<string[]> directories = CommonOptions.NonEmpty(new Argument<string[]>("DIR") { Description = "Instance folders, or folders of instance folders.", Arity = ArgumentArity.OneOrMore });
        Option<string[]?> solvers = RunOptions.Solvers($"Comma-separated solvers, in the order the columns and rows show them: {string.Join(", ", SolverCatalog.Names)}.");
        Option<TimeSpan?> timeLimit = RunOptions.TimeLimit("Time limit per solver and instance, s (default: each solver's own, as in 'plsolve solve').");
        Option<int> threads = RunOptions.Threads("Worker threads for solvers that use them (default: the processor count).", Environment.ProcessorCount);
        var seed = new Option<int>("--seed") { Description = "Seed for randomised solvers (random, local). The same seed gives the same rows (except runtimes) for solvers that finish before their time limit; local needs --iterations for that.", DefaultValueFactory = _ => 0 };
        var seeds = new Option<string?>("--seeds") { Description = "Run every solver once per seed: a range 1..10 or a list 1,2,5 (instead of --seed); rows carry the seed, and the summary gives mean, standard deviation and a 95 % t-interval per solver." };
        var iterations = new Option<int?>("--iterations") { Description = "Iteration budget of local and lns, which makes it reproducible for a seed whatever the machine's speed." };
        Option<string?> output = CommonOptions.Path("--out", "File to write (one row per instance, solver and seed): CSV, or JSON when it ends in .json; whole or not at all, after every instance.", "-o");
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n (1-based, e.g. 2/4): the instances at sorted places p with p mod n = i-1." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var (stats, profile) = StatisticsOptions();
        Option<string> bound = BoundOption.Create();

        var command = new Command("compare", Description)
        {
            directories, solvers, timeLimit, threads, seed, seeds, iterations, bound, output, shard, quiet, stats, profile,
        };
        command.Subcommands.Add(MergeCommand(console));
        command.SetAction(parsed =>
        {
            string[] names = RunOptions.GetSolvers(parsed, solvers) ?? throw new UsageException(RunOptions.SolversRequired);
            var options = new SolverOptions
            {
                TimeLimit = parsed.GetValue(timeLimit),
                Threads = parsed.GetValue(threads),
                Seed = parsed.GetValue(seed),
            };
            int? budget = parsed.GetValue(iterations) is int n && n < 0 ? throw new UsageException("--iterations must be at least 0") : parsed.GetValue(iterations);
            var settings = new SolverSettings
            {
                Bound = BoundOption.Parse(parsed.GetRequiredValue(bound)),
                LocalSearch = new LocalSearchSettings { Iterations = budget },
                Lns = new LnsSettings { Iterations = budget },
            };
            Shard part = ParseShard(parsed.GetValue(shard));
            IReadOnlyList<int> seedList = parsed.GetValue(seeds) is string text
                ? (parsed.GetResult(seed) is { Implicit: false } ? throw new UsageException("give --seed or --seeds, not both") : SeedList.Parse(text))
                : [options.Seed];
            IReadOnlyList<SweepInstance> sweep = SweepInstance.Find(parsed.GetRequiredValue(directories));
            var files = new ComparisonFiles(parsed.GetValue(output), parsed.GetValue(stats), parsed.GetValue(profile));
            return Execute(console, sweep, part, names, settings, options, seedList, files, SweepProgress.ModeFor(console.Error, parsed.GetValue(quiet)));
        });
        return command;
    }

    private static int Execute(CliConsole console, IReadOnlyList<SweepInstance> sweep, Shard shard, string[] solvers, SolverSettings settings, SolverOptions options, IReadOnlyList<int> seeds, ComparisonFiles files, SweepProgressMode mode)
    {
        string? outPath = files.Rows;
        void Save(IReadOnlyList<ComparisonRow> rows) => files.WriteRows(rows);

        files.Check(); // an unusable --out, --stats or --profile fails now, not after the sweep; an existing file is kept until results replace it

        ComparisonOutcome outcome;
        using (var progress = new SweepProgress(console.Error, mode, Save))
        {
            outcome = SolverComparison.Run(
                [.. sweep.Select(i => i.ToComparison())], [.. solvers.Select(n => ComparisonSolver.Named(n, settings))], seeds, options, shard, progress, console.CancellationToken);
        }

        string limit = options.TimeLimit is TimeSpan t ? $"time limit {Formats.Number(t.TotalSeconds)} s per solve" : "each solver's default time limit";
        string part = shard == Shard.All ? string.Empty : $" (shard {shard} of a sweep of {sweep.Count})";
        console.Out.WriteLine($"compare: {outcome.Instances} instance{(outcome.Instances == 1 ? string.Empty : "s")}{part} × {solvers.Length} solver{(solvers.Length == 1 ? string.Empty : "s")}, {limit}, {SeedList.Describe(seeds)}, {options.Threads} thread(s)");
        console.Out.WriteLine();
        ComparisonReport.Write(console.Out, outcome.Rows);
        files.WriteStatistics(console.Out, outcome.Rows);

        if (outcome.Interrupted)
        {
            console.Error.WriteLine($"plsolve: interrupted: {outcome.InstancesDone} of {outcome.Instances} instances finished{(outPath is null ? string.Empty : outcome.InstancesDone == 0 ? $", nothing written to {outPath}" : $" and kept in {outPath}")}; the instance under way was dropped");
            return ExitCodes.Interrupted;
        }

        int defects = ReportDefects(console, outcome.Rows);
        foreach (InvalidComparisonInstance invalid in outcome.Invalid)
        {
            foreach (InputProblem problem in invalid.Problems.Problems)
            {
                console.Error.WriteLine(problem.ToString()); // the source names the instance folder
            }
        }

        // A defect outranks bad input; both come after every instance that could be solved was.
        return defects != ExitCodes.Success || outcome.Invalid.Count == 0 ? defects : ExitCodes.BadInput;
    }

    private static Command MergeCommand(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "CSV files written by 'plsolve compare --out' (e.g. one per shard).", Arity = ArgumentArity.OneOrMore };
        Option<string?> output = CommonOptions.Path("--out", "The merged file (CSV, or JSON when it ends in .json), written whole or not at all.", "-o");
        var (stats, profile) = StatisticsOptions();
        var merge = new Command(
            "merge",
            "plsolve compare merge FILE... [--out all.csv] (no DIR: the usage line below lists compare's own argument too).\n" +
            "Merge the CSV files of a sharded sweep (or of runs of different solvers over the same instances) and recompute every gap against the best bound over all rows. " +
            "Refuses (exit 2, one line per problem) files that do not fit: an instance × solver twice, an instance without a row for some solver, " +
            "one instance name with two sizes, a solver run with two time limits or seeds, or a shard missing or cut short.")
        {
            files, output, stats, profile,
        };
        merge.SetAction(parsed =>
        {
            string[] paths = parsed.GetRequiredValue(files);
            var written = new ComparisonFiles(parsed.GetValue(output), parsed.GetValue(stats), parsed.GetValue(profile));
            written.Check();
            MergeOutcome outcome = ShardMerge.Merge([.. paths.Select(p => (p, ComparisonTable.Read(p)))]);
            if (outcome.Problems.Count > 0)
            {
                foreach (string problem in outcome.Problems)
                {
                    console.Error.WriteLine($"plsolve: compare merge: {problem}");
                }

                return ExitCodes.BadInput;
            }

            written.WriteRows(outcome.Rows);

            int instances = outcome.Rows.Select(r => r.Instance).Distinct(StringComparer.Ordinal).Count();
            console.Out.WriteLine($"compare merge: {paths.Length} file(s), {instances} instances, {outcome.Rows.Count} rows");
            console.Out.WriteLine();
            ComparisonReport.Write(console.Out, outcome.Rows);
            written.WriteStatistics(console.Out, outcome.Rows);
            return ReportDefects(console, outcome.Rows);
        });
        return merge;
    }

    /// <summary>The options --stats and --profile, which compare, compare merge and score share.</summary>
    internal static (Option<string?> Stats, Option<string?> Profile) StatisticsOptions() =>
    (
        CommonOptions.Path("--stats", "CSV file of statistics: per solver (empty instance cell) and per instance and solver over the seeds, n, mean, standard deviation and 95 % t-interval of value and gap. Checked before the run."),
        CommonOptions.Path("--profile", "Performance profile (Dolan–Moré: share of instance × seed problems on which a solver's value is within a factor τ of the best): a plot when the file ends in .svg or .png, else CSV (solver, tau, share, problems). Checked before the run.")
    );

    /// <summary>Solver defects and values above the best bound are bugs: each is one line on stderr, and the exit code is 3.</summary>
    internal static int ReportDefects(CliConsole console, IReadOnlyList<ComparisonRow> rows)
    {
        int defects = 0;
        foreach (ComparisonRow row in rows.Where(r => r.Status == ComparisonStatus.Defect))
        {
            console.Error.WriteLine($"plsolve: defect on '{row.Instance}': {row.Note}");
            defects++;
        }

        foreach (ComparisonRow row in BestBounds.AboveBestBound(rows))
        {
            console.Error.WriteLine($"plsolve: defect on '{row.Instance}': {row.Solver}'s value {Formats.Value(row.Value!.Value)} is above the best bound {Formats.Value(row.BestBound)} ({row.BestBoundBy})");
            defects++;
        }

        return defects == 0 ? ExitCodes.Success : ExitCodes.InternalError;
    }

    private static Shard ParseShard(string? text)
    {
        if (text is null)
        {
            return Shard.All;
        }

        return Shard.TryParse(text, out Shard shard, out string? error) ? shard : throw new UsageException($"--shard {error}");
    }
}
