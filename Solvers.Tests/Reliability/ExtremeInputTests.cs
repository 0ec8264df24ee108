using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PartialLoading.Tests.Cli;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Reliability;

/// <summary>
/// Issue 19, items 3–5, 8–10 and the minor ones: numbers at the edge of double and hostile files end in one line
/// per problem and exit 2 (or a clean result), never exit 3.
/// </summary>
public class ExtremeInputTests
{
    private const string UserHeader = "user_id,model_id,data_mbit,deadline_s,power_w,gain_db";

    private static readonly string ThreeModels = RepositoryPaths.Instance("three-models");

    [TestCase("greedy")]
    [TestCase("local", "--iterations", "20")]
    [TestCase("edd")]
    [TestCase("fifo")]
    [TestCase("full-loading")]
    [TestCase("labeling")]
    public void A_tiny_data_size_is_refused_by_its_range_not_a_solver_crash(string solver, params string[] extra)
    {
        using var folder = new InstanceFolder(users: $"{UserHeader}\nu1,C,1e-307,1.2,0.2,-100\nu2,B,2,0.8,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of(["solve", folder.Path, "--solver", solver, .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "users.csv:2: column 'data_mbit': '1e-307' is outside the range [1e-09, 1e+12] Mbit in which the model is computed faithfully (docs/model.md §7)",
        }));
    }

    [Test]
    public void A_deadline_of_1e308_is_refused_by_its_range()
    {
        using var folder = new InstanceFolder(users: $"{UserHeader}\nu1,C,2,1e308,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("solve", folder.Path, "--solver", "labeling");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.Error, Does.Contain("users.csv:2: column 'deadline_s': '1e308' is outside the range [1e-09, 1e+09] s"));
    }

    [Test]
    public void Weights_whose_sum_would_overflow_are_refused_by_their_range()
    {
        using var folder = new InstanceFolder(users: $"{UserHeader},weight\nu1,C,2,1,0.2,-100,1.7e308\nu2,B,2,1,0.2,-100,1.7e308\n");

        PlsolveRun run = PlsolveRun.Of("info", folder.Path, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(2));
        Assert.That(run.ErrorLines, Has.All.Contains("column 'weight': '1.7e308' is outside the range [1e-06, 1e+06]"));
    }

    [Test]
    public void A_huge_block_is_refused_by_its_range()
    {
        using var folder = new InstanceFolder(blocks: "block_id,size_mb\nalpha,1e308\nbeta,100\ngamma,500\n");

        PlsolveRun run = PlsolveRun.Of("info", folder.Path, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "blocks.csv:2: column 'size_mb': '1e308' is outside the range [1e-06, 1e+09] MB in which the model is computed faithfully (docs/model.md §7)",
        }));
    }

    [Test]
    public void A_huge_noise_is_blamed_on_the_noise_once_not_on_every_gain()
    {
        using var folder = new InstanceFolder(server: "load_rate_mb_per_s,bandwidth_hz,noise_dbm_per_hz,initial_model\n1000,20000000,1e308,\n");

        PlsolveRun run = PlsolveRun.Of("info", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "server.csv:2: column 'noise_dbm_per_hz': '1e308' is outside the range [-300, 100] dBm/Hz in which the model is computed faithfully (docs/model.md §7)",
        }));
    }

    [TestCase("0")]
    [TestCase("-0")]
    [TestCase("5e-324")]
    public void Verify_json_of_a_starved_user_writes_null_not_infinity(string bandwidth)
    {
        using var folder = new InstanceFolder();
        folder.Write("s.csv", $"position,user_id,bandwidth_hz\n1,u3,{bandwidth}\n");

        PlsolveRun run = PlsolveRun.Of("verify", ThreeModels, folder.File("s.csv"), "--json");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        JsonElement root = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(root.GetProperty("feasible").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("makespan_s").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("solve", "--out", "")]
    [TestCase("solve", "--plot", "")]
    [TestCase("solve", "--time-limit", "1e12")]
    [TestCase("solve", "--time-limit", "abc")]
    [TestCase("solve", "--threads", "0")]
    [TestCase("solve", "--plot", "chart.txt")]
    public void Bad_paths_and_limits_are_usage_errors_in_one_line(params string[] args)
    {
        PlsolveRun run = PlsolveRun.Of([args[0], ThreeModels, .. args[1..]]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.StartWith("plsolve: " + args[1]));
    }

    [Test]
    public void Generate_into_an_empty_path_is_a_usage_error()
    {
        PlsolveRun run = PlsolveRun.Of("generate", "", "--scenario", "synthetic-general", "--users", "5");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
    }

    [Test]
    public void Invalid_utf8_in_an_id_is_refused_at_its_line()
    {
        using var folder = new InstanceFolder();
        byte[] users = [.. Encoding.UTF8.GetBytes($"{UserHeader}\nu1,C,2,1.2,0.2,-100\nu"), 0xFF, .. Encoding.UTF8.GetBytes(",B,2,0.8,0.2,-100\n")];
        File.WriteAllBytes(folder.File("users.csv"), users);

        PlsolveRun run = PlsolveRun.Of("info", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "users.csv:3: not valid UTF-8 (byte 76 of the file); save the file as UTF-8" }));
    }

    [Test]
    public void A_device_as_users_csv_is_refused_without_reading_it()
    {
        using var folder = new InstanceFolder(users: null);
        File.CreateSymbolicLink(folder.File("users.csv"), "/dev/zero");

        PlsolveRun run = RunWithin(TimeSpan.FromSeconds(20), () => PlsolveRun.Of("info", folder.Path), folder.File("users.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "users.csv: the file is empty (expected a header row), or not a regular file (pipes and devices are not read)" }));
    }

    [Test]
    public void A_pipe_as_users_csv_is_refused_without_blocking()
    {
        using var folder = new InstanceFolder(users: null);
        using (Process mkfifo = Process.Start("mkfifo", folder.File("users.csv")))
        {
            mkfifo.WaitForExit();
            Assume.That(mkfifo.ExitCode, Is.EqualTo(0), "mkfifo is available");
        }

        PlsolveRun run = RunWithin(TimeSpan.FromSeconds(20), () => PlsolveRun.Of("info", folder.Path), folder.File("users.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.Error, Does.Contain("users.csv: the file is empty (expected a header row), or not a regular file"));
    }

    [Test]
    public void A_long_header_is_echoed_short()
    {
        using var folder = new InstanceFolder(users: $"{UserHeader},{new string('x', 100_000)}\nu1,C,2,1.2,0.2,-100,1\n");

        PlsolveRun run = PlsolveRun.Of("info", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("… (100000 characters)"));
        Assert.That(run.Error.Length, Is.LessThan(400));
    }

    [Test]
    public void A_line_longer_than_the_cap_is_refused_at_its_line()
    {
        using var folder = new InstanceFolder(users: $"{UserHeader}\nu1,C,2,1.2,0.2,-100\nu{new string('x', (1 << 20) + 1)},B,2,0.8,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("info", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "users.csv:3: the line is longer than 1 MiB" }));
    }

    /// <summary>
    /// Runs <paramref name="run"/> on a worker and fails after <paramref name="limit"/> instead of hanging the whole
    /// test run; a reader blocked on a pipe is released by opening the pipe for writing.
    /// </summary>
    private static PlsolveRun RunWithin(TimeSpan limit, Func<PlsolveRun> run, string pipe)
    {
        Task<PlsolveRun> task = Task.Run(run);
        if (task.Wait(limit))
        {
            return task.Result;
        }

        using (var writer = new FileStream(pipe, FileMode.Open, FileAccess.Write))
        {
            // Closing at once gives the blocked reader end of file.
        }

        Assert.Fail($"plsolve did not return within {limit.TotalSeconds} s (it blocked on {pipe})");
        return null!;
    }
}
