using System.Text.Json;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class VerifyCommandTests
{
    private static readonly string ThreeModels = RepositoryPaths.Instance("three-models");

    [Test]
    public void An_infeasible_schedule_exits_1_and_names_each_violation()
    {
        using var folder = new InstanceFolder();
        folder.Write("s.csv", "position,user_id\n1,u1\n2,u2\n3,u2\n");

        PlsolveRun run = PlsolveRun.Of("verify", ThreeModels, folder.File("s.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.StartWith("infeasible:"));
        Assert.That(run.Out, Does.Contain("user 'u2' (position 2) ends at"));
        Assert.That(run.Out, Does.Contain("user 'u2' is listed twice (positions 2 and 3)"));
    }

    [Test]
    public void Json_reports_feasible_value_served_and_violations()
    {
        using var folder = new InstanceFolder();
        folder.Write("s.csv", "position,user_id,bandwidth_hz\n1,u3,1e7\n2,u2,1e7\n3,u1,1e7\n");

        PlsolveRun run = PlsolveRun.Of("verify", ThreeModels, folder.File("s.csv"), "--json");

        JsonElement root = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(run.ExitCode, Is.EqualTo(1), "30 MHz over a 20 MHz budget");
        Assert.That(root.GetProperty("feasible").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(3));
        Assert.That(root.GetProperty("served").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("violations").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "bandwidth 30000000 Hz exceeds the budget 20000000 Hz by 10000000 Hz" }));
    }

    [Test]
    public void An_unknown_user_is_bad_input_not_a_violation()
    {
        using var folder = new InstanceFolder();
        folder.Write("s.csv", "position,user_id\n1,nobody\n");

        PlsolveRun run = PlsolveRun.Of("verify", ThreeModels, folder.File("s.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "s.csv:2: column 'user_id': unknown user 'nobody'" }));
    }

    [Test]
    public void A_missing_schedule_file_is_bad_input()
    {
        PlsolveRun run = PlsolveRun.Of("verify", ThreeModels, "/nonexistent/schedule.csv");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "schedule.csv: file not found" }));
    }

    [Test]
    public void A_full_loading_schedule_verifies_with_no_sharing()
    {
        using var folder = new InstanceFolder();
        string output = Path.Combine(folder.Path, "result");
        PlsolveRun solve = PlsolveRun.Of("solve", ThreeModels, "--solver", "full-loading", "--out", output);

        PlsolveRun verify = PlsolveRun.Of("verify", ThreeModels, Path.Combine(output, "schedule.csv"), "--no-sharing");

        Assert.That(solve.ExitCode, Is.EqualTo(0), solve.Error);
        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Out);
        Assert.That(verify.Out, Does.StartWith("feasible (no sharing: whole models loaded): value 2, 2 of 3 users served, makespan 0.800000 s"));
    }

    [Test]
    public void A_schedule_that_relies_on_sharing_fails_with_no_sharing()
    {
        // A, B, C: B loads 0.4 s whole instead of 0.1 s, so C ends at 1.35 s, after its 1.2 s deadline.
        using var folder = new InstanceFolder();
        folder.Write("s.csv", "position,user_id\n1,u3\n2,u2\n3,u1\n");

        PlsolveRun shared = PlsolveRun.Of("verify", ThreeModels, folder.File("s.csv"));
        PlsolveRun whole = PlsolveRun.Of("verify", ThreeModels, folder.File("s.csv"), "--no-sharing", "--json");

        Assert.That(shared.ExitCode, Is.EqualTo(0), shared.Out);
        Assert.That(whole.ExitCode, Is.EqualTo(1));
        JsonElement root = JsonDocument.Parse(whole.Out).RootElement;
        Assert.That(root.GetProperty("no_sharing").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("violations").EnumerateArray().Single().GetString(), Does.StartWith("user 'u1' (position 3) ends at 1.35 s, after its deadline 1.2 s"));
    }
}
