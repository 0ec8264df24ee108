using System.CommandLine;
using PartialLoading.Core.Csv;
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
        var directory = new Argument<string>("DIR") { Description = "The library folder: instance folders and results.csv (e.g. instances/)." };
        var timeLimit = new Option<double>("--time-limit", "-t") { Description = "Time limit per solver and instance, s.", DefaultValueFactory = _ => 60.0 };
        var solvers = new Option<string?>("--solvers") { Description = $"Comma-separated solvers to run (default: all of {string.Join(", ", SolverCatalog.Names)})." };
        var only = new Option<string?>("--only") { Description = "Comma-separated instance names to refresh (default: all); other rows are kept." };
        var reset = new Option<bool>("--reset") { Description = "Forget stored best schedules and bounds (after instances were regenerated)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads for solvers that use them.", DefaultValueFactory = _ => 1 };

        var refresh = new Command("refresh", "Run every solver on every instance; keep the best verified value, the best proved bound, and mark optimal when they meet. Rewrites results.csv and each best.csv.")
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

            double seconds = parsed.GetValue(timeLimit);
            if (!(seconds > 0 && double.IsFinite(seconds)))
            {
                throw new UsageException("--time-limit must be a positive number of seconds");
            }

            if (parsed.GetValue(threads) < 1)
            {
                throw new UsageException("--threads must be at least 1");
            }

            string[] names = List(parsed.GetValue(solvers)) ?? [.. SolverCatalog.Names];
            IScheduleSolver[] chosen = [.. names.Select(n => (SolverCatalog.Find(n) ?? throw new UsageException($"unknown solver '{n}' (known: {string.Join(", ", SolverCatalog.Names)})")).Create())];
            string[]? instances = List(parsed.GetValue(only));
            var known = LibraryRefresh.InstanceFolders(library).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            if (instances?.FirstOrDefault(i => !known.Contains(i)) is string unknown)
            {
                throw new UsageException($"--only: no instance folder '{unknown}' in {library}");
            }

            var options = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(seconds), Threads = parsed.GetValue(threads) };
            LibraryRefreshOutcome outcome = new LibraryRefresh(chosen, options, console.Out)
                .Run(library, instances, parsed.GetValue(reset), console.CancellationToken);
            int optimal = outcome.Results.Count(r => r.Status == LibraryStatus.Optimal);
            console.Out.WriteLine($"{outcome.Results.Count} instances: {optimal} optimal, {outcome.Results.Count - optimal} open; written {Path.Combine(library, LibraryResults.FileName)}");
            if (outcome.Defects > 0)
            {
                console.Error.WriteLine($"plsolve: {outcome.Defects} solver defect(s) met, see above; their results were not used");
                return ExitCodes.InternalError;
            }

            return ExitCodes.Success;
        });

        return new Command("library", "Maintain an instance library with its best known results (results.csv, best.csv).") { refresh };
    }

    private static string[]? List(string? text) => text is null
        ? null
        : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
