using System.Text.Json;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class SolveCommandTests
{
    private static readonly string ThreeModels = RepositoryPaths.Instance("three-models");

    [Test]
    public void Prints_a_summary_and_an_aligned_schedule()
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", "edd");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.Contain("served     3 of 3 users"));
        Assert.That(run.Out, Does.Contain("status heuristic"));
        string[] table = [.. run.Out.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("pos", StringComparison.Ordinal)).Where(l => l.Length > 0)];
        Assert.That(table, Has.Length.EqualTo(4));
        Assert.That(table.Select(l => l.Length).Distinct().Count(), Is.EqualTo(1), "columns are aligned");
    }

    [Test]
    public void Json_prints_the_summary_object_alone()
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", "fifo", "--json");

        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        Assert.Multiple(() =>
        {
            foreach (string field in new[] { "instance", "solver", "status", "value", "served", "users", "bound", "gap", "makespan_s", "bandwidth_used_hz", "runtime_s", "read_s" })
            {
                Assert.That(root.TryGetProperty(field, out _), Is.True, field);
            }

            Assert.That(root.GetProperty("instance").GetString(), Is.EqualTo("three-models"));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("heuristic"));
            Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(1));
            Assert.That(root.GetProperty("bound").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("gap").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Out_writes_a_schedule_that_verify_accepts_and_the_summary()
    {
        using var folder = new InstanceFolder();
        string output = Path.Combine(folder.Path, "result");

        PlsolveRun solve = PlsolveRun.Of("solve", ThreeModels, "--solver", "edd", "--out", output);
        PlsolveRun verify = PlsolveRun.Of("verify", ThreeModels, Path.Combine(output, "schedule.csv"));

        Assert.That(solve.ExitCode, Is.EqualTo(0), solve.Error);
        Assert.That(JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))).RootElement.GetProperty("served").GetInt32(), Is.EqualTo(3));
        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Out + verify.Error);
        Assert.That(verify.Out, Does.StartWith("feasible: value 3, 3 of 3 users served"));
    }

    [Test]
    public void Bad_input_exits_2_with_one_line_per_problem_and_no_stack_trace()
    {
        using var folder = new InstanceFolder(users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,C,2,abc,0.2,-100\nu2,Q,2,1,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("solve", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "users.csv:2: column 'deadline_s': 'abc' is not a number",
            "users.csv:3: column 'model_id': unknown model 'Q'",
        }));
        Assert.That(run.Out, Is.Empty);
    }

    [TestCase("--solver", "magic")]
    [TestCase("--time-limit", "-1")]
    [TestCase("--threads", "0")]
    [TestCase("--seed", "x")]
    [TestCase("--frobnicate")]
    public void Usage_errors_exit_2(params string[] extra)
    {
        PlsolveRun run = PlsolveRun.Of(["solve", ThreeModels, .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_missing_instance_folder_exits_2()
    {
        PlsolveRun run = PlsolveRun.Of("solve", "/nonexistent/plsolve-instance");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "/nonexistent/plsolve-instance: instance folder not found" }));
    }

    [TestCase("solve")]
    [TestCase("verify")]
    [TestCase("info")]
    public void Every_command_has_help(string command)
    {
        PlsolveRun run = PlsolveRun.Of(command, "--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Does.Contain("Usage:"));
    }

    [Test]
    public void An_instance_without_users_solves_to_zero()
    {
        using var folder = new InstanceFolder(users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\n");

        PlsolveRun run = PlsolveRun.Of("solve", folder.Path, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(JsonDocument.Parse(run.Out).RootElement.GetProperty("value").GetDouble(), Is.Zero);
    }
}
