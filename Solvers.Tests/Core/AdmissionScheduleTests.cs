using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

public class AdmissionScheduleTests
{
    [Test]
    public void Each_admission_decision_equals_the_reference_feasibility_of_the_extended_order([Range(1, 80)] int seed)
    {
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 14, models: 5, bandwidth: RandomBandwidth.Tight, initialModel: seed % 2 == 0,
            sharing: seed % 4 == 0 ? RandomSharing.BottomLayer : RandomSharing.General);
        var schedule = new AdmissionSchedule(instance);
        var admitted = new List<int>();

        foreach (int user in Enumerable.Range(0, instance.Users.Length).OrderBy(_ => random.Next()))
        {
            bool expected = ReferenceModel.IsFeasibleOrder(instance, [.. admitted, user]);
            Assert.That(schedule.CanAppend(user), Is.EqualTo(expected), $"can append {user} after [{string.Join(",", admitted)}]");
            Assert.That(schedule.TryAppend(user), Is.EqualTo(expected));
            if (expected)
            {
                admitted.Add(user);
            }
        }

        Assert.That(schedule.Order, Is.EqualTo(admitted));
        Assert.That(schedule.TotalLeastBandwidthHz, Is.EqualTo(ReferenceModel.TotalLeastBandwidth(instance, admitted)).Within(1e-7).Percent);
        Schedule result = schedule.ToSchedule();
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, result.Order, result.BandwidthsHz), Is.True);
    }

    [Test]
    public void Order_plan_gives_the_default_split_with_the_surplus_in_proportion()
    {
        Instance instance = RandomInstances.Create(3, users: 5, models: 3, bandwidth: RandomBandwidth.Ample);
        OrderPlan plan = OrderPlanner.Plan(instance, [0]);

        Schedule schedule = plan.ToSchedule();

        Assert.That(plan.IsFeasible, Is.True);
        Assert.That(schedule.BandwidthsHz.Single(), Is.EqualTo(instance.Server.BandwidthHz).Within(1e-9).Percent, "one user gets everything");
    }

    [Test]
    public void An_infeasible_order_has_no_schedule()
    {
        Instance instance = RandomInstances.Create(5, users: 9, models: 3);
        int[] everybody = [.. Enumerable.Range(0, 9)];
        OrderPlan plan = OrderPlanner.Plan(instance, everybody);

        Assume.That(plan.IsFeasible, Is.False);
        Assert.That(() => plan.ToSchedule(), Throws.InvalidOperationException);
    }
}
