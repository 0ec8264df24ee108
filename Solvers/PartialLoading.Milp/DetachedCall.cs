using System.Runtime.ExceptionServices;

namespace PartialLoading.Milp;

/// <summary>
/// Runs a native call that may not stop on time on a thread of its own, and waits for it only as long as the caller's
/// time limit allows: past that the caller goes on without the result and the call finishes, and cleans up, behind it.
/// </summary>
/// <remarks>
/// <para>
/// MPSolver's Solve cannot be made to return on time: it hands the model to the backend outside the backend's clock
/// (HiGHS: seconds, one column's integrality and one row at a time), HiGHS's presolve and CBC's root LP check neither
/// a clock nor an interrupt, and freeing a large SCIP model after Solve takes seconds too (docs/results, issue 19).
/// Waiting on another thread is the one way the caller keeps its limit whatever the backend does.
/// </para>
/// <para>
/// The cost: an abandoned call keeps a core busy (and its memory) until the backend returns by itself — SCIP soon (it
/// is interrupted, see <see cref="PersistentInterrupt"/>), HiGHS at its own limit, CBC when its root LP ends. The
/// thread is a background thread, so it never keeps a process from exiting.
/// </para>
/// </remarks>
internal static class DetachedCall
{
    /// <summary>
    /// Runs <paramref name="work"/> on a new background thread, then <paramref name="release"/> on the same thread
    /// (whether or not anyone still waits). Waits for the result until <paramref name="patience"/> has passed, or until
    /// <paramref name="grace"/> after <paramref name="cancellationToken"/> is cancelled, whichever comes first.
    /// </summary>
    /// <returns>True with the work's result; false when the caller stopped waiting (the work then runs on alone, and an
    /// exception it throws is dropped, there being nobody left to report it to).</returns>
    /// <exception cref="Exception">What <paramref name="work"/> threw, when it threw while the caller waited.</exception>
    public static bool TryRun<T>(Func<T> work, Action release, TimeSpan patience, TimeSpan grace, CancellationToken cancellationToken, out T result)
    {
        var outcome = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                outcome.TrySetResult(work());
            }
            catch (Exception exception)
            {
                outcome.TrySetException(exception);
            }
            finally
            {
                release();
            }
        })
        {
            IsBackground = true,
            Name = "milp backend",
        };

        var waited = System.Diagnostics.Stopwatch.StartNew();
        using var giveUp = new CancellationTokenSource(patience <= TimeSpan.Zero ? TimeSpan.Zero : patience);
        using CancellationTokenRegistration onCancel = cancellationToken.Register(() => Shorten(giveUp, grace, patience - waited.Elapsed));
        thread.Start();
        WaitHandle.WaitAny([((IAsyncResult)outcome.Task).AsyncWaitHandle, giveUp.Token.WaitHandle]);
        if (!outcome.Task.IsCompleted)
        {
            result = default!;
            return false;
        }

        if (outcome.Task.Exception is AggregateException failure)
        {
            ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
        }

        result = outcome.Task.Result;
        return true;
    }

    /// <summary>Shortens the wait to <paramref name="grace"/> from now; never lengthens it past <paramref name="left"/>.</summary>
    private static void Shorten(CancellationTokenSource giveUp, TimeSpan grace, TimeSpan left)
    {
        try
        {
            giveUp.CancelAfter(left < grace ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : grace);
        }
        catch (ObjectDisposedException)
        {
            // the wait has ended already
        }
    }
}
