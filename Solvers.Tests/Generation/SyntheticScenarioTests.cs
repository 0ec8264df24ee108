using PartialLoading.Cli.Sharing;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using PartialLoading.Generation.Scenarios;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Generation;

public class SyntheticScenarioTests
{
    [TestCase("synthetic-general")]
    [TestCase("synthetic-bottom")]
    public void A_sharing_ratio_of_zero_shares_nothing(string name)
    {
        Instance instance = ScenarioRegistry.Get(name).Generate(new GenerationRequest { Users = 20, Seed = 4, SharingRatio = 0 });

        Assert.That(SharingStatistics.Of(instance).SharedMb, Is.Zero);
    }

    [TestCase("synthetic-general")]
    [TestCase("synthetic-bottom")]
    public void A_higher_sharing_ratio_shares_more(string name)
    {
        IScenario scenario = ScenarioRegistry.Get(name);
        double Shared(double ratio) => SharingStatistics.Of(scenario.Generate(new GenerationRequest { Users = 20, Seed = 6, Models = 24, SharingRatio = ratio })).SharedFraction;

        Assert.That(Shared(0.8), Is.GreaterThan(Shared(0.5)));
        Assert.That(Shared(0.5), Is.GreaterThan(Shared(0.2)));
    }

    [Test]
    public void Synthetic_general_shares_layers_at_every_depth()
    {
        Instance instance = new SyntheticGeneralScenario().Generate(new GenerationRequest { Users = 10, Seed = 1, Models = 20 });
        int[][] holders = [.. instance.Blocks.Select((_, j) => instance.Models.Select((m, i) => (m, i)).Where(x => x.m.Blocks.Contains(j)).Select(x => x.i).ToArray())];

        var sharedLayers = instance.Blocks.Where((b, j) => holders[j].Length > 1).Select(b => b.Id.Split('-')[0]).Distinct();

        Assert.That(sharedLayers, Is.EquivalentTo(Enumerable.Range(1, SyntheticGeneralScenario.Layers).Select(l => $"L{l}")));
    }

    [Test]
    public void Synthetic_bottom_has_the_requested_clusters_and_a_backbone_in_each_shared_one()
    {
        Instance instance = new SyntheticBottomScenario().Generate(new GenerationRequest { Users = 10, Seed = 2, Models = 12, Clusters = 4 });

        BottomLayerStructure structure = BottomLayerStructure.Detect(instance, out string? whyNot) ?? throw new AssertionException(whyNot!);

        Assert.That(structure.Clusters, Has.Length.EqualTo(4));
        Assert.That(Enumerable.Range(0, 4).Where(q => structure.Clusters[q].Length > 1).Select(q => structure.BackboneMb[q]), Has.All.GreaterThan(0));
        Assert.That(structure.Clusters.Count(c => c.Length > 1), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Fewer_models_than_the_default_clusters_get_one_cluster_each_unless_clusters_are_given()
    {
        // resnet50-finetune and synthetic-bottom default to 3 clusters; 2 models used to be refused for it.
        Instance instance = new ResNet50FinetuneScenario().Generate(new GenerationRequest { Users = 15, Seed = 7271, Models = 2, Deadlines = DeadlineMode.Common });
        BottomLayerStructure structure = BottomLayerStructure.Detect(instance, out string? whyNot) ?? throw new AssertionException(whyNot!);

        Assert.That(instance.Models, Has.Length.EqualTo(2));
        Assert.That(structure.Clusters, Has.Length.LessThanOrEqualTo(2));
        Assert.That(() => new SyntheticBottomScenario().Generate(new GenerationRequest { Users = 5, Models = 2, Clusters = 3 }), Throws.TypeOf<GenerationRequestException>().With.Message.Contains("between 1 and the number of models (2)"));
    }

    [Test]
    public void The_bandwidth_binds_on_some_default_synthetic_general_instances()
    {
        // The same users with a thousand times the band: where edd then serves more, the bandwidth decided.
        int binding = 0;
        for (int seed = 1; seed <= 10; seed++)
        {
            Instance instance = new SyntheticGeneralScenario().Generate(new GenerationRequest { Users = 30, Seed = seed });
            Instance wide = InstanceVariants.WithBandwidth(instance, instance.Server.BandwidthHz * 1000);
            double tight = SolverRunner.Run(new EarliestDeadlineBaseline(), instance).Value;
            double ample = SolverRunner.Run(new EarliestDeadlineBaseline(), wide).Value;
            Assert.That(ample, Is.GreaterThanOrEqualTo(tight));
            binding += ample > tight ? 1 : 0;
        }

        Assert.That(binding, Is.InRange(1, 9), "the bandwidth binds sometimes, not always");
    }

    [Test]
    public void Refuses_knobs_the_scenario_does_not_take_and_values_out_of_range()
    {
        var general = new SyntheticGeneralScenario();
        var bottom = new SyntheticBottomScenario();

        Assert.Multiple(() =>
        {
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, Clusters = 2 }), Throws.TypeOf<GenerationRequestException>().With.Message.EqualTo("scenario 'synthetic-general' does not take a number of clusters"));
            Assert.That(() => general.Generate(new GenerationRequest { Users = -1 }), Throws.TypeOf<GenerationRequestException>().With.Message.Contains("at least 0, got -1"));
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, SharingRatio = 1 }), Throws.TypeOf<GenerationRequestException>().With.Message.Contains("[0, 1)"));
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, Models = 0 }), Throws.TypeOf<GenerationRequestException>());
            Assert.That(() => bottom.Generate(new GenerationRequest { Users = 5, Models = 3, Clusters = 4 }), Throws.TypeOf<GenerationRequestException>().With.Message.Contains("between 1 and the number of models (3)"));
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, BandwidthHz = 0 }), Throws.TypeOf<GenerationRequestException>());
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, LoadRateMbPerSecond = double.NaN }), Throws.TypeOf<GenerationRequestException>());
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, ZipfExponent = -0.5 }), Throws.TypeOf<GenerationRequestException>());
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, CellRadiusMeters = 5 }), Throws.TypeOf<GenerationRequestException>());
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, LoadFactor = 0 }), Throws.TypeOf<GenerationRequestException>());
            Assert.That(() => general.Generate(new GenerationRequest { Users = 5, CommonDeadlineSeconds = 1, Deadlines = DeadlineMode.PerUser }), Throws.TypeOf<GenerationRequestException>());
        });
    }

    [Test]
    public void A_smaller_load_factor_gives_later_deadlines_and_serves_more()
    {
        // A band so wide it never binds, so only the deadlines decide.
        var scenario = new SyntheticGeneralScenario();
        Instance tight = scenario.Generate(new GenerationRequest { Users = 30, Seed = 3, LoadFactor = 3, BandwidthHz = 1e10 });
        Instance loose = scenario.Generate(new GenerationRequest { Users = 30, Seed = 3, LoadFactor = 0.5, BandwidthHz = 1e10 });

        Assert.That(loose.Users.Zip(tight.Users).All(p => p.First.DeadlineSeconds >= p.Second.DeadlineSeconds), Is.True);
        Assert.That(SolverRunner.Run(new EarliestDeadlineBaseline(), loose).Value, Is.GreaterThan(SolverRunner.Run(new EarliestDeadlineBaseline(), tight).Value));
    }
}
