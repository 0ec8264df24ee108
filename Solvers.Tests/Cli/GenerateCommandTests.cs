using PartialLoading.Core.Csv;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class GenerateCommandTests
{
    [Test]
    public void Writes_an_instance_that_solve_reads_and_a_readme_with_the_command()
    {
        using var folder = InstanceFolder.Empty();
        string output = Path.Combine(folder.Path, "general-30");

        PlsolveRun generate = PlsolveRun.Of("generate", output, "--scenario", "synthetic-general", "--users", "30", "--seed", "7", "--sharing-ratio", "0.6");
        PlsolveRun solve = PlsolveRun.Of("solve", output);

        Assert.That(generate.ExitCode, Is.EqualTo(0), generate.Error);
        Assert.That(generate.Out, Does.StartWith($"wrote {output}: synthetic-general, 30 users, 10 models"));
        Assert.That(File.ReadAllText(Path.Combine(output, "README.md")), Is.EqualTo("Generated with `plsolve generate general-30 --scenario synthetic-general --users 30 --seed 7 --sharing-ratio 0.6`.\n"));
        Assert.That(solve.ExitCode, Is.EqualTo(0), solve.Error);
        Assert.That(solve.Out, Does.Contain("of 30 users"));
    }

    [Test]
    public void The_same_command_writes_the_same_files_byte_for_byte()
    {
        using var folder = InstanceFolder.Empty();
        string first = Path.Combine(folder.Path, "a", "inst");
        string second = Path.Combine(folder.Path, "b", "inst");
        string[] options = ["--scenario", "synthetic-bottom", "--users", "25", "--seed", "3", "--clusters", "2", "--deadlines", "common"];

        Assert.That(PlsolveRun.Of(["generate", first, .. options]).ExitCode, Is.EqualTo(0));
        Assert.That(PlsolveRun.Of(["generate", second, .. options]).ExitCode, Is.EqualTo(0));

        foreach (string file in InstanceWriter.FileNames.Append("README.md"))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(second, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, file))), file);
        }
    }

    [Test]
    public void Options_reach_the_instance()
    {
        using var folder = InstanceFolder.Empty();
        string output = Path.Combine(folder.Path, "inst");

        PlsolveRun run = PlsolveRun.Of("generate", output, "--scenario", "synthetic-general", "--users", "12", "--models", "4",
            "--bandwidth-mhz", "5", "--load-rate-mb-per-s", "250", "--deadline-s", "2.5");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var instance = InstanceReader.Read(output);
        Assert.Multiple(() =>
        {
            Assert.That(instance.Models, Has.Length.EqualTo(4));
            Assert.That(instance.Server.BandwidthHz, Is.EqualTo(5e6));
            Assert.That(instance.Server.LoadRateMbPerSecond, Is.EqualTo(250));
            Assert.That(instance.Users.Select(u => u.DeadlineSeconds).Distinct(), Is.EqualTo(new[] { 2.5 }));
        });
    }

    [Test]
    public void Does_not_overwrite_an_instance_unless_forced()
    {
        using var folder = InstanceFolder.Empty();
        string output = Path.Combine(folder.Path, "inst");
        Assert.That(PlsolveRun.Of("generate", output, "--scenario", "synthetic-general", "--users", "5", "--seed", "1").ExitCode, Is.EqualTo(0));
        string before = File.ReadAllText(Path.Combine(output, "users.csv"));

        PlsolveRun refused = PlsolveRun.Of("generate", output, "--scenario", "synthetic-general", "--users", "5", "--seed", "2");
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("--force"));
        Assert.That(File.ReadAllText(Path.Combine(output, "users.csv")), Is.EqualTo(before));

        PlsolveRun forced = PlsolveRun.Of("generate", output, "--scenario", "synthetic-general", "--users", "5", "--seed", "2", "--force");
        Assert.That(forced.ExitCode, Is.EqualTo(0), forced.Error);
        Assert.That(File.ReadAllText(Path.Combine(output, "users.csv")), Is.Not.EqualTo(before));
    }

    [TestCase("unknown scenario 'nope'", "--scenario", "nope", "--users", "5")]
    [TestCase("--scenario is required", "--users", "5")]
    [TestCase("--users is required", "--scenario", "synthetic-general")]
    [TestCase("at least 0, got -3", "--scenario", "synthetic-general", "--users", "-3")]
    [TestCase("[0, 1), got 1.5", "--scenario", "synthetic-general", "--users", "5", "--sharing-ratio", "1.5")]
    [TestCase("does not take a number of clusters", "--scenario", "synthetic-general", "--users", "5", "--clusters", "2")]
    [TestCase("--deadlines must be 'common' or 'per-user'", "--scenario", "synthetic-general", "--users", "5", "--deadlines", "soon")]
    [TestCase("common deadline was given together with per-user", "--scenario", "synthetic-general", "--users", "5", "--deadline-s", "1", "--deadlines", "per-user")]
    [TestCase("bandwidth must be a positive number", "--scenario", "synthetic-general", "--users", "5", "--bandwidth-mhz", "0")]
    public void Bad_options_exit_2_with_one_line(string expected, params string[] options)
    {
        using var folder = InstanceFolder.Empty();
        string output = Path.Combine(folder.Path, "inst");

        PlsolveRun run = PlsolveRun.Of(["generate", output, .. options]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.Contain(expected));
        Assert.That(Directory.Exists(output), Is.False, "nothing is written");
    }
}
