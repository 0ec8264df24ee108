using PartialLoading.Bounds;
using PartialLoading.Core.Model;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// The time-indexed relaxation (<see cref="TimeIndexedBound"/>) run for a search that has not ended soon: its bound caps
/// the reported one, and once the incumbent meets it the incumbent is optimal (it never exceeds the optimum).
/// </summary>
/// <remarks>
/// It starts only after <see cref="Delay"/> of the limit has gone without the search ending, so the many instances the
/// search proves in a moment pay nothing and stay reproducible label for label. On one thread it then pauses the search
/// for at most <see cref="InlineShare"/> of the limit; on more it runs beside the search until the limit.
/// </remarks>
internal sealed class RootRelaxation : IDisposable
{
    /// <summary>The share of the time limit (at most <see cref="MaxDelay"/>) the search runs alone first.</summary>
    public const double DelayShare = 0.02;

    /// <summary>On one thread, the share of the time limit the relaxation may pause the search for.</summary>
    public const double InlineShare = 0.1;

    /// <summary>
    /// Subgradient steps at most on the full program, after the cheaper program's 1,000. 500 until the program's loops were
    /// vectorised (nineteenth round). At 2,000 the frontier study kept its counts and values and ran a median 10 % faster
    /// (one run proved sg60-2 in 52 s, which the study did not repeat); the steps still end early once the bound meets
    /// the incumbent or stops falling (docs/results/README.md).
    /// </summary>
    public const int FullSteps = 2000;

    /// <summary>
    /// The longest the search runs alone first: the relaxation's node bounds pay back an early start (sg50-1 proved in
    /// 8 s instead of 40 s), while searches that prove in a moment stay untouched.
    /// </summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private readonly Instance _instance;
    private readonly TimeIndexedBound _relaxation;
    private readonly TimeSpan _limit;
    private readonly bool _inline;
    private readonly CancellationTokenSource _stop;
    private Task? _background;
    private int _started;
    private double _cap = double.PositiveInfinity;
    private readonly SequencingData _data;
    private TimeIndexedNodeBound? _prices;
    private SuffixRepricing? _repricing;
    private readonly Func<TimeIndexedFrontPricing, SuffixRepricing>? _repricingOf;

    /// <param name="instance">The instance searched.</param>
    /// <param name="data">The search's numbers, for its node bound.</param>
    /// <param name="maxStates">The most states the relaxation may hold (8 bytes each).</param>
    /// <param name="limit">The search's time limit.</param>
    /// <param name="inline">True to run it on the thread that polls (one search thread), false beside the search.</param>
    /// <param name="cancellationToken">The search's cancellation, which stops the relaxation too.</param>
    /// <param name="incumbent">The search's best value, read by the relaxation after each of its steps: it stops once its
    /// bound meets it.</param>
    /// <param name="repricing">Makes <see cref="Repricing"/> of the relaxation's program once it is chosen; null for none.</param>
    public RootRelaxation(Instance instance, SequencingData data, long maxStates, TimeSpan limit, bool inline, CancellationToken cancellationToken, Func<double>? incumbent = null, Func<TimeIndexedFrontPricing, SuffixRepricing>? repricing = null)
    {
        _repricingOf = repricing;
        _instance = instance;
        _data = data;
        _relaxation = new TimeIndexedBound(iterations: FullSteps, maxStates: maxStates, enough: incumbent, coarseSteps: 1000);
        _limit = limit;
        _inline = inline;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, (long)(limit.Ticks * DelayShare)));
    }

    /// <summary>How long the search runs alone first.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The relaxation's bound once it has one, else +∞.</summary>
    public double Cap => Volatile.Read(ref _cap);

    /// <summary>The relaxation's node bound at the multipliers of its bound once it has one, else null.</summary>
    public TimeIndexedNodeBound? Prices => Volatile.Read(ref _prices);

    /// <summary>The relaxation's program to re-price suffixes with, once it has chosen one, else null.</summary>
    public SuffixRepricing? Repricing => Volatile.Read(ref _repricing);

    /// <summary>Called from the search's stop poll: starts the relaxation once <see cref="Delay"/> has gone.</summary>
    /// <param name="elapsed">The search's time so far.</param>
    public void Poll(TimeSpan elapsed)
    {
        if (elapsed < Delay || Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        TimeSpan left = _limit - elapsed;
        if (left <= TimeSpan.Zero)
        {
            return; // polled past the limit: the search is about to stop
        }

        if (_inline)
        {
            Run(new BoundBudget(TimeSpan.FromTicks(Math.Min(left.Ticks, (long)(_limit.Ticks * InlineShare))), _stop.Token));
        }
        else
        {
            var budget = new BoundBudget(left, _stop.Token);
            _background = Task.Run(() => Run(budget), CancellationToken.None);
        }
    }

    /// <summary>Stops the relaxation (when it runs beside the search) and returns its bound, +∞ when it has none.</summary>
    public double Finish()
    {
        _stop.Cancel();
        _background?.Wait(CancellationToken.None);
        return Cap;
    }

    /// <inheritdoc/>
    public void Dispose() => _stop.Dispose();

    /// <summary>Only this thread writes the cap: a plain compare, then a volatile write.</summary>
    private void Lower(double cap)
    {
        if (cap < _cap)
        {
            Volatile.Write(ref _cap, cap);
        }
    }

    private void Run(BoundBudget budget)
    {
        RelaxationBound bound = _relaxation.Compute(
            _instance,
            budget,
            table =>
            {
                Volatile.Write(ref _prices, TimeIndexedNodeBound.Of(table, _data, _instance, _prices));
                Lower(table.Bound);
            },
            _repricingOf is null ? null : pricing => Volatile.Write(ref _repricing, _repricingOf(pricing)));

        if (bound.HasValue)
        {
            Lower(bound.Value);
        }
    }
}
