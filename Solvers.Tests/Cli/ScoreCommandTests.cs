using PartialLoading.Comparison;
using PartialLoading.Core.Model;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class ScoreCommandTests
{
    [Test]
    public void Scores_schedules_made_elsewhere_in_one_table_with_built_in_solvers()
    {
        using var library = new TemporaryLibrary("three-models", "backbone-clusters");
        WriteSchedule(library, "three-models", "edd", Path.Combine("mine", "three-models", "schedule.csv"));
        WriteSchedule(library, "backbone-clusters", "edd", Path.Combine("mine", "backbone-clusters.csv"));

        PlsolveRun run = PlsolveRun.Of("score", library.Path, "--schedules", library.File("mine"), "--solvers", "labeling", "--out", library.File("rows.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        IReadOnlyList<ComparisonRow> rows = ComparisonTable.Read(library.File("rows.csv"));
        Assert.That(rows.Select(r => (r.Instance, r.Solver)), Is.EquivalentTo(new[] { ("three-models", "mine"), ("three-models", "labeling"), ("backbone-clusters", "mine"), ("backbone-clusters", "labeling") }));
        foreach (ComparisonRow mine in rows.Where(r => r.Solver == "mine"))
        {
            ComparisonRow labeling = rows.Single(r => r.Instance == mine.Instance && r.Solver == "labeling");
            Instance instance = Plsolve.ReadInstance(library.File(mine.Instance));
            Assert.That(mine.Value, Is.EqualTo(Plsolve.Solve(instance, "edd").Value), mine.Instance);
            Assert.That((mine.BestBound, mine.BestBoundBy), Is.EqualTo((labeling.Bound, "labeling")), mine.Instance);
            Assert.That(mine.Gap, Is.EqualTo((labeling.Bound - mine.Value) / labeling.Bound).Within(1e-12), mine.Instance);
        }
    }

    [Test]
    public void An_infeasible_schedule_is_a_row_with_its_violations()
    {
        using var library = new TemporaryLibrary("backbone-clusters");
        string path = Path.Combine("mine", "backbone-clusters", "schedule.csv");
        WriteSchedule(library, "backbone-clusters", "greedy", path);
        string[] lines = File.ReadAllLines(library.File(path));
        int bandwidth = Array.IndexOf(lines[0].Split(','), "bandwidth_hz");
        File.WriteAllLines(library.File(path), [lines[0], .. lines.Skip(1).Select(l => string.Join(",", l.Split(',').Select((c, i) => i == bandwidth ? "1" : c)))]);

        PlsolveRun run = PlsolveRun.Of("score", library.File("backbone-clusters"), "--schedules", library.File("mine"), "--out", library.File("rows.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        ComparisonRow row = ComparisonTable.Read(library.File("rows.csv")).Single();
        Assert.That((row.Status, row.Value), Is.EqualTo((ComparisonStatus.Infeasible, (double?)null)));
        Assert.That(row.Note, Does.Match("^[0-9]+ violations?: "));
    }

    [Test]
    public void Missing_and_malformed_schedules_are_one_line_each_and_exit_2()
    {
        using var library = new TemporaryLibrary("three-models", "backbone-clusters");
        Directory.CreateDirectory(library.File(Path.Combine("mine", "three-models")));
        File.WriteAllText(library.File(Path.Combine("mine", "three-models", "schedule.csv")), "position,user_id\n1,nobody\n");

        PlsolveRun run = PlsolveRun.Of("score", library.Path, "--schedules", library.File("mine"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(2));
        Assert.That(run.Error, Does.Contain("no schedule for instance 'backbone-clusters'"));
        Assert.That(run.Error, Does.Contain("schedule.csv:2: column 'user_id'"));
        Assert.That(run.Error, Does.Not.Contain("   at "));
    }

    private static void WriteSchedule(TemporaryLibrary library, string instance, string solver, string relativePath)
    {
        string path = library.File(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Plsolve.WriteSchedule(Plsolve.Solve(Plsolve.ReadInstance(library.File(instance)), solver), path);
    }

    [TestCase("")]
    [TestCase(" ")]
    public void An_empty_name_is_a_usage_error_not_an_internal_one(string name)
    {
        using var library = new TemporaryLibrary("three-models");
        Directory.CreateDirectory(library.File("mine"));

        PlsolveRun run = PlsolveRun.Of("score", library.Path, "--schedules", library.File("mine"), "--name", name);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "plsolve: --name needs a name, got an empty one (see 'plsolve --help')" }));
    }

}
