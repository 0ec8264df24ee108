using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

public class BottomLayerStructureTests
{
    [Test]
    public void Detects_clusters_backbones_and_heads()
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("backbone-clusters"));

        BottomLayerStructure? structure = BottomLayerStructure.Detect(instance, out string? whyNot);

        Assert.That(structure, Is.Not.Null, whyNot);
        Assert.Multiple(() =>
        {
            // X1..X3 (models 0–2), Y1, Y2 (3, 4), Z (5)
            Assert.That(structure!.Clusters.Select(c => c.ToArray()), Is.EqualTo(new[] { new[] { 0, 1, 2 }, new[] { 3, 4 }, new[] { 5 } }));
            Assert.That(structure.BackboneMb, Is.EqualTo(new[] { 800.0, 400.0, 0.0 }));
            Assert.That(structure.HeadMb, Is.EqualTo(new[] { 60.0, 90.0, 40.0, 30.0, 50.0, 600.0 }));
        });
    }

    [Test]
    public void Bottom_layer_loading_times_follow_the_formula_of_model_section_5()
    {
        Instance instance = RandomInstances.Create(7, users: 1, models: 8, sharing: RandomSharing.BottomLayer);
        BottomLayerStructure structure = BottomLayerStructure.Detect(instance, out _)!;
        double rate = instance.Server.LoadRateMbPerSecond;
        for (int h = 0; h < instance.Models.Length; h++)
        {
            for (int i = 0; i < instance.Models.Length; i++)
            {
                double expected = h == i ? 0
                    : structure.ClusterOf[h] == structure.ClusterOf[i] ? structure.HeadMb[i] / rate
                    : (structure.BackboneMb[structure.ClusterOf[i]] + structure.HeadMb[i]) / rate;
                Assert.That(instance.LoadingTimes.Seconds(h, i), Is.EqualTo(expected).Within(1e-12));
            }
        }
    }

    [Test]
    public void General_sharing_is_explained_by_a_witness_block()
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("general-sharing"));

        BottomLayerStructure? structure = BottomLayerStructure.Detect(instance, out string? whyNot);

        Assert.That(structure, Is.Null);
        Assert.That(whyNot, Is.EqualTo("block 'emb' is shared by models 'M1' and 'M2' but not by 'M3' of the same cluster"));
    }

    [Test]
    public void Models_that_share_nothing_are_clusters_of_their_own_and_identical_models_share_everything()
    {
        Instance instance = new InstanceBuilder()
            .SetServer(1000, 1e6)
            .AddBlock("a", 10).AddBlock("b", 20)
            .AddModel("solo", 0.1, "a")
            .AddModel("twin1", 0.1, "b").AddModel("twin2", 0.1, "b")
            .Build();

        BottomLayerStructure structure = BottomLayerStructure.Detect(instance, out _)!;

        Assert.That(structure.Clusters.Length, Is.EqualTo(2));
        Assert.That(structure.BackboneMb, Is.EqualTo(new[] { 0.0, 20.0 }));
        Assert.That(structure.HeadMb, Is.EqualTo(new[] { 10.0, 0.0, 0.0 }));
    }
}
