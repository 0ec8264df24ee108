using System.Text.Json;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class BoundCommandTests
{
    [Test]
    public void Prints_the_bound_its_source_and_every_relaxation()
    {
        PlsolveRun run = PlsolveRun.Of("bound", RepositoryPaths.Instance("synthetic-bottom-1000-common"), "--effort", "fast");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.Contain("bound      656 (by time-window, effort fast"));
        Assert.That(run.Out, Does.Contain("bandwidth-knapsack").And.Contain("time-knapsack").And.Contain("lagrangian-knapsack").And.Contain("scheduling-dp"));
    }

    [Test]
    public void Interrupted_it_shows_what_ran_says_so_and_exits_130()
    {
        PlsolveRun run = PlsolveRun.Interrupted("bound", RepositoryPaths.Instance("heterogeneous-40"));

        Assert.That(run.ExitCode, Is.EqualTo(130), run.Error);
        Assert.That(run.Out, Does.Contain("servable"));
        Assert.That(run.Out, Does.Contain("not run: stopped before it ran").And.Not.Contain("time limit"));
        Assert.That(run.Error.Trim(), Is.EqualTo("plsolve: interrupted: the bound shown is the least of the relaxations that ran before Ctrl-C"));
    }

    [Test]
    public void Json_lists_each_relaxation_with_its_value_and_time()
    {
        PlsolveRun run = PlsolveRun.Of("bound", RepositoryPaths.Instance("heterogeneous-40"), "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        JsonElement root = JsonDocument.Parse(run.Out).RootElement;
        JsonElement[] parts = [.. root.GetProperty("relaxations").EnumerateArray()];
        double bound = root.GetProperty("bound").GetDouble();
        Assert.That(bound, Is.GreaterThanOrEqualTo(26), "heterogeneous-40's proved optimum");
        Assert.That(root.GetProperty("effort").GetString(), Is.EqualTo("strong"));
        Assert.That(parts.Select(p => p.GetProperty("name").GetString()), Does.Contain(root.GetProperty("source").GetString()));
        Assert.That(parts.Where(p => p.GetProperty("bound").ValueKind == JsonValueKind.Number).Min(p => p.GetProperty("bound").GetDouble()), Is.EqualTo(bound));
        Assert.That(parts.All(p => p.GetProperty("runtime_s").GetDouble() >= 0), Is.True);
        Assert.That(parts.First(p => p.GetProperty("name").GetString() == "scheduling-dp").GetProperty("note").GetString(), Does.StartWith("does not apply"));
    }

    [Test]
    public void Bad_input_exits_2_with_one_line_per_problem()
    {
        using var folder = new InstanceFolder(users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,C,2,abc,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("bound", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "users.csv:2: column 'deadline_s': 'abc' is not a number" }));
        Assert.That(run.Out, Is.Empty);
    }

    [TestCase("--effort", "none")]
    [TestCase("--time-limit", "0")]
    [TestCase("--time-limit", "soon")]
    public void Usage_errors_exit_2(params string[] extra)
    {
        PlsolveRun run = PlsolveRun.Of(["bound", RepositoryPaths.Instance("three-models"), .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void An_instance_without_users_is_bounded_by_zero()
    {
        using var folder = new InstanceFolder(users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\n");

        PlsolveRun run = PlsolveRun.Of("bound", folder.Path, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(JsonDocument.Parse(run.Out).RootElement.GetProperty("bound").GetDouble(), Is.Zero);
    }
}
