using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Heuristics;

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
    public void On_long_schedules_each_decision_equals_the_order_planners([Range(1, 40)] int seed)
    {
        // Long enough for the bounds to decide most checks and for the exact re-summation to be needed near the
        // budget; the planner recomputes the whole order from scratch each time.
        Instance instance = RandomInstances.Long(seed, users: 300, commonDeadline: seed % 2 == 0);
        var schedule = new AdmissionSchedule(instance);
        var admitted = new List<int>();

        foreach (int user in Offered(instance, seed))
        {
            bool expected = OrderPlanner.Plan(instance, [.. admitted, user]).IsFeasible;
            Assert.That(schedule.CanAppend(user), Is.EqualTo(expected), $"can append {user} as number {admitted.Count + 1}");
            Assert.That(schedule.TryAppend(user), Is.EqualTo(expected));
            if (expected)
            {
                admitted.Add(user);
            }
        }

        Assert.That(schedule.Order, Is.EqualTo(admitted));
        Assert.That(schedule.TotalLeastBandwidthHz, Is.EqualTo(OrderPlanner.Plan(instance, admitted).TotalLeastBandwidthHz).Within(1e-9).Percent);
        Schedule result = schedule.ToSchedule();
        Assert.That(ReferenceModel.IsFeasibleSchedule(instance, result.Order, result.BandwidthsHz), Is.True);
    }

    [Test]
    public void The_long_cases_cover_both_decisions_by_bounds_and_exact_resummation()
    {
        // Guards the test above against instances too easy to reach the exact path (or too hard to need bounds).
        int resummed = 0;
        int boundsOnly = 0;
        for (int seed = 1; seed <= 40; seed++)
        {
            Instance instance = RandomInstances.Long(seed, users: 300, commonDeadline: seed % 2 == 0);
            var schedule = new AdmissionSchedule(instance);
            foreach (int user in Offered(instance, seed))
            {
                schedule.TryAppend(user);
            }

            if (schedule.ResummedPositions > 0)
            {
                resummed++;
            }
            else if (schedule.Count > 50)
            {
                boundsOnly++;
            }
        }

        Assert.That(resummed, Is.GreaterThanOrEqualTo(8));
        Assert.That(boundsOnly, Is.GreaterThanOrEqualTo(8));
    }

    [TestCase(true, 1e12)]
    [TestCase(true, 0.0)]
    [TestCase(false, 0.0)]
    public void A_long_schedule_resums_far_fewer_positions_than_one_per_earlier_position_per_append(bool commonDeadline, double budgetHz)
    {
        // The backward walk of latest starts touches every earlier position on each append under a common deadline
        // (n²/2 β evaluations in all); the bounds must avoid that, with ample and with binding bandwidth (budget 0:
        // half of what serving the ample schedule needs, so it binds midway).
        const int Users = 3000;
        Instance ample = RandomInstances.Long(11, Users, commonDeadline, budgetHz: 1e12);
        var probe = new AdmissionSchedule(ample);
        foreach (int user in Offered(ample, seed: 0))
        {
            probe.TryAppend(user);
        }

        Instance instance = budgetHz > 0 ? ample : RandomInstances.Long(11, Users, commonDeadline, budgetHz: 0.5 * probe.TotalLeastBandwidthHz);
        var schedule = new AdmissionSchedule(instance);
        foreach (int user in Offered(instance, seed: 0))
        {
            schedule.TryAppend(user);
        }

        Assert.That(schedule.Count, Is.GreaterThan(Users / 10), "a meaningful schedule");
        Assert.That(schedule.ResummedPositions, Is.LessThanOrEqualTo(25L * schedule.Count), $"{schedule.Count} admitted");
    }

    /// <summary>Users grouped by model and by deadline within (as a greedy offers them) for seeds ≡ 0, 1 mod 4, else shuffled.</summary>
    private static IEnumerable<int> Offered(Instance instance, int seed)
    {
        int[] users = [.. Enumerable.Range(0, instance.Users.Length)];
        if (seed % 4 < 2)
        {
            return users.OrderBy(k => instance.Users[k].Model).ThenBy(k => instance.Users[k].DeadlineSeconds);
        }

        new Random(seed).Shuffle(users);
        return users;
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
