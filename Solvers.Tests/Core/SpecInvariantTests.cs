using PartialLoading.Core.Model;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

/// <summary>
/// The two properties of docs/model.md §4 that make prefix pruning sound, checked with the reference model on random
/// instances: inserting a user anywhere never lowers the least bandwidth of the users already there, and a
/// sequence that misses a deadline with instant uploads keeps missing one.
/// </summary>
public class SpecInvariantTests
{
    [Test]
    public void Inserting_a_user_never_lowers_the_least_bandwidth_of_the_others([Range(1, 150)] int seed)
    {
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 7, models: 4, initialModel: seed % 2 == 0);
        List<int> order = [.. Enumerable.Range(0, 7).OrderBy(_ => random.Next()).Take(2 + random.Next(4))];
        int inserted = Enumerable.Range(0, 7).First(k => !order.Contains(k));
        int at = random.Next(order.Count + 1);
        List<int> extended = [.. order];
        extended.Insert(at, inserted);

        double[] before = LeastBandwidths(instance, order);
        double[] after = LeastBandwidths(instance, extended);

        for (int n = 0; n < order.Count; n++)
        {
            int moved = n < at ? n : n + 1;
            Assert.That(after[moved], Is.GreaterThanOrEqualTo(before[n] * (1 - 1e-12)), $"user {order[n]} at {n} → {moved}");
        }
    }

    [Test]
    public void A_sequence_that_misses_a_deadline_stays_infeasible_when_a_user_is_inserted([Range(1, 150)] int seed)
    {
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 8, models: 5, initialModel: seed % 3 == 0);
        List<int> order = [.. Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(3 + random.Next(4))];
        bool late(IReadOnlyList<int> o) => ReferenceModel.EndsWithInstantUploads(instance, o)
            .Zip(o, (e, k) => e > instance.Users[k].DeadlineSeconds + ReferenceModel.DeadlineTolerance).Any(x => x);
        if (!late(order))
        {
            Assert.Pass("this draw meets every deadline; nothing to check");
        }

        int inserted = Enumerable.Range(0, 8).First(k => !order.Contains(k));
        for (int at = 0; at <= order.Count; at++)
        {
            List<int> extended = [.. order];
            extended.Insert(at, inserted);
            Assert.That(late(extended), Is.True, $"insertion at {at}");
        }
    }

    [Test]
    public void A_feasible_sequence_stays_feasible_when_its_last_user_is_removed([Range(1, 100)] int seed)
    {
        // The contrapositive of prefix pruning: every prefix of a feasible sequence is feasible.
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 8, models: 4, bandwidth: RandomBandwidth.Tight);
        List<int> order = [.. Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(1 + random.Next(6))];
        while (order.Count > 0 && !ReferenceModel.IsFeasibleOrder(instance, order))
        {
            order.RemoveAt(order.Count - 1);
        }

        for (int length = order.Count; length >= 0; length--)
        {
            Assert.That(ReferenceModel.IsFeasibleOrder(instance, order.Take(length).ToList()), Is.True);
        }
    }

    private static double[] LeastBandwidths(Instance instance, IReadOnlyList<int> order)
    {
        double[] latest = ReferenceModel.LatestStarts(instance, order);
        return [.. order.Select((k, n) => ReferenceModel.LeastBandwidth(ReferenceModel.SnrBandwidth(instance, instance.Users[k]), instance.Users[k].DataBits, latest[n]))];
    }
}
