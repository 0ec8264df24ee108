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
    /// <summary>Seeds of <see cref="LabelingSolverTests.SmallInstance"/>, 6-9 users: brute force decides them.</summary>
    internal static IEnumerable<TestCaseData> Instances()
    {
        for (int seed = 501; seed <= 530; seed++)
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    [TestCaseSource(nameof(Instances))]
    public void Stopped_after_any_number_of_polls_its_open_bound_holds_the_optimum(int seed)
    {
        Instance instance = LabelingSolverTests.SmallInstance(seed, weights: true);
        double optimum = BruteForce.Solve(instance).Value;
        var data = SequencingData.Prepare(instance);

        // Polled once per first user while splitting (6-9 here), then by each thread at its first subtree and every
        // 1,024 bounds after: stopping after 1..12 polls stops at every point of the split and as the threads start.
        for (int polls = 1; polls <= 12; polls++)
        {
            int seen = 0;
            var incumbent = new SharedIncumbent(0.0);
            var search = new ParallelSuffixSearch(
                data, incumbent, new ShardedLabelStore(2, 1 << 22, data.Count), threads: 2, (_, _) => true, () => Interlocked.Increment(ref seen) > polls, ScheduleEvaluator.DeadlineToleranceSeconds);

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
