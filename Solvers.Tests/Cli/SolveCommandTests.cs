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
        Assert.That(run.Out, Does.Contain("status optimal  stopped completed"), "edd serves all 3, which the fast bound proves optimal");
        Assert.That(run.Out, Does.Contain("bound 3 (by servable)"));
        string[] table = [.. run.Out.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("pos", StringComparison.Ordinal)).Where(l => l.Length > 0)];
        Assert.That(table, Has.Length.EqualTo(4));
        Assert.That(table.Select(l => l.Length).Distinct().Count(), Is.EqualTo(1), "columns are aligned");
    }

    [TestCase("labeling", new string[0], 60.0, 2)]
    [TestCase("greedy", new string[0], null, 1)]
    [TestCase("local", new[] { "--iterations", "10" }, null, 1)]
    [TestCase("cpsat", new[] { "--time-limit", "5" }, 5.0, 2)]
    public void Summary_states_the_time_limit_and_threads_the_solver_ran_with(string solver, string[] extra, double? limit, int threads)
    {
        PlsolveRun run = PlsolveRun.Of(["solve", ThreeModels, "--solver", solver, "--threads", "2", "--json", .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        JsonElement timeLimit = root.GetProperty("time_limit_s");
        Assert.That(timeLimit.ValueKind == JsonValueKind.Null ? (double?)null : timeLimit.GetDouble(), Is.EqualTo(limit));
        Assert.That(root.GetProperty("threads").GetInt32(), Is.EqualTo(threads), "a single-threaded solver says 1 whatever --threads asks");
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
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("feasible"), "a heuristic's result carries the fast bound");
            Assert.That(root.GetProperty("termination").GetString(), Is.EqualTo("completed"));
            Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(1));
            Assert.That(root.GetProperty("bound").GetDouble(), Is.EqualTo(3));
            Assert.That(root.GetProperty("bound_by").GetString(), Is.EqualTo("servable"));
            Assert.That(root.GetProperty("gap").GetDouble(), Is.EqualTo(2.0 / 3.0).Within(1e-12));
            Assert.That(root.GetProperty("warm_start_s").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Bound_none_leaves_a_heuristic_result_without_a_bound()
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", "fifo", "--bound", "none", "--json");

        JsonElement root = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("heuristic"));
        Assert.That(root.GetProperty("bound").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("bound_by").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("gap").ValueKind, Is.EqualTo(JsonValueKind.Null));
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
    [TestCase("--greedy-rule", "fastest")]
    [TestCase("--iterations", "-1")]
    [TestCase("--iterations", "many")]
    [TestCase("--time-limit", "-1")]
    [TestCase("--time-limit", "soon")]
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

    [TestCase("greedy", "u3,u2,u1")]
    [TestCase("edd", "u3,u2,u1")]
    [TestCase("fifo", "u1")]
    [TestCase("full-loading", "u3,u2")]
    public void Each_named_solver_runs_from_the_command_line(string solver, string served)
    {
        using var folder = new InstanceFolder();
        string output = Path.Combine(folder.Path, "result");

        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", solver, "--out", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(File.ReadLines(Path.Combine(output, "schedule.csv")).Skip(1).Select(l => l.Split(',')[1]), Is.EqualTo(served.Split(',')));
    }

    [Test]
    public void The_default_solver_is_local_and_its_note_says_why_it_stopped()
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--json");

        JsonElement root = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(root.GetProperty("solver").GetString(), Is.EqualTo("local"));
        Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(3));
        Assert.That(root.GetProperty("note").GetString(), Does.Contain("every servable user is served"));
    }

    [Test]
    public void Local_with_an_iteration_budget_is_reproducible_from_the_command_line()
    {
        string instance = RepositoryPaths.Instance("general-sharing");

        PlsolveRun first = PlsolveRun.Of("solve", instance, "--solver", "local", "--iterations", "25", "--seed", "5", "--json");
        PlsolveRun second = PlsolveRun.Of("solve", instance, "--solver", "local", "--iterations", "25", "--seed", "5", "--json");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
        JsonElement a = JsonDocument.Parse(first.Out).RootElement;
        JsonElement b = JsonDocument.Parse(second.Out).RootElement;
        Assert.That(b.GetProperty("schedule").ToString(), Is.EqualTo(a.GetProperty("schedule").ToString()));
        Assert.That(a.GetProperty("note").GetString(), Does.Contain("seed 5"));
    }

    [Test]
    public void Greedy_rule_most_shared_is_passed_to_the_solver()
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", "greedy", "--greedy-rule", "most-shared", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(JsonDocument.Parse(run.Out).RootElement.GetProperty("note").GetString(), Is.EqualTo("rule most-shared"));
    }
}
