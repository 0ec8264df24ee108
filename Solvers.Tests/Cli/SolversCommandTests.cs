using System.Text.Json;

namespace PartialLoading.Tests.Cli;

public class SolversCommandTests
{
    [Test]
    public void Lists_every_catalog_solver_with_its_traits_as_json()
    {
        PlsolveRun run = PlsolveRun.Of("solvers", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement[] solvers = [.. json.RootElement.EnumerateArray()];
        Assert.That(solvers.Select(s => s.GetProperty("name").GetString()), Is.EqualTo(SolverCatalog.Names));
        foreach ((JsonElement listed, SolverInfo info) in solvers.Zip(SolverCatalog.All))
        {
            Assert.That(listed.GetProperty("proves_bounds").GetBoolean(), Is.EqualTo(info.Traits.ProvesBounds), info.Name);
            Assert.That(listed.GetProperty("takes_warm_start").GetBoolean(), Is.EqualTo(info.Traits.TakesWarmStart), info.Name);
            Assert.That(listed.GetProperty("restriction").ValueKind == JsonValueKind.Null, Is.EqualTo(info.Traits.Restriction is null), info.Name);
        }
    }

    [Test]
    public void The_table_marks_the_default_solver()
    {
        PlsolveRun run = PlsolveRun.Of("solvers");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.Contain($"{SolverCatalog.DefaultSolver} (default)"));
    }
}
