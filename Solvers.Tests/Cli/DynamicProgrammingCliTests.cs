using System.Text.Json;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class DynamicProgrammingCliTests
{
    [Test]
    public void Solves_the_backbone_clusters_instance_to_optimality()
    {
        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance("backbone-clusters"), "--solver", "dp", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        JsonElement summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(summary.GetProperty("solver").GetString(), Is.EqualTo("dp"));
            Assert.That(summary.GetProperty("status").GetString(), Is.EqualTo("optimal"));
            Assert.That(summary.GetProperty("value").GetDouble(), Is.EqualTo(10));
            Assert.That(summary.GetProperty("bound").GetDouble(), Is.EqualTo(10));
            Assert.That(summary.GetProperty("gap").GetDouble(), Is.Zero);
        });
    }

    [Test]
    public void Refuses_general_sharing_with_exit_2_and_one_line()
    {
        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance("general-sharing"), "--solver", "dp");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "dp: block 'emb' is shared by models 'M1' and 'M2' but not by 'M3' of the same cluster; use --solver labeling, milp, cpsat or local",
        }));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Reports_its_relaxation_as_a_bound_when_the_bandwidth_test_fails()
    {
        // The DP's order needs more bandwidth than B; its relaxation (709 users in time) still bounds the optimum.
        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance("synthetic-bottom-1000-common"), "--solver", "dp", "--bound", "none", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        JsonElement summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(summary.GetProperty("status").GetString(), Is.EqualTo("feasible"));
            Assert.That(summary.GetProperty("bound").GetDouble(), Is.EqualTo(709));
            Assert.That(summary.GetProperty("gap").GetDouble(), Is.GreaterThan(0));
            Assert.That(summary.GetProperty("note").GetString(), Does.Contain("fails the bandwidth test"));
        });
    }
}
