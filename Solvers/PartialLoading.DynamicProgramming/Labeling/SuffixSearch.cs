using PartialLoading.Bandwidth;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// Depth-first branch and bound over schedules built from the back. A label is a suffix of the service sequence: its
/// served set, its first user's model h, that user's latest start LS and the bandwidth Σβ its users need.
/// </summary>
/// <remarks>
/// <para>
/// Building backwards is what makes the bandwidth exact: by docs/model.md §4 a user's least bandwidth β_k(LS_n) depends only on
/// the users after it, so it is final the moment the user is put in front. Putting user k (model m) in front gives
/// <c>LS' = min(T_k − c_m, LS − L(m, h) − c_m)</c>, the evaluator's own recurrence. Every label is a schedule once
/// <c>L(i0, h) ≤ LS</c> (then the instant-upload pass meets every deadline); a label that fails this, or is over budget,
/// only gets worse in front (triangle inequality, monotone β), so it is dropped.
/// </para>
/// <para>
/// Pruning: a child whose value plus <see cref="PrefixBound.Evaluate(UserSet, int, int, double, double)"/> (capped by its parent's bound) cannot beat the
/// incumbent is dropped; so is one that a kept label beats (<see cref="LabelStore"/>); before a label is expanded, <see cref="PrefixBound.PathBandwidthFits(UserSet, int, double, double, int, ulong, ulong)"/>
/// must still find room for a better schedule (it first tries the users it found in front of the parent and of the
/// last sibling, which mostly still fit). Once the time-indexed relaxation has handed out a table
/// (<see cref="TimeIndexedNodeBound"/>, read through <c>prices</c>), it is asked first, in O(1) per child (before it, a child whose latest start the tables' start windows shut is dropped,
/// and the users they shut out of the room in front are left out of the path test: <see cref="TimeIndexedNodeBound.MayStartAt"/>,
/// <see cref="TimeIndexedNodeBound.ShutOutBefore"/>); children
/// collected before a newer table are re-priced when entered, and the open ones when it arrives. Children are tried
/// best own bound first (without the node bound), so good schedules come early.
/// Every node not yet seen lies below a child not yet tried at some level of the recursion, so the largest bound among
/// those (<see cref="OpenBound"/>) bounds every schedule not yet seen.
/// </para>
/// </remarks>
internal sealed class SuffixSearch
{
    private const int StopCheckInterval = 1024;

    /// <summary>
    /// The first-level caps change the report, not the search, so they get at most this share of the search's time
    /// (plus <see cref="CapAllowance"/>); the rest of the first-level children stay capped by the root's count. Up to 14
    /// models a cap takes milliseconds; at 15–16 its program may visit 2^16 model sets per count tried (the root's took
    /// about 0.4 s on sg40m20-1), so a search that enters many first-level children could otherwise spend much of its
    /// limit on them. On sg30m20-4 (15 models, 30 users, proved in 54–56 s on one thread) the caps cost nothing
    /// measurable either way.
    /// </summary>
    private const double CapShare = 0.02;

    private static readonly TimeSpan CapAllowance = TimeSpan.FromSeconds(0.1);

    private readonly System.Diagnostics.Stopwatch _clock = new();
    private readonly System.Diagnostics.Stopwatch _capTime = new();

    private readonly SequencingData _data;
    private readonly PrefixBound _bound;
    private readonly ShardedLabelStore _store;
    private readonly SharedIncumbent _incumbent;
    private readonly Func<int, bool> _improved;
    private readonly Func<bool> _stop;
    private readonly double _tolerance;
    private readonly double _budget;
    private readonly Child[]?[] _children;    // by level: the children collected; those from _nextChild on are open
    private readonly int[] _childCount;       // (written under _gate: another thread may take an open child, TryGive)
    private readonly int[] _nextChild;
    private readonly Lock _gate = new();
    private readonly int[] _path;
    private readonly double[] _latest; // by level: the latest start of _path[level] in the suffix _path[0..level]
    private readonly ulong[] _witness;
    private readonly Func<TimeIndexedNodeBound?> _prices;
    private readonly Func<SuffixRepricing?> _repricing;
    private readonly TimeIndexedNodeBound?[] _local; // by level: the node bound of the suffix _path[0..level) re-priced, else null
    private readonly int[] _localLevels;             // the levels holding one, shallowest first
    private int _localCount;
    private Bounds.TimeIndexedFrontPricing.Workspace? _workspace;
    private bool _noWorkspace;
    private long _repricingTicks;    // spent re-pricing, in stopwatch ticks
    private double _repricingSeconds; // the latest starts of the suffixes re-priced, summed
    private TimeIndexedNodeBound? _pricesSeen;
    private readonly double[] _firstCap;   // per child at the first level, in its order: the path relaxation's count (+∞ when not computed)
    private double _rootCap = double.PositiveInfinity; // the path relaxation's count at the empty suffix
    private double _subtreeCap = double.PositiveInfinity; // in RunSubtree: its first user's cap
    private int _sinceCheck = StopCheckInterval - 1; // the first child checks at once, so a cancelled token stops at the root

    /// <param name="data">The users and times.</param>
    /// <param name="incumbent">The value to beat (a warm start's); only strictly better schedules are reported.</param>
    /// <param name="improved">Called with the length of a better suffix (read it from <see cref="Path"/>); true when it was accepted.</param>
    /// <param name="stop">Polled every so often; true stops the search.</param>
    /// <param name="toleranceSeconds">The deadline tolerance of docs/model.md §3.</param>
    public SuffixSearch(SequencingData data, double incumbent, Func<int, bool> improved, Func<bool> stop, double toleranceSeconds)
        : this(data, new SharedIncumbent(incumbent), new ShardedLabelStore(1, LabelStore.DefaultBytes, data.Count), improved, stop, toleranceSeconds, null, null)
    {
    }

    /// <summary>A search that shares its incumbent and labels with others (one per thread, see <see cref="ParallelSuffixSearch"/>).</summary>
    /// <param name="data">The users and times.</param>
    /// <param name="incumbent">The value to beat, shared.</param>
    /// <param name="store">The kept labels, shared.</param>
    /// <param name="improved">Called with the length of a better suffix (read it from <see cref="Path"/>) while <paramref name="incumbent"/> is locked; true when it was accepted.</param>
    /// <param name="stop">Polled every so often; true stops the search.</param>
    /// <param name="toleranceSeconds">The deadline tolerance of docs/model.md §3.</param>
    /// <param name="thresholds">The deadline thresholds shared by the threads; computed here (until <paramref name="stop"/>) when null.</param>
    /// <param name="prices">Read at every node: the time-indexed relaxation's node bound once there is one, else null.</param>
    /// <param name="repricing">Read where a suffix's subtree has grown large: the relaxation's program to re-price it, else null.</param>
    public SuffixSearch(
        SequencingData data,
        SharedIncumbent incumbent,
        ShardedLabelStore store,
        Func<int, bool> improved,
        Func<bool> stop,
        double toleranceSeconds,
        DeadlineThresholds? thresholds = null,
        Func<TimeIndexedNodeBound?>? prices = null,
        Func<SuffixRepricing?>? repricing = null)
    {
        _prices = prices ?? (static () => null);
        _repricing = repricing ?? (static () => null);
        _data = data;
        _bound = new PrefixBound(data, toleranceSeconds, thresholds, stop);
        _incumbent = incumbent;
        _store = store;
        _improved = improved;
        _stop = stop;
        _tolerance = toleranceSeconds;
        _budget = data.BudgetHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        int n = data.Count;
        _children = new Child[]?[n + 1];
        _childCount = new int[n + 1];
        _nextChild = new int[n + 1];
        _path = new int[n];
        _latest = new double[n];
        _witness = new ulong[n + 1];
        _firstCap = new double[n];
        _local = new TimeIndexedNodeBound?[n + 1];
        _localLevels = new int[n + 1];
    }

    /// <summary>The best value found (or the warm start's).</summary>
    public double Incumbent => _incumbent.Value;

    /// <summary>
    /// Bytes one search over <paramref name="data"/> may take besides the labels and the shared data: a child list per
    /// level (with the words of their keys beyond 64 users) and the bounds' tables.
    /// </summary>
    public static long BytesPerThread(SequencingData data)
    {
        long n = data.Count;
        int high = UserSet.HighWords(data.Count);
        long child = System.Runtime.CompilerServices.Unsafe.SizeOf<Child>() + (high == 0 ? 0 : 24 + (8L * high));
        // The path relaxation's program (above MaxNodePathModels for the reported cap alone, its table capped): per model
        // set three counters and the least Σβ per count; the cheapest-β table.
        long sets = data.PathLoad is null ? 0 : 1L << data.ModelCount;
        long least = data.ModelCount > SequencingData.MaxNodePathModels ? Math.Min(sets * (n + 1) * sizeof(double), PrefixBound.CapTableBytes) : sets * (n + 1) * sizeof(double);
        // Up to 64 users the program also keeps, per state, the users it took (PrefixBound.LastWitness).
        long taken = n <= 64 && data.ModelCount <= SequencingData.MaxNodePathModels ? sets * (n + 1) * sizeof(ulong) : 0;
        long path = sets == 0 ? 0 : (sets * 3 * sizeof(int)) + least + taken + ((n + 1) * (n + 1) * sizeof(double));
        return ((n + 1) * n * child) + (n * LeastBandwidthFloor.Points * sizeof(double)) + path + (n * 128);
    }

    /// <summary>Whether the search ran to the end: then <see cref="Incumbent"/> is optimal.</summary>
    public bool Completed { get; private set; }

    /// <summary>Labels expanded.</summary>
    public long Expanded { get; private set; }

    /// <summary>Suffixes re-priced (<see cref="SuffixRepricing"/>).</summary>
    public long Repriced { get; private set; }

    /// <summary>Suffixes whose re-priced bound dropped their whole subtree.</summary>
    public long RepricedAway { get; private set; }

    /// <summary>Labels kept by the dominance store.</summary>
    public long LabelsKept => _store.Count;

    /// <summary>The users of the suffix just reported, last served first (local numbers).</summary>
    public ReadOnlySpan<int> Path(int length) => _path.AsSpan(0, length);

    /// <summary>Runs the search until it ends or <c>stop</c> says so.</summary>
    public void Run()
    {
        _clock.Start();
        double rootBound = _bound.Evaluate(UserSet.Empty, -1, -1, double.PositiveInfinity, _data.BudgetHz);
        _rootCap = Cap(UserSet.Empty, -1, double.PositiveInfinity, 0.0, 0.0, rootBound);
        Completed = Math.Min(rootBound, _rootCap) <= Incumbent || Expand(UserSet.Empty, -1, double.PositiveInfinity, 0.0, 0.0, rootBound, 0);
    }

    /// <summary>
    /// The first two levels, searched here: every two-user suffix still worth a search, best bound first (ties in the
    /// order the single-threaded search would meet them). Searching each with <see cref="RunSubtree"/> — in any order,
    /// on any thread — searches what <see cref="Run"/> searches.
    /// </summary>
    /// <param name="whole">False when <c>stop</c> said so before every first user was split (each costs a bound per
    /// user: at 1,000 users the split alone took 45 s): then the first users not split stay open in <see cref="OpenBound"/>
    /// and the subtrees returned are those of the first users split.</param>
    public List<Subtree> Split(out bool whole)
    {
        whole = true;
        var subtrees = new List<Subtree>();
        double rootBound = _bound.Evaluate(UserSet.Empty, -1, -1, double.PositiveInfinity, _data.BudgetHz);
        _rootCap = Cap(UserSet.Empty, -1, double.PositiveInfinity, 0.0, 0.0, rootBound);
        if (Math.Min(rootBound, _rootCap) <= Incumbent)
        {
            return subtrees;
        }

        int roots = CollectChildren(UserSet.Empty, -1, double.PositiveInfinity, 0.0, 0.0, rootBound, 0);
        Child[] rootChildren = _children[0]!;
        for (int r = 0; r < roots; r++)
        {
            if (_stop())
            {
                // Left as Expand leaves a stopped level: the first users from r on are open, at the root's cap.
                Array.Fill(_firstCap, double.PositiveInfinity, 0, roots);
                _childCount[0] = roots;
                _nextChild[0] = r;
                _childCount[1] = 0;
                whole = false;
                return [.. subtrees.OrderByDescending(t => t.Second.Bound)];
            }

            Child root = rootChildren[r];
            if (!Enter(UserSet.Empty, root, 0, out UserSet served))
            {
                continue;
            }

            Expanded++;

            int count = CollectChildren(served, _data.Model[root.User], root.LatestStart, root.Bandwidth, root.Value, root.Bound, 1);
            for (int j = 0; j < count; j++)
            {
                subtrees.Add(new Subtree(root.User, _children[1]![j], _rootCap));
            }
        }

        _childCount[0] = 0;
        _childCount[1] = 0;

        // A stable sort: equal bounds keep the single-threaded order.
        return [.. subtrees.OrderByDescending(t => t.Second.Bound)];
    }

    /// <summary>Searches the suffixes that end with <paramref name="subtree"/>'s two users; false when stopped before the end.</summary>
    public bool RunSubtree(Subtree subtree) => RunShared(new SharedChild([subtree.First], subtree.Second, subtree.Cap));

    /// <summary>
    /// Takes the shallowest open child below the first two levels for another search (<see cref="RunShared"/>): the
    /// next one this search would have tried there, with the suffix it goes in front of. False when there is none.
    /// </summary>
    /// <remarks>
    /// The shallowest, because one two-user subtree can hold nearly the whole search (sg40m20-8: 1.45 of 1.66 million
    /// labels), and a child near its top is likeliest to hold much of what is left. Called from another thread; the
    /// suffix in front of an open child stays put while its level is open, and the gate covers the open children.
    /// </remarks>
    public bool TryGive(out SharedChild shared)
    {
        lock (_gate)
        {
            for (int level = 2; level < _childCount.Length; level++)
            {
                int j = _nextChild[level];
                if (j < _childCount[level])
                {
                    _nextChild[level] = j + 1;
                    shared = new SharedChild(_path[..level], _children[level]![j], _subtreeCap);
                    return true;
                }
            }
        }

        shared = default;
        return false;
    }

    /// <summary>Searches the suffixes that end with <paramref name="shared"/>'s child and suffix; false when stopped before the end.</summary>
    public bool RunShared(SharedChild shared)
    {
        int level = shared.Suffix.Length;
        shared.Suffix.CopyTo(_path, 0);
        _subtreeCap = shared.Cap;
        _localCount = 0;
        UserSet served = UserSet.Empty;
        for (int i = 0; i < level; i++)
        {
            int user = shared.Suffix[i];
            served = served.With(user);
            _latest[i] = LatestStart(user, i == 0 ? -1 : _data.Model[shared.Suffix[i - 1]], i == 0 ? double.PositiveInfinity : _latest[i - 1]);
        }

        Child child = Priced(shared.Child, level);
        if (child.Bound <= Incumbent || !Enter(served, child, level, out UserSet next))
        {
            return true;
        }

        Expanded++;
        return Expand(next, _data.Model[child.User], child.LatestStart, child.Bandwidth, child.Value, child.Bound, level + 1);
    }

    /// <summary>The largest bound among the children not yet tried at any level, or the incumbent if larger.</summary>
    /// <remarks>
    /// The children's own bounds, capped by what the path relaxation lets in front of the empty suffix and of each
    /// first-level child (<see cref="Cap"/>): every child deeper down lies in the subtree of the first-level child being
    /// expanded (or of the subtree being run), so its cap holds there too. The caps only lower this report, never
    /// the search's order or its cuts, so the search explores the same labels with or without them.
    /// </remarks>
    public double OpenBound()
    {
        double bound = double.NegativeInfinity;
        double inside = _subtreeCap;
        for (int level = 0; level < _childCount.Length; level++)
        {
            for (int j = _nextChild[level]; j < _childCount[level]; j++)
            {
                bound = Math.Max(bound, Math.Min(_children[level]![j].Bound, level == 0 ? _firstCap[j] : inside));
            }

            if (level == 0 && _nextChild[0] > 0)
            {
                inside = Math.Min(inside, _firstCap[_nextChild[0] - 1]);
            }
        }

        return Math.Max(Incumbent, Math.Min(bound, _rootCap));
    }

    /// <summary>
    /// With unit weights, the suffix's value plus the most users the path relaxation lets in front of it
    /// (<see cref="PrefixBound.MostInFront"/>, from its bound down): a bound the search itself never takes — it asks
    /// the relaxation only whether one more than the incumbent fits — so it is computed for the report alone, at the
    /// empty suffix and at each first-level child as it is entered. +∞ otherwise.
    /// </summary>
    private double Cap(UserSet served, int firstModel, double latestStart, double bandwidth, double value, double bound)
    {
        if (!_data.UnitWeights || _data.Count == 0 || !double.IsFinite(bound))
        {
            return double.PositiveInfinity;
        }

        double w = _data.Weight[0];
        int most = (int)Math.Floor(((bound - value) / w) + 1e-9);
        return most < 0 ? bound : value + (w * _bound.MostInFront(served, firstModel, latestStart, _data.BudgetHz - bandwidth, most));
    }

    /// <returns>False when stopped before the subtree was done.</returns>
    private bool Expand(UserSet served, int firstModel, double latestStart, double bandwidth, double value, double bound, int level)
    {
        int count = CollectChildren(served, firstModel, latestStart, bandwidth, value, bound, level);
        Child[] children = _children[level]!;
        if (level == 0)
        {
            // Computed as each child is entered (computing them all first cost 0.5 s at 60 users): until then a
            // first-level child is capped by the root's count alone.
            Array.Fill(_firstCap, double.PositiveInfinity, 0, count);
        }

        lock (_gate)
        {
            _childCount[level] = count;
        }

        long before = Expanded;
        long enteredAt = System.Diagnostics.Stopwatch.GetTimestamp();
        long repricingBefore = _repricingTicks;
        bool repriced = false;
        while (true)
        {
            if (++_sinceCheck >= StopCheckInterval)
            {
                _sinceCheck = 0;
                if (_stop())
                {
                    return false;
                }

                if (_prices() is { } prices && prices != _pricesSeen)
                {
                    _pricesSeen = prices;
                    PriceOpenChildren();
                }
            }

            // Taken under the gate: another search may take the open children (TryGive), the next one included.
            int j;
            Child child;
            lock (_gate)
            {
                j = _nextChild[level];
                if (j >= _childCount[level])
                {
                    break;
                }

                _nextChild[level] = j + 1;
                child = children[j];
            }

            child = Priced(child, level);
            if (_localCount > 0 && child.Bound > Incumbent)
            {
                child = child with { Bound = Math.Min(child.Bound, LocalBound(level, child.Value, child.User, child.LatestStart, child.Bandwidth)) };
                children[j] = child;
            }

            if (child.Bound <= Incumbent || !Enter(served, child, level, out UserSet next))
            {
                continue;
            }

            Expanded++;
            if (level == 0 && _capTime.Elapsed <= CapAllowance + (CapShare * _clock.Elapsed))
            {
                _capTime.Start();
                _firstCap[j] = Cap(next, _data.Model[child.User], child.LatestStart, child.Bandwidth, child.Value, child.Bound);
                _capTime.Stop();
            }

            if (!Expand(next, _data.Model[child.User], child.LatestStart, child.Bandwidth, child.Value, child.Bound, level + 1))
            {
                return false;
            }

            // A suffix is re-priced once its subtree has taken what re-pricing it should cost (RepricingEstimate, time
            // spent re-pricing below it not counted): its bound may drop the rest of the subtree.
            if (!repriced && level > 0 && !_noWorkspace && _repricing() is { } repricing && Expanded - before >= repricing.After
                && System.Diagnostics.Stopwatch.GetTimestamp() - enteredAt - (_repricingTicks - repricingBefore) >= repricing.Worth * RepricingEstimate(latestStart))
            {
                repriced = true;
                if (Reprice(repricing, level, firstModel, latestStart, bandwidth, value, Expanded - before))
                {
                    break;
                }
            }
        }

        if (_localCount > 0 && _localLevels[_localCount - 1] == level)
        {
            _local[level] = null;
            _localCount--;
        }

        lock (_gate)
        {
            _childCount[level] = 0;
            _nextChild[level] = 0;
        }

        return true;
    }

    /// <summary>
    /// Re-prices the suffix <c>_path[0..level)</c> (<see cref="SuffixRepricing"/>): true when its bound no longer beats
    /// the incumbent, so nothing more in front of it is needed; otherwise its node bound, if any, bounds every node below.
    /// </summary>
    private bool Reprice(SuffixRepricing repricing, int level, int firstModel, double latestStart, double bandwidth, double value, long subtreeLabels)
    {
        if (_prices() is not { } prices)
        {
            return false;
        }

        if (_workspace is null)
        {
            if (!repricing.Affordable)
            {
                _noWorkspace = true;
                return false;
            }

            _workspace = repricing.NewWorkspace();
        }

        Repriced++;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        double bound = repricing.Bound(_path.AsSpan(0, level), firstModel, latestStart, bandwidth, value, Incumbent, prices, _workspace, out TimeIndexedNodeBound? below, subtreeLabels);
        long ticks = System.Diagnostics.Stopwatch.GetTimestamp() - started;
        _repricingTicks += ticks;
        _repricingSeconds += Math.Max(latestStart, 1e-3);
        if (bound <= Incumbent)
        {
            RepricedAway++;
            return true;
        }

        if (below is not null)
        {
            _local[level] = below;
            _localLevels[_localCount++] = level;
        }

        return false;
    }

    /// <summary>
    /// What re-pricing a suffix that starts by <paramref name="latestStart"/> should cost, in stopwatch ticks: this
    /// thread's re-pricings so far per second of latest start (a program runs up to the suffix's start); 0 before the first.
    /// </summary>
    private double RepricingEstimate(double latestStart)
        => Repriced == 0 ? 0.0 : _repricingTicks / _repricingSeconds * Math.Max(latestStart, 1e-3) * (Repriced + 2.0) / (RepricedAway + 1.0);

    /// <summary>The least bound the re-priced suffixes above give a child of the suffix <c>_path[0..level)</c> (+∞ for none).</summary>
    private double LocalBound(int level, double value, int user, double latestStart, double bandwidth)
    {
        double bound = double.PositiveInfinity;
        if (_localCount == 0)
        {
            return bound;
        }

        Span<double> outside = stackalloc double[1];
        for (int i = 0; i < _localCount; i++)
        {
            TimeIndexedNodeBound local = _local[_localLevels[i]]!;
            local.Outside(_path.AsSpan(0, level), outside);
            bound = Math.Min(bound, local.Bound(value, outside, user, _data.Model[user], latestStart, bandwidth));
        }

        return bound;
    }

    /// <summary>
    /// Puts <paramref name="child"/> in front of the suffix <paramref name="served"/> at <paramref name="level"/>: false
    /// when a kept label dominates it or the path relaxation finds no room for a better schedule in front of it;
    /// otherwise reports it if it beats the incumbent and gives its served set.
    /// </summary>
    private bool Enter(UserSet served, Child child, int level, out UserSet next)
    {
        next = default;
        int model = _data.Model[child.User];
        if (_store.IsDominatedElseAdd(child.RelevantServed, model, child.LatestStart, child.Bandwidth, child.Value))
        {
            return false;
        }

        _path[level] = child.User;
        _latest[level] = child.LatestStart;
        if (child.Value > Incumbent)
        {
            _incumbent.TryImprove(child.Value, () => _improved(level + 1));
        }

        next = served.With(child.User);
        if (_data.UnitWeights)
        {
            int needed = (int)Math.Floor((Incumbent - child.Value) / _data.Weight[child.User]) + 1;
            double left = _data.BudgetHz - child.Bandwidth;

            // Users the windows shut out of the room in front are left out of the path test as if served.
            ulong shut = _prices() is { } prices ? prices.ShutOutBefore(child.LatestStart) : 0UL;
            UserSet tested = shut == 0UL ? next : UserSet.FromLow(next.Low | shut);
            if (!_bound.PathBandwidthFits(tested, model, child.LatestStart, left, needed, level > 0 ? _witness[level - 1] : 0UL, _witness[level]))
            {
                return false;
            }

            _witness[level] = _bound.LastWitness; // tried first for this label's children and its next sibling
        }

        return true;
    }

    /// <summary>
    /// The latest start of <paramref name="user"/> put in front of a suffix whose first user has model
    /// <paramref name="firstModel"/> (−1: the empty suffix) and latest start <paramref name="latestStart"/> (docs/model.md §4).
    /// </summary>
    private double LatestStart(int user, int firstModel, double latestStart)
    {
        SequencingData d = _data;
        int model = d.Model[user];
        double c = d.Inference[user];
        double own = d.Deadline[user] - c;
        return firstModel < 0 ? own : Math.Min(own, latestStart - d.Loading[(model * d.ModelCount) + firstModel] - c);
    }

    /// <summary>
    /// Whether user k, put in front of the suffix's first user k' of the same model, had better go behind it: with the
    /// two swapped the pair starts no earlier and needs strictly less bandwidth, and nothing else changes (one model, so
    /// the same loads and inference). Every schedule with k right in front of k' is then beaten by one with less Σβ and
    /// the same users, so the search need not look at it; a schedule of least Σβ is never dropped this way, so neither
    /// the optimum nor the proof depends on it (docs/model.md §6).
    /// </summary>
    /// <param name="k">The user put in front.</param>
    /// <param name="latest">Its latest start there.</param>
    /// <param name="beta">Its least bandwidth there.</param>
    /// <param name="level">The suffix's length (at least 1): its first user is <c>_path[level − 1]</c>.</param>
    /// <param name="latestStart">The latest start of the suffix's first user.</param>
    /// <param name="firstBeta">The least bandwidth of the suffix's first user there.</param>
    private bool SwapIsCheaper(int k, double latest, double beta, int level, double latestStart, double firstBeta)
    {
        SequencingData d = _data;
        int next = _path[level - 1];

        // The pair swapped: k' first at the second place's latest start, then k in front of it.
        double behind = level == 1 ? LatestStart(k, -1, double.PositiveInfinity) : LatestStart(k, d.Model[_path[level - 2]], _latest[level - 2]);
        double front = LatestStart(next, d.Model[k], behind);
        if (front < latest)
        {
            return false;
        }

        double swapped = LeastBandwidth.Hz(d.SnrHz[next], d.DataBits[next], front) + LeastBandwidth.Hz(d.SnrHz[k], d.DataBits[k], behind);
        return swapped < beta + firstBeta;
    }

    /// <summary>
    /// Every user that can go in front of the suffix and whose bound beats the incumbent, best bound first. A child's
    /// bound is also capped by its parent's: whatever goes in front of the child goes in front of the parent too, and
    /// the relaxations are not monotone on their own (a child's caps can make another threshold apply).
    /// </summary>
    private int CollectChildren(UserSet served, int firstModel, double latestStart, double bandwidth, double value, double parentBound, int level)
    {
        SequencingData d = _data;
        Child[] children = _children[level] ??= new Child[d.Count];
        int count = 0;
        int m = d.ModelCount;
        double incumbent = Incumbent;
        TimeIndexedNodeBound? prices = _prices();
        Span<double> outside = stackalloc double[TimeIndexedNodeBound.MostTables];
        prices?.Outside(_path.AsSpan(0, level), outside);
        Span<double> localOutside = stackalloc double[_localCount];
        int first = level > 0 ? _path[level - 1] : -1;
        double firstBeta = first >= 0 ? LeastBandwidth.Hz(d.SnrHz[first], d.DataBits[first], latestStart) : 0.0; // for the exchange
        for (int i = 0; i < _localCount; i++)
        {
            _local[_localLevels[i]]!.Outside(_path.AsSpan(0, level), localOutside.Slice(i, 1));
        }

        for (int k = 0; k < d.Count; k++)
        {
            if (served.Contains(k))
            {
                continue;
            }

            int model = d.Model[k];
            double latest = LatestStart(k, firstModel, latestStart);
            if (d.FromInitial[model] > latest + _tolerance)
            {
                continue;
            }

            // A start the relaxation's windows shut: no schedule through it beats the incumbent.
            if (prices is not null && !prices.MayStartAt(k, latest))
            {
                continue;
            }

            double ownBeta = LeastBandwidth.Hz(d.SnrHz[k], d.DataBits[k], latest);
            double need = bandwidth + ownBeta;
            if (!(need <= _budget))
            {
                continue;
            }

            // Of two users of one model back to back, the order that needs less bandwidth (docs/model.md §6).
            if (level > 0 && model == firstModel && SwapIsCheaper(k, latest, ownBeta, level, latestStart, firstBeta))
            {
                continue;
            }

            // The time-indexed node bound first: O(1), and where it cuts, the O(n) bounds are not asked.
            double childValue = value + d.Weight[k];
            double priced = prices is null ? parentBound : Math.Min(parentBound, prices.Bound(childValue, outside, k, model, latest, need));
            for (int i = 0; i < _localCount && priced > incumbent; i++)
            {
                priced = Math.Min(priced, _local[_localLevels[i]]!.Bound(childValue, localOutside.Slice(i, 1), k, model, latest, need));
            }

            if (priced <= incumbent)
            {
                continue;
            }

            double ownBound = Math.Min(parentBound, childValue + _bound.Evaluate(served, k, model, latest, d.BudgetHz - need));
            _sinceCheck++; // a bound costs O(n): at 1,000 users the stop is polled by bounds, not by children entered
            if (ownBound > incumbent)
            {
                double steepness = LeastBandwidth.Hz(d.SnrHz[k], d.DataBits[k], latest - d.Inference[k]) - ownBeta;
                children[count++] = new Child(k, latest, need, childValue, Math.Min(ownBound, priced), _bound.LastRelevantServed, prices, ownBound, steepness);
            }
        }

        // Best bound first; among equal bounds the later latest start (more room in front), then the user that one
        // inference earlier would need the most more bandwidth: of a model's users it is the one the exchange keeps
        // behind the others (SwapIsCheaper), so a dive goes on through the model's users. Without this tie-break the
        // exchange sent the cold dive of a 40-user bottom-layer instance astray (555,165 labels against 36).
        Array.Sort(children, 0, count, ChildOrder.Instance);
        return count;
    }

    /// <summary>
    /// Takes the time-indexed node bound into every child not yet tried, for <see cref="OpenBound"/>: the multipliers
    /// outside a level's suffix are summed once for all its children.
    /// </summary>
    private void PriceOpenChildren()
    {
        if (_prices() is not { } prices)
        {
            return;
        }

        Span<double> outside = stackalloc double[TimeIndexedNodeBound.MostTables];
        lock (_gate)
        {
            for (int level = 0; level < _childCount.Length; level++)
            {
                if (_nextChild[level] >= _childCount[level])
                {
                    continue;
                }

                prices.Outside(_path.AsSpan(0, level), outside);
                for (int j = _nextChild[level]; j < _childCount[level]; j++)
                {
                    _children[level]![j] = Priced(_children[level]![j], prices, outside);
                }
            }
        }
    }

    /// <summary>
    /// <paramref name="child"/> (to go in front of <c>_path[0..level)</c>) with the latest time-indexed node bound taken
    /// into its bound, if there is one it has not yet taken (each is a bound, so the least of them is kept).
    /// </summary>
    private Child Priced(Child child, int level)
    {
        if (_prices() is not { } prices || child.PricedBy == prices)
        {
            return child;
        }

        Span<double> outside = stackalloc double[TimeIndexedNodeBound.MostTables];
        prices.Outside(_path.AsSpan(0, level), outside);
        return Priced(child, prices, outside);
    }

    /// <summary><paramref name="child"/> with <paramref name="prices"/>' bound taken in, <paramref name="outside"/> summed over its parent's suffix.</summary>
    private Child Priced(Child child, TimeIndexedNodeBound prices, ReadOnlySpan<double> outside)
    {
        if (child.PricedBy == prices)
        {
            return child;
        }

        double bound = prices.Bound(child.Value, outside, child.User, _data.Model[child.User], child.LatestStart, child.Bandwidth);
        return child with { Bound = Math.Min(child.Bound, bound), PricedBy = prices };
    }

    /// <summary>
    /// A user put in front of a suffix: the new first user, its latest start, the bandwidth and value of the longer
    /// suffix, its bound and key, the time-indexed node bound last taken into its bound (null for none), and its bound
    /// without that one, which orders the children: ordered by the time-indexed bound, the cold search of sg30-2 (the
    /// test's) expanded 157,001 labels, against 25,176 ordered by the search's own (28,182 without the node bound). Last,
    /// its steepness: how much more bandwidth the user would need one inference earlier (the order's last tie-break).
    /// </summary>
    internal readonly record struct Child(int User, double LatestStart, double Bandwidth, double Value, double Bound, UserSet RelevantServed, TimeIndexedNodeBound? PricedBy, double OwnBound, double Steepness);

    /// <summary>
    /// The suffixes that end with user <paramref name="First"/> (served last) and <paramref name="Second"/> just before;
    /// <paramref name="Cap"/> bounds every schedule among them (the path relaxation's count at the empty suffix: the
    /// first-level caps are not computed when splitting, where every first-level child is expanded at once).
    /// </summary>
    internal readonly record struct Subtree(int First, Child Second, double Cap);

    /// <summary>
    /// An open child another search gave away (<see cref="TryGive"/>): the users of the suffix it goes in front of, last
    /// served first, the child, and the cap on every schedule below it (its subtree's).
    /// </summary>
    internal readonly record struct SharedChild(int[] Suffix, Child Child, double Cap);

    private sealed class ChildOrder : IComparer<Child>
    {
        public static readonly ChildOrder Instance = new();

        public int Compare(Child x, Child y)
        {
            int byBound = y.OwnBound.CompareTo(x.OwnBound);
            if (byBound != 0)
            {
                return byBound;
            }

            int byStart = y.LatestStart.CompareTo(x.LatestStart);
            return byStart != 0 ? byStart : y.Steepness.CompareTo(x.Steepness);
        }
    }
}
