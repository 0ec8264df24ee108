using System.Text.Json;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class ExactSolverCliTests
{
    private static readonly string ThreeModels = RepositoryPaths.Instance("three-models");

    [TestCase("cpsat", "visits", "scip")]
    [TestCase("cpsat", "circuit", "scip")]
    [TestCase("milp", "visits", "highs")]
    [TestCase("milp", "positions", "cbc")]
    public void Each_formulation_and_backend_proves_the_optimum(string solver, string formulation, string backend)
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", solver, "--formulation", formulation, "--backend", backend, "--time-limit", "30", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("optimal"));
        Assert.That(json.RootElement.GetProperty("value").GetDouble(), Is.EqualTo(3));
    }

    [TestCase("cpsat", "positions", "plsolve: --solver cpsat has no formulation 'positions' (visits, circuit)")]
    [TestCase("milp", "circuit", "plsolve: --solver milp has no formulation 'circuit' (visits, positions)")]
    public void A_formulation_the_solver_lacks_is_a_usage_error(string solver, string formulation, string message)
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", solver, "--formulation", formulation);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { message }));
    }

    [Test]
    public void Labeling_proves_the_optimum_within_a_memory_limit_on_two_threads()
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", "labeling", "--memory-limit", "64", "--threads", "2", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("optimal"));
        Assert.That(json.RootElement.GetProperty("value").GetDouble(), Is.EqualTo(3));
    }

    [Test]
    public void Labeling_is_warm_started_within_its_time_limit_unless_told_to_start_cold()
    {
        PlsolveRun warm = PlsolveRun.Of("solve", ThreeModels, "--solver", "labeling", "--time-limit", "5", "--json");
        PlsolveRun cold = PlsolveRun.Of("solve", ThreeModels, "--solver", "labeling", "--time-limit", "5", "--warm-start", "none", "--json");

        Assert.That(warm.ExitCode, Is.EqualTo(0), warm.Error);
        Assert.That(cold.ExitCode, Is.EqualTo(0), cold.Error);
        using JsonDocument warmJson = JsonDocument.Parse(warm.Out);
        using JsonDocument coldJson = JsonDocument.Parse(cold.Out);
        JsonElement started = warmJson.RootElement.GetProperty("warm_start_s");
        Assert.That(started.ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(started.GetDouble() + warmJson.RootElement.GetProperty("runtime_s").GetDouble(), Is.LessThanOrEqualTo(5.0));
        Assert.That(coldJson.RootElement.GetProperty("warm_start_s").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(coldJson.RootElement.GetProperty("value").GetDouble(), Is.EqualTo(warmJson.RootElement.GetProperty("value").GetDouble()));
    }

    [Test]
    public void A_memory_limit_below_16_MB_is_a_usage_error()
    {
        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", "labeling", "--memory-limit", "8");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--memory-limit must be at least 16 (MB)."));
    }
}
