using System.CommandLine;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Solving;
using PartialLoading.Library;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>plsolve library refresh DIR [--time-limit S] [--solvers a,b] [--only x,y] [--reset]</c>: runs every solver on
/// every instance of a library and keeps the best verified schedule and the best proved bound of each.
/// </summary>
internal static class LibraryCommand
{
    public static Command Create(CliConsole console)
    {
        Argument<string> directory = CommonOptions.NonEmpty(new Argument<string>("DIR") { Description = "The library folder: instance folders and results.csv (e.g. instances/)." });
        Option<TimeSpan?> timeLimit = RunOptions.TimeLimit("Time limit per solver and instance, s.", defaultSeconds: 60.0);
        Option<string[]?> solvers = RunOptions.Solvers($"Comma-separated solvers to run (default: all of {string.Join(", ", SolverCatalog.Names)}).");
        var only = new Option<string?>("--only") { Description = "Comma-separated instance names to refresh (default: all); other rows are kept." };
        var reset = new Option<bool>("--reset") { Description = "Forget stored best schedules and bounds (after instances were regenerated)." };
        Option<int> threads = RunOptions.Threads("Worker threads for solvers that use them.", 1);

        var refresh = new Command("refresh", "Run every solver on every instance; keep the best verified value, the best proved bound, and mark optimal when they meet. Rewrites results.csv and each best.csv.\n" +
            "An instance folder is a subfolder holding at least one of server.csv, blocks.csv, models.csv, users.csv. An instance that cannot be read is skipped " +
            "(its row kept as it was) with its problems on stderr, each prefixed with its folder; the others are refreshed and written, and the exit code is 2 at the end.")
        {
            directory, timeLimit, solvers, only, reset, threads,
        };
        refresh.SetAction(parsed =>
        {
            string library = parsed.GetRequiredValue(directory);
            if (!Directory.Exists(library))
            {
                throw new UsageException($"{library}: library folder not found");
            }

            string[] names = RunOptions.GetSolvers(parsed, solvers) ?? [.. SolverCatalog.Names];
            IScheduleSolver[] chosen = [.. names.Select(n => SolverCatalog.Get(n).Create())];
            string[]? instances = List(parsed.GetValue(only));
            var known = LibraryRefresh.InstanceFolders(library).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            if (instances?.FirstOrDefault(i => !known.Contains(i)) is string unknown)
            {
                throw new UsageException($"--only: no instance folder '{unknown}' in {library}");
            }

            var options = new SolverOptions { TimeLimit = parsed.GetValue(timeLimit), Threads = parsed.GetValue(threads) };
            LibraryRefreshOutcome outcome = new LibraryRefresh(chosen, options, console.Out)
                .Run(library, instances, parsed.GetValue(reset), console.CancellationToken);
            int optimal = outcome.Results.Count(r => r.Status == LibraryStatus.Optimal);
            console.Out.WriteLine($"{outcome.Results.Count} instances: {optimal} optimal, {outcome.Results.Count - optimal} open; written {Path.Combine(library, LibraryResults.FileName)}");
            foreach (InputProblem problem in outcome.Invalid)
            {
                console.Error.WriteLine(problem.ToString()); // the source names the instance folder
            }

            if (outcome.Defects > 0)
            {
                console.Error.WriteLine($"plsolve: {outcome.Defects} solver defect(s) met, see above; their results were not used");
                return ExitCodes.InternalError;
            }

            // Bad instances come after every good one was refreshed and written, as in compare.
            return outcome.Invalid.Count > 0 ? ExitCodes.BadInput : ExitCodes.Success;
        });

        return new Command("library", "Maintain an instance library with its best known results (results.csv, best.csv).") { refresh };
    }

    private static string[]? List(string? text) => text is null
        ? null
        : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
