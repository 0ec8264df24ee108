using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// Open children one search gives away (<see cref="SuffixSearch.TryGive"/>) and another searches
/// (<see cref="SuffixSearch.RunShared"/>): a search stopped inside a subtree and drained by another still finds the
/// optimum, so nothing given away is lost or searched wrongly; and the children go shallowest first.
/// </summary>
public class SharedChildTests
{
    private static IEnumerable<TestCaseData> SmallInstances()
    {
        for (int seed = 501; seed <= 530; seed++)
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    /// <summary>16 users: seeds whose search expands 1,400-5,500 labels with the incumbent at the optimum.</summary>
    private static IEnumerable<TestCaseData> LargerInstances()
    {
        foreach (int seed in new[] { 12, 26, 27, 33 })
        {
            foreach (int polls in new[] { 1, 2, 3, 5 })
            {
                yield return new TestCaseData(seed, polls).SetName($"seed {seed}, stopped every {polls} polls");
            }
        }
    }

    [TestCaseSource(nameof(SmallInstances))]
    public void Children_given_away_by_a_stopped_search_and_searched_by_another_give_the_brute_force_optimum(int seed)
    {
        Instance instance = LabelingSolverTests.SmallInstance(seed, weights: true);

        double value = SearchedInTwo(instance, polls: 1, out bool shallowestFirst);

        Assert.That(value, Is.EqualTo(BruteForce.Solve(instance).Value).Within(1e-9));
        Assert.That(shallowestFirst, Is.True, "each child given away lies no deeper than the next");
    }

    [TestCaseSource(nameof(LargerInstances))]
    public void Stopped_deeper_down_and_drained_it_expands_exactly_the_labels_one_search_expands(int seed, int polls)
    {
        // With no label kept and the incumbent fixed at the optimum, whether a label is expanded depends on the label
        // alone, not on the order: a child given away twice or never shows in the count.
        Instance instance = RandomInstances.Create(seed, users: 16, models: 5, sharing: RandomSharing.General, bandwidth: RandomBandwidth.Tight);
        var data = SequencingData.Prepare(instance);
        const double tolerance = ScheduleEvaluator.DeadlineToleranceSeconds;
        var whole = new SuffixSearch(data, 0.0, _ => true, () => false, tolerance);
        whole.Run();
        Assume.That(whole.Completed, Is.True);
        var incumbent = new SharedIncumbent(whole.Incumbent);
        List<SuffixSearch.Subtree> subtrees = new SuffixSearch(data, incumbent, NothingKept(data), _ => true, () => false, tolerance).Split(out _);

        var one = new SuffixSearch(data, incumbent, NothingKept(data), _ => true, () => false, tolerance);
        foreach (SuffixSearch.Subtree subtree in subtrees)
        {
            Assert.That(one.RunSubtree(subtree), Is.True);
        }

        ShardedLabelStore store = NothingKept(data);
        var taker = new SuffixSearch(data, incumbent, store, _ => true, () => false, tolerance);
        long givers = 0;
        int given = 0;
        int seen = 0;
        foreach (SuffixSearch.Subtree subtree in subtrees)
        {
            // Every polls-th poll, counted over the subtrees, so that the stops fall at many depths.
            var giver = new SuffixSearch(data, incumbent, store, _ => true, () => ++seen % polls == 0, tolerance);
            if (!giver.RunSubtree(subtree))
            {
                while (giver.TryGive(out SuffixSearch.SharedChild shared))
                {
                    given++;
                    Assert.That(taker.RunShared(shared), Is.True);
                }
            }

            givers += giver.Expanded;
        }

        Assert.That(given, Is.Positive, "some children were given away");
        Assert.That(givers + taker.Expanded, Is.EqualTo(one.Expanded));
        Assert.That(incumbent.Value, Is.EqualTo(whole.Incumbent));
    }

    /// <summary>A store that keeps no label, so that nothing is dropped for a label seen before: full from the start
    /// with one label under a key no search uses (model −1).</summary>
    private static ShardedLabelStore NothingKept(SequencingData data)
    {
        var store = new ShardedLabelStore(1, 1, data.Count);
        store.IsDominatedElseAdd(UserSet.Empty, -1, 0.0, 0.0, 0.0);
        Assert.That(store.IsFull || store.Count == 1, Is.True);
        return store;
    }

    /// <summary>
    /// Every two-user subtree run by a search that stops at its <paramref name="polls"/>-th poll, then whatever it left
    /// open taken from it, child by child, by a second search that never stops; the best value found.
    /// </summary>
    private static double SearchedInTwo(Instance instance, int polls, out bool shallowestFirst)
    {
        var data = SequencingData.Prepare(instance);
        var incumbent = new SharedIncumbent(0.0);
        var store = new ShardedLabelStore(2, 1 << 22, data.Count);
        const double tolerance = ScheduleEvaluator.DeadlineToleranceSeconds;
        var splitter = new SuffixSearch(data, incumbent, store, _ => true, () => false, tolerance);
        List<SuffixSearch.Subtree> subtrees = splitter.Split(out bool splitWhole);
        Assert.That(splitWhole, Is.True);

        var taker = new SuffixSearch(data, incumbent, store, _ => true, () => false, tolerance);
        shallowestFirst = true;
        foreach (SuffixSearch.Subtree subtree in subtrees)
        {
            int seen = 0;
            var giver = new SuffixSearch(data, incumbent, store, _ => true, () => ++seen >= polls, tolerance);
            if (giver.RunSubtree(subtree))
            {
                continue;
            }

            int depth = 0;
            while (giver.TryGive(out SuffixSearch.SharedChild shared))
            {
                shallowestFirst &= shared.Suffix.Length >= depth;
                depth = shared.Suffix.Length;
                Assert.That(taker.RunShared(shared), Is.True);
            }
        }

        return incumbent.Value;
    }
}
