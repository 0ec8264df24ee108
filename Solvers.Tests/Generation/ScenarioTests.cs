using PartialLoading.Cli.Sharing;
using PartialLoading.Core;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Generation;

/// <summary>What every scenario promises, checked on each one in <see cref="ScenarioRegistry"/>.</summary>
public class ScenarioTests
{
    private static readonly int[] Seeds = [1, 2, 3, 4, 5];

    public static IEnumerable<string> ScenarioNames() => ScenarioRegistry.Names;

    [TestCaseSource(nameof(ScenarioNames))]
    public void Generates_the_requested_users_and_an_instance_that_reads_back_equal(string name)
    {
        IScenario scenario = ScenarioRegistry.Get(name);
        Instance instance = scenario.Generate(new GenerationRequest { Users = 40, Seed = 3 });
        using var folder = InstanceFolder.Empty();

        InstanceWriter.Write(instance, folder.Path);
        Instance read = InstanceReader.Read(folder.Path);

        Assert.Multiple(() =>
        {
            Assert.That(instance.Users, Has.Length.EqualTo(40));
            Assert.That(instance.Models, Has.Length.EqualTo(scenario.Defaults.Models));
            Assert.That(instance.Server.BandwidthHz, Is.EqualTo(scenario.Defaults.BandwidthHz));
            Assert.That(instance.Server.LoadRateMbPerSecond, Is.EqualTo(scenario.Defaults.LoadRateMbPerSecond));
            Assert.That(read.Users.Select(u => (u.Id, u.Model, u.DataMbit, u.DeadlineSeconds, u.GainDb)), Is.EqualTo(instance.Users.Select(u => (u.Id, u.Model, u.DataMbit, u.DeadlineSeconds, u.GainDb))));
            Assert.That(read.Models.Select(m => (m.Id, m.SizeMb, m.InferenceSeconds)), Is.EqualTo(instance.Models.Select(m => (m.Id, m.SizeMb, m.InferenceSeconds))));
            Assert.That(instance.Users.Select(u => u.PowerWatts).Distinct(), Is.EqualTo(new[] { CellChannel.PowerWatts }));
            Assert.That(instance.Server.NoiseDbmPerHz, Is.EqualTo(CellChannel.NoiseDbmPerHz));
        });
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void The_same_seed_gives_the_same_files_byte_for_byte_and_another_seed_other_files(string name)
    {
        IScenario scenario = ScenarioRegistry.Get(name);
        using var first = InstanceFolder.Empty();
        using var second = InstanceFolder.Empty();
        using var other = InstanceFolder.Empty();

        InstanceWriter.Write(scenario.Generate(new GenerationRequest { Users = 50, Seed = 11 }), first.Path);
        InstanceWriter.Write(scenario.Generate(new GenerationRequest { Users = 50, Seed = 11 }), second.Path);
        InstanceWriter.Write(scenario.Generate(new GenerationRequest { Users = 50, Seed = 12 }), other.Path);

        foreach (string file in InstanceWriter.FileNames)
        {
            Assert.That(File.ReadAllBytes(second.File(file)), Is.EqualTo(File.ReadAllBytes(first.File(file))), file);
        }

        Assert.That(File.ReadAllBytes(other.File("users.csv")), Is.Not.EqualTo(File.ReadAllBytes(first.File("users.csv"))));
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void Has_the_sharing_structure_it_claims(string name)
    {
        IScenario scenario = ScenarioRegistry.Get(name);
        foreach (int seed in Seeds)
        {
            Instance instance = scenario.Generate(new GenerationRequest { Users = 30, Seed = seed });
            BottomLayerStructure? structure = BottomLayerStructure.Detect(instance, out string? whyNot);
            SharingStatistics sharing = SharingStatistics.Of(instance);

            Assert.That(sharing.SharedMb, Is.GreaterThan(0), $"seed {seed}: something is shared");
            if (scenario.Shape == SharingShape.BottomLayer)
            {
                Assert.That(structure, Is.Not.Null, $"seed {seed}: {whyNot}");
                Assert.That(structure!.BackboneMb.Count(b => b > 0), Is.GreaterThanOrEqualTo(1), $"seed {seed}: a cluster with a backbone");
            }
            else
            {
                Assert.That(structure, Is.Null, $"seed {seed}: the structure should be general");
            }
        }
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void Is_neither_trivial_nor_hopeless_for_edd_at_the_defaults(string name)
    {
        IScenario scenario = ScenarioRegistry.Get(name);
        foreach (int seed in Seeds)
        {
            Instance instance = scenario.Generate(new GenerationRequest { Users = 30, Seed = seed });

            SolveReport edd = SolverRunner.Run(new EarliestDeadlineBaseline(), instance);

            Assert.That(edd.Evaluation.Served, Is.InRange(1, 29), $"seed {seed}");
        }
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void The_models_do_not_depend_on_the_number_of_users(string name)
    {
        IScenario scenario = ScenarioRegistry.Get(name);
        using var few = InstanceFolder.Empty();
        using var many = InstanceFolder.Empty();

        InstanceWriter.Write(scenario.Generate(new GenerationRequest { Users = 10, Seed = 5 }), few.Path);
        InstanceWriter.Write(scenario.Generate(new GenerationRequest { Users = 200, Seed = 5 }), many.Path);

        Assert.That(File.ReadAllText(many.File("models.csv")), Is.EqualTo(File.ReadAllText(few.File("models.csv"))));
        Assert.That(File.ReadAllText(many.File("blocks.csv")), Is.EqualTo(File.ReadAllText(few.File("blocks.csv"))));
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void Common_deadlines_are_one_time_frame_and_a_given_deadline_is_used_as_is(string name)
    {
        IScenario scenario = ScenarioRegistry.Get(name);

        Instance framed = scenario.Generate(new GenerationRequest { Users = 30, Seed = 2, Deadlines = DeadlineMode.Common });
        Instance given = scenario.Generate(new GenerationRequest { Users = 30, Seed = 2, CommonDeadlineSeconds = 1.25 });

        Assert.That(framed.Users.Select(u => u.DeadlineSeconds).Distinct().Count(), Is.EqualTo(1));
        Assert.That(given.Users.Select(u => u.DeadlineSeconds).Distinct(), Is.EqualTo(new[] { 1.25 }));
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void Every_user_could_be_served_on_its_own(string name)
    {
        Instance instance = ScenarioRegistry.Get(name).Generate(new GenerationRequest { Users = 60, Seed = 8 });

        for (int k = 0; k < instance.Users.Length; k++)
        {
            Schedule alone = AdmissionControl.Admit(instance, [k]);
            Assert.That(alone.Count, Is.EqualTo(1), instance.Users[k].Id);
        }
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void Zero_users_make_a_valid_empty_instance(string name)
    {
        Instance instance = ScenarioRegistry.Get(name).Generate(new GenerationRequest { Users = 0, Seed = 1 });

        Assert.That(instance.Users, Is.Empty);
        Assert.That(instance.Models, Is.Not.Empty);
    }

    [Test]
    public void Scenario_names_are_unique_and_every_scenario_is_found_by_its_name()
    {
        Assert.That(ScenarioRegistry.Names, Is.Unique);
        foreach (IScenario scenario in ScenarioRegistry.All)
        {
            Assert.That(ScenarioRegistry.Find(scenario.Name), Is.SameAs(scenario));
        }

        Assert.That(() => ScenarioRegistry.Get("nope"), Throws.TypeOf<GenerationRequestException>().With.Message.Contains("synthetic-general").And.Message.Contains("resnet50-finetune"));
    }
}
