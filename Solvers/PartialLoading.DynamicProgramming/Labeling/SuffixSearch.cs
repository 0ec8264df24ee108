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
/// Pruning: a child whose value plus <see cref="PrefixBound.Evaluate"/> (capped by its parent's bound) cannot beat the
/// incumbent is dropped; so is one that a kept label beats (<see cref="LabelStore"/>); before a label is expanded, <see cref="PrefixBound.PathRelaxationFits"/>
/// must still find room for a better schedule. Children are tried best bound first, so good schedules come early.
/// Every node not yet seen lies below a child not yet tried at some level of the recursion, so the largest bound among
/// those (<see cref="OpenBound"/>) bounds every schedule not yet seen.
/// </para>
/// </remarks>
internal sealed class SuffixSearch
{
    private const int StopCheckInterval = 1024;

    private readonly SequencingData _data;
    private readonly PrefixBound _bound;
    private readonly LabelStore _store = new();
    private readonly Func<int, bool> _improved;
    private readonly Func<bool> _stop;
    private readonly double _tolerance;
    private readonly double _budget;
    private readonly Child[][] _children;
    private readonly int[] _childCount;
    private readonly int[] _nextChild;
    private readonly int[] _path;
    private int _sinceCheck = StopCheckInterval - 1; // the first child checks at once, so a cancelled token stops at the root

    /// <param name="data">The users and times.</param>
    /// <param name="incumbent">The value to beat (a warm start's); only strictly better schedules are reported.</param>
    /// <param name="improved">Called with the length of a better suffix (read it from <see cref="Path"/>); true when it was accepted.</param>
    /// <param name="stop">Polled every so often; true stops the search.</param>
    /// <param name="toleranceSeconds">The deadline tolerance of docs/model.md §3.</param>
    public SuffixSearch(SequencingData data, double incumbent, Func<int, bool> improved, Func<bool> stop, double toleranceSeconds)
    {
        _data = data;
        _bound = new PrefixBound(data, toleranceSeconds);
        Incumbent = incumbent;
        _improved = improved;
        _stop = stop;
        _tolerance = toleranceSeconds;
        _budget = data.BudgetHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        int n = data.Count;
        _children = new Child[n + 1][];
        for (int i = 0; i <= n; i++)
        {
            _children[i] = new Child[n];
        }

        _childCount = new int[n + 1];
        _nextChild = new int[n + 1];
        _path = new int[n];
    }

    /// <summary>The best value found (or the warm start's).</summary>
    public double Incumbent { get; private set; }

    /// <summary>Whether the search ran to the end: then <see cref="Incumbent"/> is optimal.</summary>
    public bool Completed { get; private set; }

    /// <summary>Labels expanded.</summary>
    public long Expanded { get; private set; }

    /// <summary>Labels kept by the dominance store.</summary>
    public long LabelsKept => _store.Count;

    /// <summary>The users of the suffix just reported, last served first (local numbers).</summary>
    public ReadOnlySpan<int> Path(int length) => _path.AsSpan(0, length);

    /// <summary>Runs the search until it ends or <c>stop</c> says so.</summary>
    public void Run()
    {
        double rootBound = _bound.Evaluate(0UL, -1, double.PositiveInfinity, _data.BudgetHz, out _);
        Completed = rootBound <= Incumbent || Expand(0UL, -1, double.PositiveInfinity, 0.0, 0.0, rootBound, 0);
    }

    /// <summary>The largest bound among the children not yet tried at any level, or the incumbent if larger.</summary>
    public double OpenBound()
    {
        double bound = Incumbent;
        for (int level = 0; level < _childCount.Length; level++)
        {
            for (int j = _nextChild[level]; j < _childCount[level]; j++)
            {
                bound = Math.Max(bound, _children[level][j].Bound);
            }
        }

        return bound;
    }

    /// <returns>False when stopped before the subtree was done.</returns>
    private bool Expand(ulong served, int firstModel, double latestStart, double bandwidth, double value, double bound, int level)
    {
        int count = CollectChildren(served, firstModel, latestStart, bandwidth, value, bound, level);
        Child[] children = _children[level];
        _childCount[level] = count;
        for (int j = 0; j < count; j++)
        {
            _nextChild[level] = j;
            if (++_sinceCheck >= StopCheckInterval)
            {
                _sinceCheck = 0;
                if (_stop())
                {
                    return false;
                }
            }

            _nextChild[level] = j + 1;
            Child child = children[j];
            if (child.Bound <= Incumbent)
            {
                continue;
            }

            int model = _data.Model[child.User];
            if (_store.IsDominatedElseAdd(child.RelevantServed, model, child.LatestStart, child.Bandwidth, child.Value))
            {
                continue;
            }

            _path[level] = child.User;
            if (child.Value > Incumbent && _improved(level + 1))
            {
                Incumbent = child.Value;
            }

            ulong next = served | (1UL << child.User);
            if (_data.UnitWeights)
            {
                int needed = (int)Math.Floor((Incumbent - child.Value) / _data.Weight[child.User]) + 1;
                if (!_bound.PathRelaxationFits(next, model, child.LatestStart, _data.BudgetHz - child.Bandwidth, needed))
                {
                    continue;
                }
            }

            Expanded++;
            if (!Expand(next, model, child.LatestStart, child.Bandwidth, child.Value, child.Bound, level + 1))
            {
                return false;
            }
        }

        _childCount[level] = 0;
        _nextChild[level] = 0;
        return true;
    }

    /// <summary>
    /// Every user that can go in front of the suffix and whose bound beats the incumbent, best bound first. A child's
    /// bound is also capped by its parent's: whatever goes in front of the child goes in front of the parent too, and
    /// the relaxations are not monotone on their own (a child's caps can make another threshold apply).
    /// </summary>
    private int CollectChildren(ulong served, int firstModel, double latestStart, double bandwidth, double value, double parentBound, int level)
    {
        SequencingData d = _data;
        Child[] children = _children[level];
        int count = 0;
        int m = d.ModelCount;
        for (int k = 0; k < d.Count; k++)
        {
            if ((served >> k & 1UL) != 0)
            {
                continue;
            }

            int model = d.Model[k];
            double c = d.Inference[k];
            double own = d.Deadline[k] - c;
            double latest = firstModel < 0 ? own : Math.Min(own, latestStart - d.Loading[(model * m) + firstModel] - c);
            if (d.FromInitial[model] > latest + _tolerance)
            {
                continue;
            }

            double need = bandwidth + LeastBandwidth.Hz(d.SnrHz[k], d.DataBits[k], latest);
            if (!(need <= _budget))
            {
                continue;
            }

            double childValue = value + d.Weight[k];
            double bound = Math.Min(parentBound, childValue + _bound.Evaluate(served | (1UL << k), model, latest, d.BudgetHz - need, out ulong relevant));
            if (bound > Incumbent)
            {
                children[count++] = new Child(k, latest, need, childValue, bound, relevant);
            }
        }

        // Best bound first; among equal bounds the later latest start (more room in front).
        Array.Sort(children, 0, count, ChildOrder.Instance);
        return count;
    }

    private readonly record struct Child(int User, double LatestStart, double Bandwidth, double Value, double Bound, ulong RelevantServed);

    private sealed class ChildOrder : IComparer<Child>
    {
        public static readonly ChildOrder Instance = new();

        public int Compare(Child x, Child y)
        {
            int byBound = y.Bound.CompareTo(x.Bound);
            return byBound != 0 ? byBound : y.LatestStart.CompareTo(x.LatestStart);
        }
    }
}
