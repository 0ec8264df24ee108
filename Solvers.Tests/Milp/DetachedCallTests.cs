using PartialLoading.Milp;

namespace PartialLoading.Tests.Milp;

/// <summary>
/// Issue 19: a backend that does not stop on time (HiGHS's hand-over and presolve, CBC's root LP, SCIP freeing its
/// model) no longer holds the caller past its limit: the caller stops waiting and the call ends, and is freed, behind it.
/// No timing is asserted: the waits below are on events, with a generous guard.
/// </summary>
public class DetachedCallTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    [Test]
    public void A_call_that_outlives_the_wait_is_given_up_and_still_released_when_it_ends()
    {
        using var gate = new ManualResetEventSlim();
        using var released = new ManualResetEventSlim();

        bool finished = DetachedCall.TryRun(() => gate.Wait(Guard), released.Set, TimeSpan.Zero, TimeSpan.Zero, CancellationToken.None, out bool _);
        bool releasedEarly = released.IsSet;
        gate.Set();

        Assert.That(finished, Is.False);
        Assert.That(releasedEarly, Is.False, "released while the call still ran");
        Assert.That(released.Wait(Guard), Is.True, "the call was never released");
    }

    [Test]
    public void A_cancelled_caller_stops_waiting_however_long_its_limit()
    {
        using var gate = new ManualResetEventSlim();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        bool finished = DetachedCall.TryRun(() => gate.Wait(Guard), () => { }, TimeSpan.FromHours(1), TimeSpan.Zero, cancelled.Token, out bool _);
        gate.Set();

        Assert.That(finished, Is.False);
    }

    [Test]
    public void A_caller_that_waits_gets_the_result_and_the_release_runs()
    {
        using var released = new ManualResetEventSlim();

        bool finished = DetachedCall.TryRun(() => 42, released.Set, Guard, TimeSpan.Zero, CancellationToken.None, out int result);

        Assert.That(finished, Is.True);
        Assert.That(result, Is.EqualTo(42));
        Assert.That(released.Wait(Guard), Is.True);
    }

    [Test]
    public void A_caller_that_waits_gets_the_exception_and_the_release_runs()
    {
        using var released = new ManualResetEventSlim();

        Assert.Throws<InvalidOperationException>(() => DetachedCall.TryRun<int>(
            () => throw new InvalidOperationException("a modelling defect"), released.Set, Guard, TimeSpan.Zero, CancellationToken.None, out _));
        Assert.That(released.Wait(Guard), Is.True);
    }
}
