using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Input;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

public class ScheduleEvaluatorTests
{
    /// <summary>
    /// R = 100 MB/s; blocks a 20 MB, b 10 MB, c 30 MB; A = {a} (c = 0.1 s), B = {a, b} (0.2 s), C = {c} (0.05 s).
    /// Every user has p = 1 W, g = −144 dB over N0 = −174 dBm/Hz, so a_k = 10^((−144 + 174 + 30)/10) = 10⁶ Hz and
    /// 1 MHz of bandwidth gives r = 10⁶·log2(1 + 1) = 1 Mbit/s. u1: A, 0.25 Mbit, T = 1; u2: B, 0.5 Mbit, T = 1;
    /// u3: C, 1 Mbit, T = 2 (T3 is a parameter). B = 3 MHz.
    /// </summary>
    private static Instance HandInstance(double lastDeadline = 2.0) => new InstanceBuilder("hand")
        .SetServer(loadRateMbPerSecond: 100, bandwidthHz: 3e6, noiseDbmPerHz: -174)
        .AddBlock("a", 20).AddBlock("b", 10).AddBlock("c", 30)
        .AddModel("A", 0.1, "a").AddModel("B", 0.2, "a", "b").AddModel("C", 0.05, "c")
        .AddUser("u1", "A", 0.25, 1.0, 1.0, -144)
        .AddUser("u2", "B", 0.5, 1.0, 1.0, -144)
        .AddUser("u3", "C", 1.0, lastDeadline, 1.0, -144)
        .Build();

    [Test]
    public void Timeline_of_three_users_matches_the_hand_computation()
    {
        // pos 1, u1: load A from empty 20/100 = 0.2; upload 0.25/1 = 0.25; start max(0.2, 0.25) = 0.25; end 0.35
        // pos 2, u2: load B after A = b only, 10/100 = 0.1 → 0.45; upload 0.5; start 0.5; end 0.7
        // pos 3, u3: load C after B = c, 30/100 = 0.3 → 1.0; upload 1.0; start 1.0; end 1.05 ≤ 2
        ScheduleEvaluation evaluation = new ScheduleEvaluator(HandInstance()).Evaluate([0, 1, 2], [1e6, 1e6, 1e6]);

        Assert.That(evaluation.IsFeasible, Is.True, string.Join("; ", evaluation.Violations));
        var t = evaluation.Timeline;
        Assert.Multiple(() =>
        {
            Assert.That(t.Select(e => e.LoadStartSeconds), Is.EqualTo(new[] { 0.0, 0.35, 0.7 }).Within(1e-12));
            Assert.That(t.Select(e => e.LoadSeconds), Is.EqualTo(new[] { 0.2, 0.1, 0.3 }).Within(1e-12));
            Assert.That(t.Select(e => e.UploadEndSeconds), Is.EqualTo(new[] { 0.25, 0.5, 1.0 }).Within(1e-12));
            Assert.That(t.Select(e => e.InferenceStartSeconds), Is.EqualTo(new[] { 0.25, 0.5, 1.0 }).Within(1e-12));
            Assert.That(t.Select(e => e.EndSeconds), Is.EqualTo(new[] { 0.35, 0.7, 1.05 }).Within(1e-12));
            Assert.That(evaluation.Value, Is.EqualTo(3));
            Assert.That(evaluation.MakespanSeconds, Is.EqualTo(1.05).Within(1e-12));
            Assert.That(evaluation.BandwidthUsedHz, Is.EqualTo(3e6));
        });
    }

    [Test]
    public void Without_bandwidths_each_user_gets_exactly_its_least_bandwidth_and_finishes_just_in_time()
    {
        // LS3 = 2 − 0.05 = 1.95; LS2 = min(1 − 0.2, 1.95 − 0.3 − 0.2) = 0.8; LS1 = min(1 − 0.1, 0.8 − 0.1 − 0.1) = 0.6.
        // With β(LS) each upload ends exactly at LS: starts 0.6, 0.8, 1.95; ends 0.7, 1.0, 2.0 (u2, u3 just in time).
        // β1: 0.25 Mbit in 0.6 s, β2: 0.5 in 0.8, β3: 1 in 1.95 — checked against bisection on the rate.
        Instance instance = HandInstance();

        ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate([0, 1, 2], null);

        Assert.That(evaluation.BandwidthDerived, Is.True);
        Assert.That(evaluation.IsFeasible, Is.True, string.Join("; ", evaluation.Violations));
        var t = evaluation.Timeline;
        Assert.Multiple(() =>
        {
            Assert.That(t.Select(e => e.UploadEndSeconds), Is.EqualTo(new[] { 0.6, 0.8, 1.95 }).Within(1e-9));
            Assert.That(t.Select(e => e.EndSeconds), Is.EqualTo(new[] { 0.7, 1.0, 2.0 }).Within(1e-9));
            Assert.That(t[0].BandwidthHz, Is.EqualTo(ReferenceModel.LeastBandwidth(1e6, 0.25e6, 0.6)).Within(1e-9).Percent);
            Assert.That(t[1].BandwidthHz, Is.EqualTo(ReferenceModel.LeastBandwidth(1e6, 0.5e6, 0.8)).Within(1e-9).Percent);
            Assert.That(t[2].BandwidthHz, Is.EqualTo(ReferenceModel.LeastBandwidth(1e6, 1e6, 1.95)).Within(1e-9).Percent);
        });
    }

    [Test]
    public void A_missed_deadline_names_the_user_the_deadline_and_the_lateness()
    {
        ScheduleEvaluation evaluation = new ScheduleEvaluator(HandInstance(lastDeadline: 1.0)).Evaluate([0, 1, 2], [1e6, 1e6, 1e6]);

        Assert.That(evaluation.IsFeasible, Is.False);
        Violation violation = evaluation.Violations.Single();
        Assert.That(violation.Kind, Is.EqualTo(ViolationKind.DeadlineMissed));
        Assert.That(violation.Excess, Is.EqualTo(0.05).Within(1e-12));
        Assert.That(violation.Message, Does.StartWith("user 'u3' (position 3) ends at 1.05 s, after its deadline 1 s, late by 0.05"));
    }

    [Test]
    public void Bandwidth_over_budget_is_named_with_the_excess()
    {
        ScheduleEvaluation evaluation = new ScheduleEvaluator(HandInstance()).Evaluate([0, 1, 2], [2e6, 1e6, 1e6]);

        Violation violation = evaluation.Violations.Single();
        Assert.That(violation.Kind, Is.EqualTo(ViolationKind.OverBudget));
        Assert.That(violation.Message, Is.EqualTo("bandwidth 4000000 Hz exceeds the budget 3000000 Hz by 1000000 Hz"));
    }

    [Test]
    public void A_user_listed_twice_is_a_violation_and_counted_once()
    {
        ScheduleEvaluation evaluation = new ScheduleEvaluator(HandInstance()).Evaluate([0, 0], [1e6, 1e6]);

        Assert.That(evaluation.Violations.Select(v => v.Message), Does.Contain("user 'u1' is listed twice (positions 1 and 2)"));
        Assert.That(evaluation.Value, Is.EqualTo(1));
    }

    [Test]
    public void A_user_who_cannot_upload_in_time_with_all_bandwidth_is_named()
    {
        // Alone, u3 must start by 0.4 − 0.05 = 0.35 s; with all 3 MHz, 1 Mbit takes 1e6 / (3e6·log2(4/3)) ≈ 0.803 s.
        Instance instance = HandInstance(lastDeadline: 0.4);

        ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate([2], null);

        Assert.That(evaluation.Violations.Select(v => v.Kind), Does.Contain(ViolationKind.UploadImpossible));
        Assert.That(evaluation.Violations.First(v => v.Kind == ViolationKind.UploadImpossible).Message,
            Does.StartWith("user 'u3' (position 1) cannot upload in time even with all bandwidth: its upload must end by 0.35 s, and with all 3000000 Hz it takes 0.803"));
    }

    [Test]
    public void The_empty_schedule_is_feasible_with_value_zero()
    {
        ScheduleEvaluation evaluation = new ScheduleEvaluator(HandInstance()).Evaluate([], []);

        Assert.That(evaluation.IsFeasible, Is.True);
        Assert.That(evaluation.Value, Is.Zero);
        Assert.That(evaluation.MakespanSeconds, Is.Zero);
    }

    [Test]
    public void Agrees_with_an_independent_recomputation_on_random_orders([Range(1, 60)] int seed)
    {
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 12, models: 5, sharing: seed % 3 == 0 ? RandomSharing.BottomLayer : RandomSharing.General, initialModel: seed % 2 == 0);
        int[] order = [.. Enumerable.Range(0, instance.Users.Length).OrderBy(_ => random.Next()).Take(1 + random.Next(instance.Users.Length))];
        double[] bandwidths = [.. order.Select(_ => instance.Server.BandwidthHz * random.NextDouble() / order.Length * 1.3)];

        ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate(order, bandwidths);

        var expected = ReferenceModel.Timeline(instance, order, bandwidths);
        for (int n = 0; n < order.Length; n++)
        {
            TimelineEntry e = evaluation.Timeline[n];
            Assert.That(e.LoadStartSeconds, Is.EqualTo(expected[n].LoadStart).Within(1e-9));
            Assert.That(e.LoadSeconds, Is.EqualTo(expected[n].Load).Within(1e-9));
            Assert.That(e.UploadEndSeconds, Is.EqualTo(expected[n].UploadEnd).Within(1e-9));
            Assert.That(e.InferenceStartSeconds, Is.EqualTo(expected[n].Start).Within(1e-9));
            Assert.That(e.EndSeconds, Is.EqualTo(expected[n].End).Within(1e-9));
        }

        Assert.That(evaluation.IsFeasible, Is.EqualTo(ReferenceModel.IsFeasibleSchedule(instance, order, bandwidths)));
        Assert.That(evaluation.Value, Is.EqualTo(ReferenceModel.Value(instance, order)));
    }

    [Test]
    public void Derived_bandwidth_feasibility_agrees_with_the_lemma_of_model_section_4([Range(1, 60)] int seed)
    {
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 8, models: 4, initialModel: seed % 2 == 1);
        int[] order = [.. Enumerable.Range(0, instance.Users.Length).OrderBy(_ => random.Next()).Take(1 + random.Next(4))];

        ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate(order, null);

        Assert.That(evaluation.IsFeasible, Is.EqualTo(ReferenceModel.IsFeasibleOrder(instance, order)));
    }

    [Test]
    public void Full_loading_rule_charges_the_whole_model_on_a_switch()
    {
        // Under full loading, B after A loads a and b again: 0.3 s instead of 0.1 s.
        ScheduleEvaluation evaluation = new ScheduleEvaluator(HandInstance(), LoadingRule.FullModel).Evaluate([0, 1], [1e6, 1e6]);

        Assert.That(evaluation.Timeline[1].LoadSeconds, Is.EqualTo(0.3).Within(1e-12));
    }
}
