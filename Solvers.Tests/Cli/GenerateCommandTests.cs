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
    [TestCase("plsolve: --users: 'abc' is not a whole number", "--scenario", "synthetic-general", "--users", "abc")]
    [TestCase("plsolve: --bandwidth-mhz: 'inf' is not a finite number", "--scenario", "synthetic-general", "--users", "5", "--bandwidth-mhz", "inf")]
    [TestCase("--bandwidth-mhz 1e12: column 'bandwidth_hz': '1E+18' is outside the range", "--scenario", "synthetic-general", "--users", "5", "--bandwidth-mhz", "1e12")]
    [TestCase("--deadline-s 1e300: column 'deadline_s': '1E+300' is outside the range", "--scenario", "synthetic-general", "--users", "5", "--deadline-s", "1e300")]
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

    [Test]
    public void An_outdir_that_is_a_file_is_refused_in_one_line()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("afile", "mine");

        PlsolveRun run = PlsolveRun.Of("generate", folder.File("afile"), "--scenario", "synthetic-general", "--users", "5");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"plsolve: {folder.File("afile")}: is a file, expected a folder" }));
        Assert.That(File.ReadAllText(folder.File("afile")), Is.EqualTo("mine"));
    }

    [Test]
    public void A_full_disk_writes_no_file_so_a_rerun_is_not_taken_for_an_instance()
    {
        // 64 KiB of tmpfs, all taken: a new folder is written under a staging name and renamed into place, so none is.
        (int code, string stdout, string stderr) = PrivateMount.Run(
            "mount -t tmpfs -o size=64k tmpfs \"$D\" || exit 99; head -c 65536 /dev/zero > \"$D/fill\" 2>/dev/null; " +
            "$P generate \"$D/x\" --scenario synthetic-general --users 50 --seed 1; echo \"CODE:$?\"; " +
            "$P generate \"$D/x\" --scenario synthetic-general --users 50 --seed 1; echo \"CODE:$?\"; " +
            "printf 'LEFT:%s\\n' \"$(cd \"$D\" && ls -A . | sort | tr '\\n' ' ' | sed 's/ $//')\"");

        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("CODE:2\nCODE:2\n"), stderr);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2), stderr);
        Assert.That(lines, Has.All.Contain("cannot be written (No space left on device").And.All.EndWith("nothing was written, the files it held are kept"),
            "the rerun meets the full disk again, not an 'already holds an instance' of a half-written one");
        Assert.That(stdout, Does.Contain("LEFT:fill\n"), "no folder: no instance file, no staging folder");
    }

    [Test]
    public void A_forced_overwrite_on_a_full_disk_keeps_every_old_file()
    {
        // The small instance fits; then the disk is filled, and the larger one cannot be written beside it.
        const string Snapshot = "cd \"$D/x\" && ls -A | tr '\\n' ' ' && cat * | sha256sum";
        (int code, string stdout, string stderr) = PrivateMount.Run(
            "mount -t tmpfs -o size=1m tmpfs \"$D\" || exit 99; " +
            "$P generate \"$D/x\" --scenario synthetic-general --users 5 --seed 1 > /dev/null || exit 98; " +
            $"echo \"BEFORE:$({Snapshot})\"; head -c 2000000 /dev/zero > \"$D/fill\" 2>/dev/null; " +
            "$P generate \"$D/x\" --scenario synthetic-general --users 50 --seed 2 --force; echo \"CODE:$?\"; " +
            $"echo \"AFTER:$({Snapshot})\"; echo \"LEFT:$(ls -A \"$D\" | sort | tr '\\n' ' ')\"");

        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("CODE:2\n"), stderr);
        Assert.That(stderr, Does.Contain("cannot be written (No space left on device"));
        string before = stdout.Split('\n').Single(l => l.StartsWith("BEFORE:", StringComparison.Ordinal))["BEFORE:".Length..];
        string after = stdout.Split('\n').Single(l => l.StartsWith("AFTER:", StringComparison.Ordinal))["AFTER:".Length..];
        Assert.That(before, Does.StartWith("README.md blocks.csv models.csv server.csv users.csv "));
        Assert.That(after, Is.EqualTo(before), "the old instance, all five files, byte for byte: no new server.csv beside old users.csv");
        Assert.That(stdout, Does.Contain("LEFT:fill x \n"), "no staging folder is left beside it");
    }
}
