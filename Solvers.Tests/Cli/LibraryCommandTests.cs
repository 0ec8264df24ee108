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
}
