using PartialLoading.Core.Csv;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class LibraryCommandTests
{
    [Test]
    public void Refresh_writes_results_and_best_schedules_that_verify_accepts()
    {
        using var library = InstanceFolder.Empty();
        string instance = Path.Combine(library.Path, "gen");
        Assert.That(PlsolveRun.Of("generate", instance, "--scenario", "synthetic-bottom", "--users", "20", "--seed", "2").ExitCode, Is.EqualTo(0));

        PlsolveRun refresh = PlsolveRun.Of("library", "refresh", library.Path, "--time-limit", "5");
        PlsolveRun verify = PlsolveRun.Of("verify", instance, Path.Combine(instance, LibraryResults.BestScheduleFileName));

        Assert.That(refresh.ExitCode, Is.EqualTo(0), refresh.Error);
        Assert.That(refresh.Out, Does.Contain("gen (20 users): ").And.Contain(", fifo "));
        Assert.That(refresh.Out, Does.Contain($"written {Path.Combine(library.Path, LibraryResults.FileName)}"));
        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Out);
        LibraryResult row = LibraryResults.Read(Path.Combine(library.Path, LibraryResults.FileName)).Single();
        Assert.That(verify.Out, Does.StartWith($"feasible: value {row.BestValue}"));
    }

    [TestCase("no instance folder 'nope'", "--only", "nope")]
    [TestCase("unknown solver 'magic'", "--solvers", "magic")]
    [TestCase("--time-limit must be a positive number", "--time-limit", "0")]
    public void Bad_options_exit_2_with_one_line(string expected, params string[] options)
    {
        using var library = InstanceFolder.Empty();

        PlsolveRun run = PlsolveRun.Of(["library", "refresh", library.Path, .. options]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.Contain(expected));
        Assert.That(File.Exists(Path.Combine(library.Path, LibraryResults.FileName)), Is.False);
    }

    [Test]
    public void A_missing_library_folder_is_bad_input()
    {
        PlsolveRun run = PlsolveRun.Of("library", "refresh", Path.Combine(Path.GetTempPath(), "no-such-library-" + Guid.NewGuid().ToString("N")));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("library folder not found"));
    }

    [Test]
    public void Bad_instances_are_named_by_folder_each_reported_and_the_good_ones_refreshed_and_written()
    {
        using var library = new TemporaryLibrary("backbone-clusters", "general-sharing", "three-models");
        File.WriteAllText(Path.Combine(library.File("backbone-clusters"), "users.csv"), "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nk01,Y1,abc,1,0.2,-100\n");
        File.Delete(Path.Combine(library.File("general-sharing"), "server.csv"));

        PlsolveRun run = PlsolveRun.Of("library", "refresh", library.Path, "--solvers", "greedy", "--time-limit", "2");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            $"{library.File("backbone-clusters")}/users.csv:2: column 'data_mbit': 'abc' is not a number",
            $"{library.File("general-sharing")}/server.csv: file not found",
        }));
        Assert.That(LibraryResults.Read(library.File(LibraryResults.FileName)).Select(r => r.Instance), Is.EqualTo(new[] { "three-models" }));
        Assert.That(File.Exists(Path.Combine(library.File("three-models"), LibraryResults.BestScheduleFileName)), Is.True);
    }

    [TestCase("3,1", "'1' is below best_value '3' (a proved bound is at least every verified value)")]
    [TestCase("0,-5", "'-5' is negative (no schedule is worth less than 0)")]
    public void A_results_row_with_a_bad_bound_is_bad_input_not_a_solver_defect(string valueAndBound, string message)
    {
        using var library = new TemporaryLibrary("three-models");
        File.WriteAllText(library.File("results.csv"), $"instance,users,best_value,best_bound,status,solver,time_s,bound_by\nthree-models,3,{valueAndBound},open,greedy,0.1,bandwidth-knapsack\n");

        PlsolveRun run = PlsolveRun.Of("library", "refresh", library.Path, "--solvers", "greedy");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"results.csv:2: column 'best_bound': {message}" }));
    }

}
