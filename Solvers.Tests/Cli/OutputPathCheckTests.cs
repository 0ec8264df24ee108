using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

/// <summary>
/// Every file that compare, compare merge and score are asked to write (--out, --stats, --profile) is checked before
/// any work: a folder, or a path under a file, is one line and exit 2 with nothing printed, not an error after the table.
/// </summary>
public class OutputPathCheckTests
{
    [TestCase("compare", "--stats", "plots", "plsolve: --stats {0}/plots: is a folder, expected a file name")]
    [TestCase("compare", "--profile", "nb/afile/x.svg", "plsolve: --profile {0}/nb/afile/x.svg: cannot be written ({0}/nb/afile is a file, not a folder)")]
    [TestCase("compare", "--out", "plots", "plsolve: --out {0}/plots: is a folder, expected a file name")]
    [TestCase("score", "--out", "plots", "plsolve: --out {0}/plots: is a folder, expected a file name")]
    [TestCase("score", "--stats", "nb/afile/s.csv", "plsolve: --stats {0}/nb/afile/s.csv: cannot be written ({0}/nb/afile is a file, not a folder)")]
    [TestCase("score", "--profile", "plots", "plsolve: --profile {0}/plots: is a folder, expected a file name")]
    public void An_unwritable_output_path_is_refused_before_the_run(string command, string option, string path, string expected)
    {
        using var library = new TemporaryLibrary("three-models");
        Directory.CreateDirectory(library.File("plots"));
        Directory.CreateDirectory(library.File("nb"));
        File.WriteAllText(library.File("nb/afile"), "mine");
        Directory.CreateDirectory(library.File("mine"));
        string[] run = command == "compare" ? ["--solvers", "greedy", "--quiet"] : ["--schedules", library.File("mine")];

        PlsolveRun result = PlsolveRun.Of([command, library.File("three-models"), .. run, option, library.File(path)]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, library.Path) }));
        Assert.That(result.Out, Is.Empty, "nothing was run");
    }

    [Test]
    public void Compare_merge_checks_stats_before_reading_its_files()
    {
        using var folder = InstanceFolder.Empty();
        Directory.CreateDirectory(folder.File("plots"));

        PlsolveRun result = PlsolveRun.Of("compare", "merge", folder.File("none.csv"), "--stats", folder.File("plots"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { $"plsolve: --stats {folder.File("plots")}: is a folder, expected a file name" }));
    }
}
