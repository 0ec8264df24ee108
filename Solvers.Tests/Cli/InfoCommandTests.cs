using System.Text.Json;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class InfoCommandTests
{
    [Test]
    public void Describes_a_bottom_layer_instance_with_its_clusters()
    {
        PlsolveRun run = PlsolveRun.Of("info", RepositoryPaths.Instance("backbone-clusters"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.Contain("bottom-layer: 3 clusters"));
        Assert.That(run.Out, Does.Contain("common deadline 1 s"));
    }

    [Test]
    public void One_user_per_model_is_said_in_the_singular()
    {
        PlsolveRun run = PlsolveRun.Of("info", RepositoryPaths.Instance("three-models"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.Contain("requested  3 of 3 models have users (1 user each)"));
    }

    [Test]
    public void Explains_why_an_instance_is_general()
    {
        PlsolveRun run = PlsolveRun.Of("info", RepositoryPaths.Instance("general-sharing"), "--json");

        JsonElement root = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(root.GetProperty("structure").GetString(), Is.EqualTo("general"));
        Assert.That(root.GetProperty("why_general").GetString(), Does.Contain("block 'emb'"));
        Assert.That(root.GetProperty("shared_fraction").GetDouble(), Is.EqualTo(1020.0 / 1095.0).Within(1e-12));
    }

    [Test]
    public void Shows_what_serving_related_models_back_to_back_saves()
    {
        PlsolveRun text = PlsolveRun.Of("info", RepositoryPaths.Instance("backbone-clusters"));
        PlsolveRun json = PlsolveRun.Of("info", RepositoryPaths.Instance("backbone-clusters"), "--json");

        Assert.That(text.Out, Does.Contain("requested  6 of 6 models have users (2 users each)"));
        Assert.That(text.Out, Does.Contain("(533.333 MB; 5 of 6 share with another)"));
        Assert.That(text.Out, Does.Contain("groups     3 groups of models linked by shared blocks, sizes 3, 2, 1"));
        JsonElement root = JsonDocument.Parse(json.Out).RootElement;
        Assert.That(root.GetProperty("requested_pair_shared_mb_max").GetDouble(), Is.EqualTo(800));
        Assert.That(root.GetProperty("group_sizes").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 3, 2, 1 }));
    }
}
