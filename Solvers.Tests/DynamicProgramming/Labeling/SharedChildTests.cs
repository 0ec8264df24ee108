using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// Open children one search gives away (<see cref="SuffixSearch.TryGive"/>) and another searches
/// (<see cref="SuffixSearch.RunShared"/>): a search stopped inside its subtrees and drained by another searches exactly
/// what one search does, and the children go shallowest first.
/// </summary>
public class SharedChildTests
{
    private const double Tolerance = ScheduleEvaluator.DeadlineToleranceSeconds;

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

    [TestCaseSource(typeof(ParallelSuffixSearchTests), nameof(ParallelSuffixSearchTests.Instances))]
    public void Children_given_away_by_a_stopped_search_and_searched_by_another_give_the_brute_force_optimum(int seed)
    {
        Instance instance = LabelingSolverTests.SmallInstance(seed, weights: true);
        var data = SequencingData.Prepare(instance);
        var incumbent = new SharedIncumbent(0.0);
        var store = new ShardedLabelStore(2, 1 << 22, data.Count);

        Drained drained = Drain(data, incumbent, store, polls: 1);

        Assert.That(incumbent.Value, Is.EqualTo(BruteForce.Solve(instance).Value).Within(1e-9));
        Assert.That(drained.ShallowestFirst, Is.True, "each child given away lies no deeper than the next");
    }

    [TestCaseSource(nameof(LargerInstances))]
    public void Stopped_deeper_down_and_drained_it_expands_exactly_the_labels_one_search_expands(int seed, int polls)
    {
        // With no label kept and the incumbent fixed at the optimum, whether a label is expanded depends on the label
        // alone, not on the order: a child given away twice or never shows in the count.
        Instance instance = RandomInstances.Create(seed, users: 16, models: 5, sharing: RandomSharing.General, bandwidth: RandomBandwidth.Tight);
        var data = SequencingData.Prepare(instance);
        var whole = new SuffixSearch(data, 0.0, _ => true, () => false, Tolerance);
        whole.Run();
        Assume.That(whole.Completed, Is.True);
        var incumbent = new SharedIncumbent(whole.Incumbent);
        var one = new SuffixSearch(data, incumbent, NothingKept(data), _ => true, () => false, Tolerance);
        foreach (SuffixSearch.Subtree subtree in one.Split(out _))
        {
            Assert.That(one.RunSubtree(subtree), Is.True);
        }

        Drained drained = Drain(data, incumbent, NothingKept(data), polls);

        Assert.That(drained.Given, Is.Positive, "some children were given away");
        Assert.That(drained.Expanded, Is.EqualTo(one.Expanded));
        Assert.That(drained.ShallowestFirst, Is.True, "each child given away lies no deeper than the next");
        Assert.That(incumbent.Value, Is.EqualTo(whole.Incumbent));
    }

    /// <summary>The labels a drained search and its taker expanded (the split's included), the children given away,
    /// and whether each came no deeper than the next from the same search.</summary>
    private sealed record Drained(long Expanded, int Given, bool ShallowestFirst);

    /// <summary>
    /// Every two-user subtree run by its own search that stops at every <paramref name="polls"/>-th poll (counted over
    /// the subtrees, so that the stops fall at many depths), then whatever it left open taken from it, child by child,
    /// by one search that never stops.
    /// </summary>
    private static Drained Drain(SequencingData data, SharedIncumbent incumbent, ShardedLabelStore store, int polls)
    {
        var splitter = new SuffixSearch(data, incumbent, store, _ => true, () => false, Tolerance);
        List<SuffixSearch.Subtree> subtrees = splitter.Split(out bool whole);
        Assert.That(whole, Is.True);

        var taker = new SuffixSearch(data, incumbent, store, _ => true, () => false, Tolerance);
        long expanded = splitter.Expanded;
        int given = 0;
        bool shallowestFirst = true;
        int seen = 0;
        foreach (SuffixSearch.Subtree subtree in subtrees)
        {
            var giver = new SuffixSearch(data, incumbent, store, _ => true, () => ++seen % polls == 0, Tolerance);
            if (!giver.RunSubtree(subtree))
            {
                int depth = 0;
                while (giver.TryGive(out SuffixSearch.SharedChild shared))
                {
                    given++;
                    shallowestFirst &= shared.Suffix.Length >= depth;
                    depth = shared.Suffix.Length;
                    Assert.That(taker.RunShared(shared), Is.True);
                }
            }

            expanded += giver.Expanded;
        }

        return new Drained(expanded + taker.Expanded, given, shallowestFirst);
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
}
