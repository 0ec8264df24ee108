using PartialLoading.Bounds;
using PartialLoading.Core.Model;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// The time-indexed relaxation's last check, given a value already reached: whether any of its paths that serve each user
/// at most once is worth one more. A "no" lowers the bound to the value reached, so a wrong "no" is a bound below a
/// feasible schedule; these pin it against brute force, with the multipliers left weak (few subgradient steps) so that
/// the check runs and its pruning is loose, and the check run wherever the bound stands above the value asked.
/// </summary>
public class TimeIndexedElementarySearchTests
{
    /// <summary>60 brute-force-sized instances and their optima, computed once for every case.</summary>
    private static readonly Lazy<List<(int Seed, Instance Instance, double Optimum)>> Optima = new(() =>
        [.. Enumerable.Range(1, 60).Select(seed =>
        {
            Instance instance = RandomInstances.Mixed(9900, seed);
            return (seed, instance, BruteForce.Solve(instance).Value);
        })]);

    private static IEnumerable<TestCaseData> Steps()
    {
        yield return new TestCaseData(1).SetName("after 1 subgradient step");
        yield return new TestCaseData(8).SetName("after 8 subgradient steps");
        yield return new TestCaseData(60).SetName("after 60 subgradient steps");
    }

    [TestCaseSource(nameof(Steps))]
    public void Never_rules_out_a_value_a_schedule_reaches(int steps)
    {
        int searched = 0;
        foreach ((int seed, Instance instance, double optimum) in Optima.Value)
        {
            // Told that one less than the optimum is reached, the check asks whether the optimum is: it is.
            RelaxationBound bound = new TimeIndexedBound(iterations: steps, enough: () => optimum - 1) { RuleOutWindow = double.PositiveInfinity }.Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum - 1e-9), $"seed {seed}: {RandomInstances.Describe(instance)}; {bound.Note}");
            searched += bound.Note!.Contains("serving each user once", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.That(searched, Is.GreaterThanOrEqualTo(10), "too few checks ran to test them");
    }

    [TestCaseSource(nameof(Steps))]
    public void Proves_the_optimum_where_the_priced_bound_stands_above_it(int steps)
    {
        int proved = 0;
        foreach ((int seed, Instance instance, double optimum) in Optima.Value)
        {
            RelaxationBound bound = new TimeIndexedBound(iterations: steps, enough: () => optimum) { RuleOutWindow = double.PositiveInfinity }.Compute(instance, BoundBudget.Unlimited);

            Assert.That(bound.Value, Is.GreaterThanOrEqualTo(optimum - 1e-9), $"seed {seed}: {bound.Note}");
            proved += bound.Note!.Contains("; no path serving each user once", StringComparison.Ordinal) ? 1 : 0;
        }

        TestContext.Out.WriteLine($"{steps} steps: the check proved the optimum on {proved} of 60");
        Assert.That(proved, Is.GreaterThanOrEqualTo(5), "the check should prove what the priced bound leaves open");
    }
}
