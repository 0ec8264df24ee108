using Google.OrTools.LinearSolver;
using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>
/// Interrupts a solve once a token is cancelled, again and again until the solve has returned: one call is not enough
/// for SCIP, which forgets an interrupt that comes before its search starts, nor for CP-SAT, whose <c>StopSearch</c>
/// does nothing until its <c>Solve</c> has set up the search.
/// </summary>
/// <remarks>
/// <para>
/// MPSolver.Solve first hands the model to the backend (several seconds for the largest models allowed) and only then
/// calls <c>SCIPsolve</c>, which clears SCIP's interrupt flag as it starts, and so does <c>SCIPpresolve</c> inside it
/// (scip_solve.c, "reset the user interrupt flag"). <c>SCIPInterface::InterruptSolve</c> (OR-Tools 9.15
/// scip_interface.cc) just sets that flag, so a Ctrl-C during the hand-over was lost and SCIP searched on to its time
/// limit. Repeating the call every <see cref="Period"/> sets the flag again once the search runs; SCIP then stops
/// at its next check (after the current node or presolving round) with the best solution it has.
/// </para>
/// <para>
/// HiGHS and CBC do not implement InterruptSolve in OR-Tools 9.15 (the base class returns false), so for them the
/// calls are harmless and without effect: they stop at their own time limit, and the round stops waiting for them
/// (see <see cref="DetachedCall"/>).
/// </para>
/// <para>
/// <c>CpSolver.StopSearch</c> (OR-Tools 9.15 CpSolver.cs) stops the solve wrapper that <c>Solve</c> creates as it
/// starts, and is a no-op before that: a Ctrl-C between the round's last look at the token and that moment was lost,
/// and CP-SAT searched on to its time limit (seen once in CI under load: `compare --solvers cpsat`, 120 s, signalled
/// after 4 s, still running a minute later).
/// </para>
/// </remarks>
internal sealed class PersistentInterrupt : IDisposable
{
    /// <summary>How often the interrupt is repeated: the delay it adds to stopping, at most.</summary>
    internal static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private readonly Action _interrupt;
    private readonly CancellationTokenRegistration _registration;
    private Timer? _timer;
    private bool _returned;

    /// <summary>Interrupts <paramref name="solver"/> from the moment <paramref name="token"/> is cancelled until disposed.</summary>
    /// <param name="solver">The solver whose Solve runs while this object lives; it must outlive this object.</param>
    /// <param name="token">Asks for the interrupt.</param>
    public PersistentInterrupt(Solver solver, CancellationToken token)
        : this(() => solver.InterruptSolve(), token)
    {
    }

    /// <summary>Stops <paramref name="solver"/> from the moment <paramref name="token"/> is cancelled until disposed.</summary>
    /// <param name="solver">The CP-SAT solver whose Solve runs while this object lives.</param>
    /// <param name="token">Asks for the stop.</param>
    public PersistentInterrupt(CpSolver solver, CancellationToken token)
        : this(solver.StopSearch, token)
    {
    }

    private PersistentInterrupt(Action interrupt, CancellationToken token)
    {
        _interrupt = interrupt;
        _registration = token.Register(Start);
    }

    /// <summary>Stops interrupting; call as soon as Solve has returned, before the solver is disposed.</summary>
    public void Dispose()
    {
        _registration.Dispose();
        lock (_gate)
        {
            _returned = true;
            _timer?.Dispose();
        }
    }

    private void Start()
    {
        lock (_gate)
        {
            if (!_returned && _timer is null)
            {
                _timer = new Timer(_ => Interrupt(), null, TimeSpan.Zero, Period);
            }
        }
    }

    private void Interrupt()
    {
        // Under the lock, so that no call reaches a solver whose Solve has returned (and which may be disposed next, or,
        // for CP-SAT, be releasing its solve wrapper).
        lock (_gate)
        {
            if (!_returned)
            {
                _interrupt();
            }
        }
    }
}
