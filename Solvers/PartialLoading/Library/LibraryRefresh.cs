using PartialLoading.Bounds;
using System.Globalization;
using PartialLoading.Core;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Library;

/// <summary>
/// Re-solves every instance of a library with every solver given, MIPLIB-style: the best verified schedule and the
/// best proved bound are kept across runs (a stored <c>best.csv</c> competes with the new results after being
/// re-verified), an instance is <c>optimal</c> when the two meet, and <c>results.csv</c> and each <c>best.csv</c>
/// are rewritten whole or not at all (the table after every instance, so an interrupted run loses nothing).
/// </summary>
public sealed class LibraryRefresh
{
    private readonly IReadOnlyList<IScheduleSolver> _solvers;
    private readonly SolverOptions _options;
    private readonly TextWriter _log;

    /// <summary>A refresh with these solvers and options, reporting one line per instance to <paramref name="log"/>.</summary>
    public LibraryRefresh(IReadOnlyList<IScheduleSolver> solvers, SolverOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(solvers);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        _solvers = solvers;
        _options = options;
        _log = log;
    }

    /// <summary>The instance folders of a library: its subfolders that <see cref="HoldsInstance"/>, by name.</summary>
    public static IReadOnlyList<string> InstanceFolders(string libraryDirectory)
    {
        ArgumentNullException.ThrowIfNull(libraryDirectory);
        return [.. Directory.GetDirectories(libraryDirectory)
            .Where(HoldsInstance)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// True when <paramref name="folder"/> holds at least one of the four instance files (docs/model.md §7). A folder
    /// that lacks some of them is still an instance, a broken one: reading it reports what is missing, rather than a
    /// sweep passing over it in silence.
    /// </summary>
    public static bool HoldsInstance(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return InstanceWriter.FileNames.Any(f => File.Exists(Path.Combine(folder, f)));
    }

    /// <summary>Refreshes the library in <paramref name="libraryDirectory"/>.</summary>
    /// <param name="libraryDirectory">The folder holding the instance folders and <c>results.csv</c>.</param>
    /// <param name="only">Instance names to refresh (null: all); the other rows are kept as they are.</param>
    /// <param name="reset">Forget the stored results and schedules of the instances refreshed (e.g. after they were regenerated).</param>
    /// <param name="cancellationToken">Stops after the instance being solved.</param>
    /// <returns>
    /// The rows written, how many solver defects were met (each also logged), and the problems of the instances that
    /// could not be read (each named by its folder); those are skipped, their rows kept as they were, and every other
    /// instance is refreshed and written.
    /// </returns>
    public LibraryRefreshOutcome Run(string libraryDirectory, IReadOnlyCollection<string>? only = null, bool reset = false, CancellationToken cancellationToken = default)
    {
        string resultsPath = Path.Combine(libraryDirectory, LibraryResults.FileName);
        IReadOnlyList<string> folders = InstanceFolders(libraryDirectory);
        var names = folders.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var rows = (File.Exists(resultsPath) ? LibraryResults.Read(resultsPath) : [])
            .Where(r => names.Contains(r.Instance))
            .ToDictionary(r => r.Instance, StringComparer.Ordinal);
        int defects = 0;
        var invalid = new List<InputProblem>();
        foreach (string folder in folders)
        {
            string name = Path.GetFileName(folder);
            if (cancellationToken.IsCancellationRequested || (only is not null && !only.Contains(name)))
            {
                continue;
            }

            Instance instance;
            try
            {
                instance = InstanceReader.Read(folder);
            }
            catch (InvalidInputException e)
            {
                // Named by its folder, so a library of hundreds says which instance; the others are still refreshed.
                invalid.AddRange(e.Problems.Select(p => p with { Source = Path.Combine(folder, p.Source) }));
                _log.WriteLine($"{name}: not refreshed, it cannot be read ({e.Problems.Count} problem{(e.Problems.Count == 1 ? string.Empty : "s")})");
                continue;
            }

            rows[name] = RefreshInstance(folder, instance, reset ? null : rows.GetValueOrDefault(name), reset, ref defects, cancellationToken);
            LibraryResults.Write(resultsPath, rows.Values);
        }

        LibraryResults.Write(resultsPath, rows.Values);
        return new LibraryRefreshOutcome([.. rows.Values.OrderBy(r => r.Instance, StringComparer.Ordinal)], defects, invalid);
    }

    private LibraryResult RefreshInstance(string folder, Instance instance, LibraryResult? previous, bool reset, ref int defects, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(folder);
        string bestPath = Path.Combine(folder, LibraryResults.BestScheduleFileName);
        var line = new List<string>();
        var candidates = new List<Candidate>();
        if (previous is not null && previous.Users != instance.Users.Length)
        {
            // The instance was replaced since the row was written: its stored results say nothing about this one.
            line.Add($"stored results for {previous.Users} users discarded");
            previous = null;
            reset = true;
        }

        if (!reset && File.Exists(bestPath) && StoredBest(instance, bestPath, previous, line) is Candidate stored)
        {
            candidates.Add(stored);
        }

        double bound = instance.TotalWeight;
        string boundBy = LibraryResults.TotalWeightBound;
        if (previous is not null && previous.BestBound < bound)
        {
            (bound, boundBy) = (previous.BestBound, previous.BoundBy);
        }

        foreach (IScheduleSolver solver in _solvers)
        {
            try
            {
                // Each solver starts from the best schedule so far (exact solvers use it as their incumbent).
                SolverOptions options = _options.WarmStart is null && candidates.Count > 0
                    ? _options with { WarmStart = ScheduleOf(candidates.MaxBy(c => c.Value)!.Evaluation) }
                    : _options;
                SolveReport report = SolverRunner.Run(solver, instance, options, cancellationToken);
                candidates.Add(new Candidate(report.Value, report.Evaluation, solver.Name, report.Runtime.TotalSeconds, Stored: false));
                string proved = report.Bound is double b ? $" (bound {N(b)})" : string.Empty;
                line.Add($"{solver.Name} {N(report.Value)}{proved} in {report.Runtime.TotalSeconds:0.###} s");
                if (report.Bound is double solverBound && solverBound < bound)
                {
                    (bound, boundBy) = (solverBound, solver.Name);
                }
            }
            catch (SolverNotApplicableException)
            {
                line.Add($"{solver.Name} n/a");
            }
            catch (SolverDefectException e)
            {
                defects++;
                line.Add($"{solver.Name} DEFECT: {e.Message}");
            }
        }

        // The relaxations of docs/model.md §10 bound the optimum whatever the solvers proved: the least bound is kept, with its source.
        CombinedBound relaxed = UpperBound.Compute(instance, BoundEffort.Strong, _options.TimeLimit ?? TimeSpan.FromSeconds(60), cancellationToken);
        if (relaxed.HasValue)
        {
            line.Add($"relaxations {N(relaxed.Value)} ({relaxed.Source}) in {relaxed.Elapsed.TotalSeconds:0.###} s");
            if (relaxed.Value < bound)
            {
                (bound, boundBy) = (relaxed.Value, relaxed.Source!);
            }
        }

        // Highest value first; on a tie the stored schedule stays (no churn), then the solver that ran first: later
        // solvers start from the best schedule so far, so a tie usually means they handed it back unchanged.
        Candidate? best = candidates
            .OrderByDescending(c => c.Value)
            .ThenByDescending(c => c.Stored)
            .FirstOrDefault();
        ScheduleEvaluation evaluation = best?.Evaluation ?? new ScheduleEvaluator(instance).Evaluate(Schedule.Empty);
        double value = evaluation.Value;
        if (value > bound + Tolerance(bound))
        {
            throw new SolverDefectException(boundBy, $"proved the bound {N(bound)} on '{name}', below the verified value {N(value)} of '{best!.Solver}'");
        }

        ScheduleFile.Write(bestPath, instance, evaluation);
        var status = value >= bound - Tolerance(bound) ? LibraryStatus.Optimal : LibraryStatus.Open;
        var result = new LibraryResult(name, instance.Users.Length, value, bound, status, best?.Solver ?? "none", Math.Round(best?.TimeSeconds ?? 0.0, 4), boundBy);
        _log.WriteLine($"{name} ({instance.Users.Length} users): {string.Join(", ", line)} -> best {N(value)} by {result.Solver}, bound {N(bound)} ({boundBy}), {result.StatusWord}");
        return result;
    }

    /// <summary>The stored best schedule, re-verified; null (and a note) when it no longer holds up.</summary>
    private static Candidate? StoredBest(Instance instance, string path, LibraryResult? previous, List<string> line)
    {
        try
        {
            ScheduleFile file = ScheduleFile.Read(path, instance);
            ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate(file.Order, file.BandwidthsHz is { } b ? b : null);
            if (evaluation.IsFeasible)
            {
                line.Add($"stored {N(evaluation.Value)}");
                return new Candidate(evaluation.Value, evaluation, previous?.Solver ?? "stored", previous?.TimeSeconds ?? 0.0, Stored: true);
            }

            line.Add($"stored best.csv discarded ({evaluation.Violations[0].Message})");
        }
        catch (InvalidInputException e)
        {
            line.Add($"stored best.csv discarded ({e.Problems[0]})");
        }

        return null;
    }

    private static Schedule ScheduleOf(ScheduleEvaluation evaluation)
        => new([.. evaluation.Timeline.Select(e => e.User)], [.. evaluation.Timeline.Select(e => e.BandwidthHz)]);

    private static double Tolerance(double bound) => 1e-9 * Math.Max(1.0, Math.Abs(bound));

    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private sealed record Candidate(double Value, ScheduleEvaluation Evaluation, string Solver, double TimeSeconds, bool Stored);
}
