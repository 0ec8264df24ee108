using PartialLoading.Bounds;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Tests.DynamicProgramming.Labeling;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// Which models the time-indexed program holds as one and which share one subset of served users
/// (<see cref="TimeIndexedModelGroups"/>), and that the bound stays above the optimum where they do: a group's clusters
/// keep one subset across the switches between them, so a wrong load, inference or subset would show as a bound below a
/// schedule.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TimeIndexedModelGroupsTests
{
    [Test]
    public void Merges_two_models_that_share_a_backbone_and_keeps_a_third_apart()
    {
        // A and B switch by a 20 MB head; into them from C costs a 400 MB backbone and a head.
        Instance instance = PairAndThird(backboneMb: 400, headMb: 20, usersOfA: 1);

        int[][] groups = Groups(instance, tracked: 10);

        Assert.That(groups.Select(g => g.Order().ToArray()), Is.EquivalentTo(new[] { new[] { 0, 1 }, new[] { 2 } }));
    }

    [Test]
    public void Keeps_a_cheap_pair_apart_when_its_users_pass_the_tracked_subset()
    {
        Instance instance = PairAndThird(backboneMb: 400, headMb: 20, usersOfA: 2);

        Assert.That(Groups(instance, tracked: 2), Has.Length.EqualTo(3));
        Assert.That(Groups(instance, tracked: 3), Has.Length.EqualTo(2));
    }

    [Test]
    public void Merges_models_that_switch_within_a_step_whatever_their_users()
    {
        // A and B have the same blocks: switching takes no time, and their three users pass a tracked subset of two.
        Instance instance = PairAndThird(backboneMb: 400, headMb: 0, usersOfA: 2);

        Assert.That(Groups(instance, tracked: 2).Select(g => g.Order().ToArray()), Is.EquivalentTo(new[] { new[] { 0, 1 }, new[] { 2 } }));
    }

    [Test]
    public void Keeps_a_pair_apart_whose_switch_costs_more_than_a_load_into_it_from_outside()
    {
        // A → B loads 400 MB where A loads from empty memory in 50 MB: paths would not go back and forth between them.
        Instance instance = new InstanceBuilder("dear-switch").AddBlock("a", 50).AddBlock("b", 400).AddBlock("c", 300)
            .AddModel("A", 0.02, ["a"]).AddModel("B", 0.02, ["b"]).AddModel("C", 0.02, ["c"]).SetServer(1000, 1e12, -174, null)
            .AddUser("a1", "A", 1, 1.0, 0.2, -100).AddUser("b1", "B", 1, 1.0, 0.2, -100).AddUser("c1", "C", 1, 1.0, 0.2, -100).Build();

        Assert.That(Groups(instance, tracked: 10), Has.Length.EqualTo(3));
    }

    [Test]
    public void Holds_a_cheap_pair_as_two_clusters_of_one_group()
    {
        // A ↔ B by a 20 MB head: one group of two clusters, each with its own loads, at a step shorter than the switch.
        Instance instance = PairAndThird(backboneMb: 400, headMb: 20, usersOfA: 1);
        var data = RelaxationData.Of(instance);

        TimeIndexedModelGroups.Partition partition = TimeIndexedModelGroups.Of(data, data.RequestedModels(), 10, 1e-6);

        Assert.That(partition.Clusters, Has.Length.EqualTo(3));
        Assert.That(partition.GroupOf.Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Bound_charges_a_switch_between_two_models_of_a_group()
    {
        // A and B (one group) load in 0.42 s from empty memory and switch in 0.02 s; a user of each is due at 0.47 s
        // with 0.02 s of inference. Both would fit if the switch were free (0.46 s); with it only one does.
        Instance instance = PairAndThird(backboneMb: 400, headMb: 20, usersOfA: 1, deadlineSeconds: 0.47, withThird: false);
        var data = RelaxationData.Of(instance);
        Assume.That(TimeIndexedModelGroups.Of(data, data.RequestedModels(), 10, 0.0025).GroupOf.Distinct().Count(), Is.EqualTo(1));

        RelaxationBound bound = new TimeIndexedBound().Compute(instance, BoundBudget.Unlimited);

        Assert.That(BruteForce.Solve(instance).Value, Is.EqualTo(1.0));
        Assert.That(bound.Value, Is.EqualTo(1.0), bound.Note);
    }

    [Test]
    public void Bound_whose_coarse_steps_group_models_otherwise_is_at_least_the_optimum()
    {
        // With 7 tracked users m07 and m10 form a group without m06, with 10 all three: the two programs number their
        // users differently, and the coarse steps once read the full program's bandwidth floors (U 17.16 < 18).
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("synthetic-general-30"));
        Assume.That(Groups(instance, tracked: 7, stepSeconds: 0.002), Is.Not.EquivalentTo(Groups(instance, tracked: 10, stepSeconds: 0.002)));

        RelaxationBound bound = new TimeIndexedBound(iterations: 500, coarseSteps: 1000).Compute(instance, BoundBudget.Unlimited);

        Assert.That(bound.Value, Is.GreaterThanOrEqualTo(18.0), bound.Note);
    }

    [Test]
    public void Bound_with_groups_is_at_least_the_brute_force_optimum()
    {
        // Bottom-layer instances with clusters of several models: their heads switch far cheaper than a backbone loads.
        var relaxation = new TimeIndexedBound(iterations: 1500);
        int grouped = 0;
        for (int seed = 1; seed <= 40; seed++)
        {
            Instance instance = RandomInstances.Create(9900 + seed, users: 6 + (seed % 2), models: 3 + (seed % 3), sharing: RandomSharing.BottomLayer, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, weighted: seed % 5 == 0, initialModel: seed % 3 == 0);
            if (Groups(instance, tracked: 10).All(g => g.Length == 1))
            {
                continue;
            }

            grouped++;
            double optimum = BruteForce.Solve(instance).Value;

            RelaxationBound bound = relaxation.Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
        }

        Assert.That(grouped, Is.GreaterThanOrEqualTo(15), "too few instances form a group to test against");
    }

    [Test]
    public void Bound_with_a_group_past_the_tracked_users_is_at_least_the_brute_force_optimum()
    {
        // A twin of model 0 switches in no time: merged whatever the users, with one tracked user per batch the rest repeat.
        int grouped = 0;
        for (int seed = 1; seed <= 24; seed++)
        {
            Instance instance = InstanceVariants.WithTwin(RandomInstances.Create(9950 + seed, users: 6 + (seed % 2), models: 2 + (seed % 3), bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, weighted: seed % 5 == 0, initialModel: seed % 3 == 0));
            double optimum = BruteForce.Solve(instance).Value;
            foreach (int tracked in new[] { 1, 10 })
            {
                RelaxationBound bound = new TimeIndexedBound(iterations: 1500, trackedUsers: tracked).Compute(instance, BoundBudget.Unlimited);

                Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum), $"seed {seed}, {tracked} tracked: {RandomInstances.Describe(instance)}; {bound.Note}");
            }

            grouped += Groups(instance, tracked: 1, stepSeconds: 0.001).Any(g => g.Length > 1 && g.Sum(m => instance.Users.Count(u => u.Model == m)) > 1) ? 1 : 0;
        }

        Assert.That(grouped, Is.GreaterThanOrEqualTo(12), "too few twins with users past one tracked to test against");
    }

    [Test]
    public void The_window_and_node_bound_suites_cover_groups()
    {
        // Those suites (TimeIndexedStartWindowsTests, TimeIndexedNodeBoundTests) check tables, windows and the search
        // against enumerated sequences on these instances; some of them must form groups for that to cover grouping.
        int grouped = TimeIndexedNodeBoundTests.Instances()
            .Select(c => TimeIndexedNodeBoundTests.Create((int)c.Arguments[0]!))
            .Count(instance => Groups(instance, tracked: 10).Any(g => g.Length > 1));

        Assert.That(grouped, Is.GreaterThanOrEqualTo(3));
    }

    /// <summary>
    /// Models A and B on a shared backbone with a head each (<paramref name="headMb"/> 0: no heads, the same blocks), C on
    /// a 300 MB block of its own; one user of B and (<paramref name="withThird"/>) of C, <paramref name="usersOfA"/> of A, all due at <paramref name="deadlineSeconds"/>.
    /// </summary>
    private static Instance PairAndThird(double backboneMb, double headMb, int usersOfA, double deadlineSeconds = 1.0, bool withThird = true)
    {
        var builder = new InstanceBuilder("pair-and-third").AddBlock("backbone", backboneMb).AddBlock("c", 300);
        string[] blocksOfA = ["backbone"];
        string[] blocksOfB = ["backbone"];
        if (headMb > 0)
        {
            builder.AddBlock("headA", headMb).AddBlock("headB", headMb);
            blocksOfA = ["backbone", "headA"];
            blocksOfB = ["backbone", "headB"];
        }

        builder.AddModel("A", 0.02, blocksOfA).AddModel("B", 0.02, blocksOfB).AddModel("C", 0.02, ["c"]).SetServer(1000, 1e12, -174, null);
        for (int k = 0; k < usersOfA; k++)
        {
            builder.AddUser($"a{k}", "A", 1, deadlineSeconds, 0.2, -100);
        }

        builder.AddUser("b1", "B", 1, deadlineSeconds, 0.2, -100);
        return (withThird ? builder.AddUser("c1", "C", 1, deadlineSeconds, 0.2, -100) : builder).Build();
    }

    private static int[][] Groups(Instance instance, int tracked, double stepSeconds = 1e-6)
    {
        var data = RelaxationData.Of(instance);
        return TimeIndexedModelGroups.Of(data, data.RequestedModels(), tracked, stepSeconds).Groups;
    }
}
