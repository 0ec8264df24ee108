using System.Globalization;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Comparison;

/// <summary>
/// Scores schedules made elsewhere (a heuristic in Python, Julia, MATLAB…) as rows of a comparison, so they sit in
/// one table with the toolkit's solvers: each schedule is read and recomputed as <c>Plsolve.Verify</c> does, a
/// feasible one gives its value and its gap to the best bound, an infeasible one the status <c>infeasible</c> with its
/// violations in the note. Runtimes are not known here and stay empty.
/// </summary>
public static class ScheduleScoring
{
    /// <summary>Where a schedule of <c>name</c> is looked for in a folder of schedules: <c>FOLDER/&lt;name&gt;/schedule.csv</c> or <c>FOLDER/&lt;name&gt;.csv</c>.</summary>
    public static IReadOnlyList<string> Candidates(string folder, string instanceName) =>
        [Path.Combine(folder, instanceName, "schedule.csv"), Path.Combine(folder, instanceName + ".csv")];

    /// <summary>
    /// The schedule of <paramref name="instanceName"/> in <paramref name="folder"/> (see <see cref="Candidates"/>).
    /// </summary>
    /// <exception cref="InvalidInputException">Neither file exists, or both do (which one is meant?).</exception>
    public static string Find(string folder, string instanceName)
    {
        string[] found = [.. Candidates(folder, instanceName).Where(File.Exists)];
        return found.Length switch
        {
            1 => found[0],
            0 => throw new InvalidInputException(new InputProblem(folder, null, null, $"no schedule for instance '{instanceName}' (looked for {string.Join(" and ", Candidates(folder, instanceName))})")),
            _ => throw new InvalidInputException(new InputProblem(folder, null, null, $"two schedules for instance '{instanceName}' ({found[0]}, {found[1]}); keep one")),
        };
    }

    /// <summary>
    /// One row per instance for the schedules found by <paramref name="scheduleOf"/>, each with the instance's
    /// baseline bound; apply <see cref="BestBounds.Apply"/> to these rows together with those of solvers run on the
    /// same instances to measure every gap against the best bound of them all.
    /// </summary>
    /// <param name="instances">The instances.</param>
    /// <param name="scheduleOf">The path of each instance's schedule (e.g. <see cref="Find"/> in a folder).</param>
    /// <param name="name">The name of the heuristic that made the schedules, as the rows' solver.</param>
    /// <param name="seed">The seed the schedules were made with, as the rows' seed (0 when none).</param>
    /// <exception cref="InvalidInputException">
    /// A schedule is missing or malformed; every problem of every instance is listed, each located by its file's path.
    /// </exception>
    public static IReadOnlyList<ComparisonRow> Score(IReadOnlyList<ComparisonInstance> instances, Func<ComparisonInstance, string> scheduleOf, string name, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(scheduleOf);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var rows = new List<ComparisonRow>();
        var problems = new List<InputProblem>();
        foreach (ComparisonInstance entry in instances)
        {
            try
            {
                Instance instance = entry.Read();
                string path = scheduleOf(entry);
                ScheduleEvaluation evaluation;
                try
                {
                    evaluation = Plsolve.Verify(instance, path);
                }
                catch (InvalidInputException e)
                {
                    throw new InvalidInputException([.. e.Problems.Select(p => p.Source == Path.GetFileName(path) ? p with { Source = path } : p)]);
                }

                rows.Add(Row(entry, instance, evaluation, name, seed, instances.Count));
            }
            catch (InvalidInputException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : rows;
    }

    private static ComparisonRow Row(ComparisonInstance entry, Instance instance, ScheduleEvaluation evaluation, string name, int seed, int sweep)
    {
        KnownBound baseline = BestBounds.Baseline(instance, entry.KnownBounds);
        var row = new ComparisonRow
        {
            Instance = entry.Name,
            Users = instance.Users.Length,
            Solver = name,
            Status = ComparisonStatus.Infeasible,
            BestBound = baseline.Value,
            BestBoundBy = baseline.By,
            Seed = seed,
            Shard = Shard.All,
            SweepInstances = sweep,
        };
        if (!evaluation.IsFeasible)
        {
            int count = evaluation.Violations.Length;
            return row with { Note = string.Create(CultureInfo.InvariantCulture, $"{count} violation{(count == 1 ? string.Empty : "s")}: {string.Join("; ", evaluation.Violations.Select(v => v.Message))}") };
        }

        return row with
        {
            Status = "heuristic",
            Value = evaluation.Value,
            Served = evaluation.Served,
            Gap = Core.Solving.SolveReport.RelativeGap(evaluation.Value, baseline.Value),
        };
    }
}
