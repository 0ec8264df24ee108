using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// The two-thread search stopped at every point of its split and of its subtrees: what it reports open still bounds
/// the brute-force optimum, and a search that ran to the end holds the optimum.
/// </summary>
public class ParallelSuffixSearchTests
{
    private static IEnumerable<TestCaseData> Instances()
    {
        for (int seed = 501; seed <= 530; seed++)
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    [TestCaseSource(nameof(Instances))]
    public void Stopped_after_any_number_of_polls_its_open_bound_holds_the_optimum(int seed)
    {
        Instance instance = RandomInstances.Create(
            seed,
            users: 6 + (seed % 4),
            models: 3 + (seed % 3),
            sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General,
            bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight,
            commonDeadline: seed % 7 == 0,
            weighted: seed % 4 == 1,
            initialModel: seed % 5 == 2);
        double optimum = BruteForce.Solve(instance).Value;
        var data = SequencingData.Prepare(instance);

        // Polled once per first user while splitting, then every so often by each thread: stopping after 1..12 polls
        // stops inside the split and, on the larger instances, inside the subtrees.
        for (int polls = 1; polls <= 12; polls++)
        {
            int seen = 0;
            var incumbent = new SharedIncumbent(0.0);
            var search = new ParallelSuffixSearch(
                data, incumbent, new ShardedLabelStore(2, 1 << 16), threads: 2, (_, _) => true, () => Interlocked.Increment(ref seen) > polls, ScheduleEvaluator.DeadlineToleranceSeconds);

            search.Run();

            if (search.Completed)
            {
                Assert.That(incumbent.Value, Is.EqualTo(optimum).Within(1e-9), $"completed after {polls} polls");
            }
            else
            {
                Assert.That(search.OpenBound(), Is.GreaterThanOrEqualTo(optimum - 1e-9), $"stopped after {polls} polls");
                Assert.That(incumbent.Value, Is.LessThanOrEqualTo(optimum + 1e-9));
            }
        }
    }
}
