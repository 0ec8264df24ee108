using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// Re-solves a <see cref="WindowProblem"/> exactly: a depth-first branch and bound over window fillings built from
/// the back, as the labeling search builds whole schedules (<see cref="Labeling.SuffixSearch"/>), but starting from
/// the suffix's first model and latest start instead of from nothing, and ending at the prefix instead of at time 0.
/// </summary>
/// <remarks>
/// <para>
/// A label is (served set, first model h, its latest start LS, Σβ of the window so far). Putting user k (model m) in
/// front gives <c>LS' = min(T_k − c_m, LS − L(m, h) − c_m)</c>; the label is a complete window once the prefix fits in
/// front (<c>e⁰_prefix + L(h_prefix, h) ≤ LS</c>, the instant pass) and the suffix's, the window's and the prefix's
/// bandwidth fit in B, the prefix's taken at the time the window leaves it (<see cref="PrefixBandwidth"/>). Both only
/// get worse as users go in front (triangle inequality, monotone β), so failing either ends a branch.
/// </para>
/// <para>
/// The tree is searched by limited discrepancy (Harvey &amp; Ginsberg, IJCAI 1995): passes that may leave the first
/// (latest-start) child 0, 1, 2, 4, … times on a path, the last pass unlimited, so a node budget buys a spread of
/// fillings rather than variations of the window's front alone. Pruning: dominance between labels of one set and first model (<see cref="WindowLabels"/>); and a bound on what
/// still fits in front: the least of two fractional knapsacks over the candidates that could still go there, one on
/// inference time (all of it between the prefix's end and LS) and one on bandwidth (each at least β at its own
/// deadline). Ties in value are broken by less Σβ for the prefix and window, which leaves the rest more room.
/// Exact within a node budget; when the budget runs out the best filling found so far is returned, and the caller's
/// check of the whole schedule stays the arbiter either way.
/// </para>
/// </remarks>
internal sealed class WindowSearch
{
    /// <summary>The most candidates a window holds (a served set is one 64-bit mask).</summary>
    public const int MaxCandidates = 64;

    private const double ValueEpsilon = 1e-9;
    private const double Tolerance = ScheduleEvaluator.DeadlineToleranceSeconds;

    private readonly int _nodeLimit;
    private readonly WindowLabels _labels = new();
    private readonly Child[][] _children = new Child[MaxCandidates + 1][];
    private readonly int[] _path = new int[MaxCandidates];
    private readonly int[] _model = new int[MaxCandidates];
    private readonly double[] _inference = new double[MaxCandidates];
    private readonly double[] _deadline = new double[MaxCandidates];
    private readonly double[] _snr = new double[MaxCandidates];
    private readonly double[] _bits = new double[MaxCandidates];
    private readonly double[] _weight = new double[MaxCandidates];
    private readonly double[] _loadIn = new double[MaxCandidates];
    private readonly double[] _leastBeta = new double[MaxCandidates];
    private readonly int[] _byTime = new int[MaxCandidates];
    private readonly int[] _byBandwidth = new int[MaxCandidates];

    private WindowProblem _problem = null!;
    private LoadingTimes _loading = null!;
    private int _count;
    private ulong _alive;
    private double _bestValue;
    private double _bestNeed;
    private int[]? _bestOrder;
    private bool _aborted;
    private bool _firstOfBest;
    private int _allowedDiscrepancies;
    private bool _cut;

    /// <param name="nodeLimit">Labels expanded per window at most.</param>
    public WindowSearch(int nodeLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeLimit, 1);
        _nodeLimit = nodeLimit;
        for (int i = 0; i <= MaxCandidates; i++)
        {
            _children[i] = new Child[MaxCandidates];
        }
    }

    /// <summary>Labels expanded by the last <see cref="Solve"/>.</summary>
    public int Nodes { get; private set; }

    /// <summary>Whether the last <see cref="Solve"/> ran to the end (its answer is then the window's optimum).</summary>
    public bool Completed => !_aborted;

    /// <summary>
    /// The best filling of the window that beats the incumbent: more value, or as much with less Σβ for the prefix
    /// and window. Null when none does (within the node budget).
    /// </summary>
    /// <param name="problem">The window.</param>
    /// <param name="incumbentValue">The value to beat (the window's current filling, with any users taken from elsewhere).</param>
    /// <param name="incumbentNeedHz">Σβ of the prefix and window now; +∞ to ask for the best filling whatever its bandwidth.</param>
    /// <param name="firstOfBest">
    /// Keep the first filling found of the best value instead of the one that needs least bandwidth: with
    /// <paramref name="incumbentNeedHz"/> = +∞ that is a sideways move, another filling as good as the incumbent.
    /// </param>
    public WindowSolution? Solve(WindowProblem problem, double incumbentValue, double incumbentNeedHz, bool firstOfBest = false)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _problem = problem;
        _loading = problem.Loading;
        _labels.Clear();
        Nodes = 0;
        _aborted = false;
        _bestValue = incumbentValue;
        _bestNeed = incumbentNeedHz;
        _bestOrder = null;
        _firstOfBest = firstOfBest;
        Load(problem);
        Consider(0, problem.ModelAfter, problem.LatestAfter, 0.0, 0.0);
        for (int allowed = 0; ; allowed = allowed == 0 ? 1 : 2 * allowed)
        {
            _allowedDiscrepancies = allowed >= _count ? int.MaxValue : allowed;
            _cut = false;
            _labels.Clear(); // a kept label's subtree may have been cut in the last pass
            Expand(0UL, problem.ModelAfter, problem.LatestAfter, 0.0, 0.0, 0, 0);
            if (_aborted || !_cut)
            {
                break;
            }
        }
        return _bestOrder is int[] order ? new WindowSolution(order, _bestValue, _bestNeed) : null;
    }

    private void Load(WindowProblem problem)
    {
        Instance instance = problem.Instance;
        _count = problem.Candidates.Length;
        _alive = 0UL;
        for (int j = 0; j < _count; j++)
        {
            User user = instance.Users[problem.Candidates[j]];
            _model[j] = user.Model;
            _inference[j] = instance.Models[user.Model].InferenceSeconds;
            _deadline[j] = user.DeadlineSeconds;
            _snr[j] = user.SnrBandwidthHz;
            _bits[j] = user.DataBits;
            _weight[j] = user.Weight;
            _loadIn[j] = _loading.Seconds(problem.ModelBefore, user.Model);
            _leastBeta[j] = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, user.DeadlineSeconds - _inference[j]);
            if (problem.EndBefore + _loadIn[j] + _inference[j] <= _deadline[j] + Tolerance && _leastBeta[j] <= problem.LimitHz)
            {
                _alive |= 1UL << j;
            }

            _byTime[j] = j;
            _byBandwidth[j] = j;
        }

        Array.Sort(_byTime, 0, _count, Comparer<int>.Create((x, y) => (_inference[x] / _weight[x]).CompareTo(_inference[y] / _weight[y]) is int c && c != 0 ? c : x.CompareTo(y)));
        Array.Sort(_byBandwidth, 0, _count, Comparer<int>.Create((x, y) => (_leastBeta[x] / _weight[x]).CompareTo(_leastBeta[y] / _weight[y]) is int c && c != 0 ? c : x.CompareTo(y)));
    }

    /// <summary>Records the label as the best filling if the prefix fits in front and it beats the best so far.</summary>
    private void Consider(int depth, int model, double latestStart, double need, double value)
    {
        WindowProblem p = _problem;
        if (value < _bestValue - ValueEpsilon)
        {
            return;
        }

        double load = model == WindowProblem.NoModel ? 0.0 : _loading.Seconds(p.ModelBefore, model);
        if (p.EndBefore + load > latestStart + Tolerance)
        {
            return;
        }

        bool more = value > _bestValue + ValueEpsilon;
        double delta = model == WindowProblem.NoModel ? double.PositiveInfinity : latestStart - load - p.EndBefore;
        double fixedPart = p.LeastAfter + need;
        double lower = p.Prefix.Lower(delta);
        if (fixedPart + lower > p.LimitHz || (!more && !Less(need + lower, _bestNeed)))
        {
            return;
        }

        double prefix = p.Prefix.Upper(delta);
        if (!(fixedPart + prefix <= p.LimitHz && (more || Less(need + prefix, _bestNeed))))
        {
            if (!p.Prefix.TryExact(delta, out prefix) || fixedPart + prefix > p.LimitHz || (!more && !Less(need + prefix, _bestNeed)))
            {
                return;
            }
        }

        _bestValue = value;
        _bestNeed = need + prefix;
        var order = new int[depth];
        for (int i = 0; i < depth; i++)
        {
            order[i] = p.Candidates[_path[depth - 1 - i]];
        }

        _bestOrder = order;
    }

    // Less bandwidth by more than rounding; never, once a filling is kept, when the first of the best value is wanted.
    private bool Less(double need, double than) => need < than - (1e-12 * _problem.LimitHz) && !(_firstOfBest && _bestOrder is not null);

    private void Expand(ulong served, int model, double latestStart, double need, double value, int depth, int discrepancies)
    {
        WindowProblem p = _problem;
        Child[] children = _children[depth];
        int count = 0;
        for (int j = 0; j < _count; j++)
        {
            if (((served | ~_alive) >> j & 1UL) != 0)
            {
                continue;
            }

            int m = _model[j];
            double c = _inference[j];
            double own = _deadline[j] - c;
            double latest = model == WindowProblem.NoModel ? own : Math.Min(own, latestStart - _loading.Seconds(m, model) - c);
            if (p.EndBefore + _loadIn[j] > latest + Tolerance)
            {
                continue;
            }

            double childNeed = need + LeastBandwidth.Hz(_snr[j], _bits[j], latest);
            double delta = latest - _loadIn[j] - p.EndBefore;
            if (!(p.LeastAfter + childNeed + p.Prefix.Lower(delta) <= p.LimitHz))
            {
                continue;
            }

            children[count++] = new Child(j, latest, childNeed, value + _weight[j]);
        }

        Array.Sort(children, 0, count, ChildOrder.Instance);
        for (int i = 0; i < count; i++)
        {
            if (Nodes >= _nodeLimit)
            {
                _aborted = true;
                return;
            }

            if (i > 0 && discrepancies >= _allowedDiscrepancies)
            {
                _cut = true;
                return;
            }

            Child child = children[i];
            ulong next = served | (1UL << child.Index);
            int m = _model[child.Index];
            if (_labels.IsDominatedElseAdd(next, m, child.LatestStart, child.Need))
            {
                continue;
            }

            Nodes++;
            _path[depth] = child.Index;
            Consider(depth + 1, m, child.LatestStart, child.Need, child.Value);
            if (child.Value + Remaining(next, child.LatestStart, child.Need, _loading.Seconds(p.ModelBefore, m)) > _bestValue + ValueEpsilon)
            {
                Expand(next, m, child.LatestStart, child.Need, child.Value, depth + 1, discrepancies + (i > 0 ? 1 : 0));
                if (_aborted)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// An upper bound on the weight that still fits in front of a label: the candidates that could end before its
    /// start, packed fractionally by inference time into the time after the prefix, and by their least β into the
    /// bandwidth left; the smaller of the two.
    /// </summary>
    private double Remaining(ulong served, double latestStart, double need, double load)
    {
        WindowProblem p = _problem;
        ulong eligible = 0UL;
        double total = 0.0;
        for (int j = 0; j < _count; j++)
        {
            if (((served | ~_alive) >> j & 1UL) == 0 && p.EndBefore + _loadIn[j] + _inference[j] <= Math.Min(_deadline[j], latestStart) + Tolerance)
            {
                eligible |= 1UL << j;
                total += _weight[j];
            }
        }

        if (eligible == 0UL)
        {
            return 0.0;
        }

        double delta = latestStart - load - p.EndBefore;
        double time = Knapsack(_byTime, _inference, eligible, latestStart - p.EndBefore + Tolerance);
        double bandwidth = Knapsack(_byBandwidth, _leastBeta, eligible, p.LimitHz - p.LeastAfter - need - p.Prefix.Lower(delta));
        return Math.Min(total, Math.Min(time, bandwidth));
    }

    private double Knapsack(int[] order, double[] size, ulong eligible, double capacity)
    {
        double value = 0.0;
        for (int i = 0; i < _count; i++)
        {
            int j = order[i];
            if ((eligible >> j & 1UL) == 0)
            {
                continue;
            }

            if (size[j] <= capacity)
            {
                value += _weight[j];
                capacity -= size[j];
            }
            else
            {
                // Items come by size per weight, so zero-size ones were taken first; the next fits only in part.
                return value + (capacity > 0.0 ? _weight[j] * capacity / size[j] : 0.0);
            }
        }

        return value;
    }

    private readonly record struct Child(int Index, double LatestStart, double Need, double Value);

    /// <summary>Latest start first (the most room left in front), then less bandwidth, then candidate order.</summary>
    private sealed class ChildOrder : IComparer<Child>
    {
        public static readonly ChildOrder Instance = new();

        public int Compare(Child x, Child y)
        {
            int c = y.LatestStart.CompareTo(x.LatestStart);
            if (c == 0)
            {
                c = x.Need.CompareTo(y.Need);
            }

            return c != 0 ? c : x.Index.CompareTo(y.Index);
        }
    }
}
