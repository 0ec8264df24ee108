using PartialLoading.Bounds;
using PartialLoading.Core.Model;
using PartialLoading.Tests.DynamicProgramming.Labeling;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// The time-indexed relaxation's start windows (<see cref="TimeIndexedStartWindows"/>) never shut a schedule out: for
/// small random instances whose feasible sequences are enumerated plainly, every sequence worth a window's target starts
/// each of its users — at the reference model's latest starts — where every table's windows leave open (the tables of
/// <see cref="TimeIndexedNodeBoundTests"/>: the finest and the coarsest step, one user tracked per batch, coarse steps first).
/// </summary>
public class TimeIndexedStartWindowsTests
{
    [TestCaseSource(typeof(TimeIndexedNodeBoundTests), nameof(TimeIndexedNodeBoundTests.Instances))]
    public void Every_sequence_worth_the_target_starts_its_users_inside_the_windows(int seed)
    {
        Instance instance = TimeIndexedNodeBoundTests.Create(seed);
        List<int[]> orders = FeasibleSequences.All(instance);
        double optimum = orders.Max(order => ReferenceModel.Value(instance, order));
        bool whole = instance.Users.All(u => u.Weight == Math.Floor(u.Weight));
        int drawn = 0;

        // One below the optimum (the target is the optimum: the tightest windows that must still hold) and two below; each
        // table's windows, and those of all tables on one δ intersected, as the search holds them.
        var all = new List<TimeIndexedStartWindows>();
        foreach (double known in new[] { optimum - 1.0, optimum - 2.0 }.Where(k => k >= 0.0))
        {
            foreach (TimeIndexedPrefixTable table in TimeIndexedNodeBoundTests.Tables(instance, known))
            {
                if (table.Windows is not { } windows)
                {
                    continue;
                }

                drawn++;
                all.Add(windows);
                Assert.That(windows.Target, Is.EqualTo(known + 1.0));
                Admits(instance, orders, windows, $"table {table.Value:G6}");
            }
        }

        foreach (IGrouping<double, TimeIndexedStartWindows> sameStep in all.GroupBy(w => w.StepSeconds))
        {
            TimeIndexedStartWindows both = TimeIndexedStartWindows.Intersect([.. sameStep]);
            Assert.That(both.AllowedSteps, Is.LessThanOrEqualTo(sameStep.Min(w => w.AllowedSteps)));
            Admits(instance, orders, both, $"{sameStep.Count()} intersected");
        }

        Assert.That(drawn > 0, Is.EqualTo(whole && optimum >= 1.0), "windows are drawn exactly where the weights are whole and a value is known");
    }

    /// <summary>Every sequence worth the windows' target starts each user inside them.</summary>
    private static void Admits(Instance instance, List<int[]> orders, TimeIndexedStartWindows windows, string what)
    {
        foreach (int[] order in orders.Where(o => ReferenceModel.Value(instance, o) >= windows.Target))
        {
            double[] latest = ReferenceModel.LatestStarts(instance, order);
            for (int i = 0; i < order.Length; i++)
            {
                string where = $"[{string.Join(",", order)}] user {order[i]} at {latest[i]:R} s, target {windows.Target}, {what}, δ = {windows.StepSeconds:G4} s";
                Assert.That(windows.MayStartAt(order[i], latest[i]), Is.True, where);
                Assert.That(windows.EarliestStart(order[i]), Is.LessThanOrEqualTo(latest[i]), where);
            }
        }
    }

    [Test]
    public void The_windows_shut_some_starts_of_small_instances()
    {
        long allowed = 0;
        long examined = 0;
        for (int seed = 1; seed <= 30; seed++)
        {
            Instance instance = TimeIndexedNodeBoundTests.Create(seed);
            double optimum = FeasibleSequences.All(instance).Max(order => ReferenceModel.Value(instance, order));
            foreach (TimeIndexedStartWindows windows in TimeIndexedNodeBoundTests.Tables(instance, optimum - 1.0).Select(t => t.Windows).OfType<TimeIndexedStartWindows>())
            {
                allowed += windows.AllowedSteps;
                examined += windows.ExaminedSteps;
            }
        }

        TestContext.Out.WriteLine($"{allowed} of {examined} user-steps left open");
        Assert.That(examined, Is.GreaterThan(0));
        Assert.That(allowed, Is.LessThan(examined), "a check that shuts nothing would prove nothing");
    }
}
