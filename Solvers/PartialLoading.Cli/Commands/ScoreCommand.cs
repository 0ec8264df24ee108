using System.CommandLine;
using PartialLoading.Cli.Comparison;
using PartialLoading.Cli.Output;
using PartialLoading.Comparison;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>plsolve score DIR... --schedules FOLDER [--name NAME] [--seed N] [--solvers a,b] [--time-limit S] [--out F] [--stats F] [--profile F]</c>:
/// schedules made elsewhere, scored in the table of <c>compare</c>.
/// </summary>
internal static class ScoreCommand
{
    private const string Description =
        "Score schedules made elsewhere (a heuristic in Python, Julia, MATLAB…) against the best bounds, in the table of 'plsolve compare'.\n" +
        "DIR is an instance folder or a folder of instance folders (each holding at least one of server.csv, blocks.csv, models.csv, users.csv; one that cannot be read is reported, exit 2); for each instance NAME the schedule is FOLDER/NAME/schedule.csv or FOLDER/NAME.csv " +
        "(the format of 'plsolve solve --out': position, user_id and optionally bandwidth_hz are read, everything else is recomputed).\n" +
        "Each schedule is verified: a feasible one gives its value and its gap to the best bound (the library's results.csv, Σ w, and the bounds of the solvers of --solvers); " +
        "an infeasible one gives status infeasible with its violations in the note. A missing or malformed schedule is bad input (one line each, exit 2).\n" +
        "--solvers runs built-in solvers on the same instances, so the table holds both; or score into --out and join it to a 'compare --out' file with 'plsolve compare merge'.";

    public static Command Create(CliConsole console)
    {
        Argument<string[]> directories = CommonOptions.NonEmpty(new Argument<string[]>("DIR") { Description = "Instance folders, or folders of instance folders.", Arity = ArgumentArity.OneOrMore });
        var schedules = new Option<string>("--schedules") { Description = "Folder of schedules: FOLDER/NAME/schedule.csv or FOLDER/NAME.csv for each instance NAME.", Required = true };
        var name = new Option<string?>("--name") { Description = "The heuristic's name in the table (default: the folder's name)." };
        name.Validators.Add(r =>
        {
            if (CommonOptions.Token(r) is string text && string.IsNullOrWhiteSpace(text))
            {
                r.AddError("--name needs a name, got an empty one");
            }
        });
        var seed = new Option<int>("--seed") { Description = "The seed the schedules were made with, for the seed column (default 0).", DefaultValueFactory = _ => 0 };
        Option<string[]?> solvers = RunOptions.Solvers($"Built-in solvers to run on the same instances, in the same table: {string.Join(", ", SolverCatalog.Names)}.");
        Option<TimeSpan?> timeLimit = RunOptions.TimeLimit("Time limit per built-in solver and instance, s (default: each solver's own).");
        Option<string?> output = CommonOptions.Path("--out", "File of rows, as 'compare --out' writes it: CSV, or JSON when it ends in .json.", "-o");
        var (stats, profile) = CompareCommand.StatisticsOptions();
        var command = new Command("score", Description) { directories, schedules, name, seed, solvers, timeLimit, output, stats, profile };
        command.SetAction(parsed =>
        {
            string folder = parsed.GetRequiredValue(schedules);
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--schedules {folder}: folder not found");
            }

            string heuristic = parsed.GetValue(name) ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
            string[] builtIn = RunOptions.GetSolvers(parsed, solvers) ?? [];
            if (builtIn.Contains(heuristic))
            {
                throw new UsageException($"--name '{heuristic}' is also a solver of --solvers; give the schedules another --name");
            }

            var files = new ComparisonFiles(parsed.GetValue(output), parsed.GetValue(stats), parsed.GetValue(profile));
            files.Check(); // a typo in an output path fails now, not after scoring and solving
            ComparisonInstance[] instances = [.. SweepInstance.Find(parsed.GetRequiredValue(directories)).Select(i => i.ToComparison())];
            IReadOnlyList<ComparisonRow> scored = ScheduleScoring.Score(instances, i => ScheduleScoring.Find(folder, i.Name), heuristic, parsed.GetValue(seed));
            IReadOnlyList<ComparisonRow> solved = builtIn.Length == 0 ? [] : SolverComparison.Run(
                instances,
                [.. builtIn.Select(n => ComparisonSolver.Named(n))],
                options: new SolverOptions { TimeLimit = parsed.GetValue(timeLimit) },
                cancellationToken: console.CancellationToken).Rows;
            var order = instances.Select((i, p) => (i.Name, p)).ToDictionary(x => x.Name, x => x.p, StringComparer.Ordinal);
            List<ComparisonRow> rows = [.. BestBounds.Apply([.. scored, .. solved]).OrderBy(r => order[r.Instance])];

            files.WriteRows(rows);
            int infeasible = scored.Count(r => r.Status == ComparisonStatus.Infeasible);
            console.Out.WriteLine($"score: {instances.Length} instance{(instances.Length == 1 ? string.Empty : "s")}, schedules of '{heuristic}' from {folder}: {scored.Count - infeasible} feasible, {infeasible} infeasible" +
                                  (builtIn.Length == 0 ? string.Empty : $"; beside {string.Join(", ", builtIn)}"));
            console.Out.WriteLine();
            ComparisonReport.Write(console.Out, rows);
            files.WriteStatistics(console.Out, rows);
            return CompareCommand.ReportDefects(console, rows);
        });
        return command;
    }
}
