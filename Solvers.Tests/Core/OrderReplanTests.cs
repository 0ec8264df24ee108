using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

public class OrderReplanTests
{
    [Test]
    public void Replanning_after_a_local_change_gives_the_plan_bit_for_bit([Range(1, 12)] int seed)
    {
        Instance instance = RandomInstances.Long(seed, users: 80, commonDeadline: seed % 3 == 0);
        var random = new Random(seed);
        List<int> order = [.. Enumerable.Range(0, instance.Users.Length).OrderBy(_ => random.Next()).Take(50)];
        OrderPlan previous = OrderPlanner.Plan(instance, order);
        for (int change = 0; change < 20; change++)
        {
            // A window reversed, a user dropped and an unserved one inserted: what an lns move does.
            int start = random.Next(order.Count - 5);
            order.Reverse(start, 1 + random.Next(5));
            order.RemoveAt(random.Next(order.Count));
            int unserved = Enumerable.Range(0, instance.Users.Length).First(u => !order.Contains(u));
            order.Insert(random.Next(order.Count + 1), unserved);

            OrderPlan replanned = OrderPlanner.Replan(instance, order, previous);
            OrderPlan planned = OrderPlanner.Plan(instance, order);

            Assert.That(replanned.Order, Is.EqualTo(planned.Order));
            Assert.That(replanned.FirstLatePosition, Is.EqualTo(planned.FirstLatePosition));
            Assert.That(replanned.LatestStartsSeconds, Is.EqualTo(planned.LatestStartsSeconds));
            Assert.That(replanned.LeastBandwidthsHz, Is.EqualTo(planned.LeastBandwidthsHz));
            Assert.That(replanned.TotalLeastBandwidthHz, Is.EqualTo(planned.TotalLeastBandwidthHz));
            previous = replanned;
        }
    }
}
