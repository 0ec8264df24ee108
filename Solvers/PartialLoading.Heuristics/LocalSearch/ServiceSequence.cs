using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// A feasible service order with its timeline cached (instant ends, least slack from each position on, latest starts,
/// least bandwidths and their prefix sums), so the local search can test an insertion without recomputing the order.
/// </summary>
/// <remarks>
/// Inserting user u at position i shifts every later instant end by the same Δ = L(prev, u) + c_u + L(u, next) −
/// L(prev, next) and leaves every later latest start unchanged (it depends only on what follows). So the deadlines
/// hold iff Δ ≤ the least slack from i on (O(1)), and Σβ changes only before i: the backward pass there is walked
/// until a latest start comes out unchanged (docs/model.md §4), stopping as soon as the budget is broken. Latest starts are
/// computed by the backward pass exactly as <see cref="Core.Planning.OrderPlanner"/> does.
/// </remarks>
internal sealed class ServiceSequence
{
    // Relative margin between a bound and its limit before a check gives up early (Σβ against the budget, a shifted end
    // against its deadline): far above the rounding of sums of up to millions of terms, so the answer never changes.
    private const double HopelessMargin = 1e-9;

    private static long s_stamps; // source of Stamp, shared so that no two sequences ever carry the same stamp

    private readonly Instance _instance;
    private readonly LoadingTimes _loading;
    private readonly double _limit;
    private readonly double _hopeless; // a lower bound of Σβ above this is past the budget by far more than rounding
    private readonly List<int> _order = [];
    private readonly int[] _positionOf; // per user: its position, or −1 when unserved
    private double[] _loads = [];
    private double[] _ends = [];
    private double[] _latest = [];
    private double[] _least = [];
    private double[] _prefixLeast = [0.0]; // Σ β over positions before i
    private double[] _suffixSlack = [double.PositiveInfinity]; // least T − e⁰ over positions from i on

    /// <summary>A sequence over <paramref name="order"/>, which must be feasible.</summary>
    public ServiceSequence(Instance instance, LoadingTimes loading, IEnumerable<int> order)
    {
        _instance = instance;
        _loading = loading;
        _limit = instance.Server.BandwidthHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        _hopeless = _limit * (1.0 + HopelessMargin);
        _positionOf = new int[instance.Users.Length];
        Replace(order);
    }

    private ServiceSequence(ServiceSequence other)
    {
        _instance = other._instance;
        _loading = other._loading;
        _limit = other._limit;
        _hopeless = other._hopeless;
        _positionOf = new int[other._positionOf.Length];
        Replace(other._order);
    }

    /// <summary>The users served, in order.</summary>
    public IReadOnlyList<int> Order => _order;

    /// <summary>The number served.</summary>
    public int Count => _order.Count;

    /// <summary>Σ w of the served users.</summary>
    public double Value { get; private set; }

    /// <summary>The instant end of the last inference: the busy time, which a shorter order leaves free for more users.</summary>
    public double BusySeconds => _order.Count > 0 ? _ends[^1] : 0.0;

    /// <summary>Σ β over the served users, Hz.</summary>
    public double LeastBandwidthHz => _prefixLeast[^1];

    /// <summary>The score the search maximises: value, then less busy time, then less bandwidth.</summary>
    public SequenceScore Score => new(Value, BusySeconds, LeastBandwidthHz);

    /// <summary>True when <paramref name="user"/> is served.</summary>
    public bool IsServed(int user) => _positionOf[user] >= 0;

    /// <summary>
    /// Changes on every change of the order and differs between sequences (clones included), so a result computed
    /// from this order can be remembered until it changes.
    /// </summary>
    public long Stamp { get; private set; }

    /// <summary>
    /// β of <paramref name="user"/> with latest start <paramref name="latest"/>: the cached value when the user is served
    /// here with exactly that latest start (the same number the formula gives), else computed.
    /// </summary>
    public double LeastBandwidthOf(int user, double latest)
    {
        int position = _positionOf[user];
        if (position >= 0 && _latest[position] == latest)
        {
            return _least[position];
        }

        User u = _instance.Users[user];
        return LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest);
    }

    /// <summary>The model served at <paramref name="position"/>.</summary>
    public int ModelAt(int position) => _instance.Users[_order[position]].Model;

    /// <summary>An independent copy.</summary>
    public ServiceSequence Clone() => new(this);

    /// <summary>How much inserting <paramref name="user"/> at <paramref name="position"/> lengthens the busy time.</summary>
    public double InsertionDelay(int user, int position)
    {
        int model = _instance.Users[user].Model;
        int previous = position > 0 ? ModelAt(position - 1) : Initial;
        double delay = _loading.Seconds(previous, model) + _instance.Models[model].InferenceSeconds;
        if (position < _order.Count)
        {
            delay += _loading.Seconds(model, ModelAt(position)) - _loads[position];
        }

        return delay;
    }

    /// <summary>
    /// How much moving positions [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) to just
    /// before <paramref name="target"/> lengthens the busy time (negative: shortens it). Only loads change.
    /// </summary>
    public double RelocationDelay(int from, int count, int target)
    {
        int first = ModelAt(from);
        int last = ModelAt(from + count - 1);
        int previous = from > 0 ? ModelAt(from - 1) : Initial;
        double delay = -_loads[from];
        if (from + count < _order.Count)
        {
            int next = ModelAt(from + count);
            delay += _loading.Seconds(previous, next) - _loads[from + count];
        }

        // Where the run lands, its neighbours in the order without it are the original positions target − 1 and target.
        int before = target > 0 ? ModelAt(target - 1) : Initial;
        delay += _loading.Seconds(before, first);
        if (target < _order.Count)
        {
            int after = ModelAt(target);
            delay += _loading.Seconds(last, after) - _loading.Seconds(before, after);
        }

        return delay;
    }

    /// <summary>How much serving <paramref name="user"/> instead of the user at <paramref name="position"/> lengthens the busy time.</summary>
    public double ReplacementDelay(int position, int user)
    {
        int model = _instance.Users[user].Model;
        int previous = position > 0 ? ModelAt(position - 1) : Initial;
        double delay = _loading.Seconds(previous, model) - _loads[position]
            + _instance.Models[model].InferenceSeconds - _instance.Models[ModelAt(position)].InferenceSeconds;
        if (position + 1 < _order.Count)
        {
            int next = ModelAt(position + 1);
            delay += _loading.Seconds(model, next) - _loads[position + 1];
        }

        return delay;
    }

    /// <summary>
    /// False when serving <paramref name="user"/> instead of the user at <paramref name="position"/> surely misses a
    /// deadline (O(1)): its own end is the very number the instant pass computes; every later end moves by
    /// <see cref="ReplacementDelay"/>, compared with the least slack after a margin far above rounding.
    /// </summary>
    public bool MayMeetDeadlinesReplacing(int position, int user)
    {
        User u = _instance.Users[user];
        double load = _loading.Seconds(position > 0 ? ModelAt(position - 1) : Initial, u.Model);
        double end = (position > 0 ? _ends[position - 1] : 0.0) + (load + _instance.Models[u.Model].InferenceSeconds);
        double margin = ScheduleEvaluator.DeadlineToleranceSeconds + (HopelessMargin * Math.Max(1.0, BusySeconds));
        return end <= u.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds
            && ReplacementDelay(position, user) <= _suffixSlack[position + 1] + margin;
    }

    /// <summary>True when inserting <paramref name="user"/> at <paramref name="position"/> keeps the order feasible.</summary>
    public bool CanInsert(int user, int position) => MeetsDeadlinesWith(user, position) && FitsBudgetWith(user, position);

    /// <summary>True when every deadline still holds with <paramref name="user"/> inserted at <paramref name="position"/> (O(1)).</summary>
    public bool MeetsDeadlinesWith(int user, int position)
    {
        User u = _instance.Users[user];
        double inference = _instance.Models[u.Model].InferenceSeconds;
        double loadBefore = _loading.Seconds(position > 0 ? ModelAt(position - 1) : Initial, u.Model);
        double end = (position > 0 ? _ends[position - 1] : 0.0) + loadBefore + inference;
        return end <= u.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds
            && (position == _order.Count || InsertionDelay(user, position) <= _suffixSlack[position] + ScheduleEvaluator.DeadlineToleranceSeconds);
    }

    /// <summary>
    /// True when Σβ still fits the budget with <paramref name="user"/> inserted at <paramref name="position"/>
    /// (meaningful once <see cref="MeetsDeadlinesWith"/> holds): O(positions before it whose latest start moves).
    /// </summary>
    public bool FitsBudgetWith(int user, int position)
    {
        User u = _instance.Users[user];
        double inference = _instance.Models[u.Model].InferenceSeconds;
        double loadBefore = _loading.Seconds(position > 0 ? ModelAt(position - 1) : Initial, u.Model);
        double latest = u.DeadlineSeconds - inference;
        if (position < _order.Count)
        {
            latest = Math.Min(latest, _latest[position] - _loading.Seconds(u.Model, ModelAt(position)) - inference);
        }

        double sum = (_prefixLeast[^1] - _prefixLeast[position]) + LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest);
        return SumWalkingBack(position - 1, sum, latest - loadBefore, onlyEarlier: true) <= _limit;
    }

    /// <summary>
    /// Σβ of the order with <paramref name="user"/> serving instead of the user at <paramref name="position"/>, or +∞
    /// as soon as it surely breaks the budget (meaningful when the deadlines hold, see
    /// <see cref="MayMeetDeadlinesReplacing"/>): O(positions before it whose latest start moves), where the
    /// whole-order evaluation costs O(Count). Later positions keep their latest starts and β.
    /// </summary>
    public double LeastBandwidthReplacing(int position, int user)
    {
        User u = _instance.Users[user];
        double inference = _instance.Models[u.Model].InferenceSeconds;
        double loadBefore = _loading.Seconds(position > 0 ? ModelAt(position - 1) : Initial, u.Model);
        double latest = u.DeadlineSeconds - inference;
        if (position + 1 < _order.Count)
        {
            latest = Math.Min(latest, _latest[position + 1] - _loading.Seconds(u.Model, ModelAt(position + 1)) - inference);
        }

        double sum = (_prefixLeast[^1] - _prefixLeast[position + 1]) + LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest);
        return SumWalkingBack(position - 1, sum, latest - loadBefore, onlyEarlier: false);
    }

    /// <summary>
    /// Σβ once the backward pass is walked from <paramref name="from"/> down, given <paramref name="sum"/> for the
    /// positions after it and <paramref name="bound"/> (the next latest start less its load) from the first of them;
    /// stops where a latest start comes out unchanged (nothing earlier moves), or with +∞ once over the budget.
    /// <paramref name="onlyEarlier"/>: the change only adds work (an insertion), so latest starts only move earlier
    /// (triangle inequality): one that does not is unchanged, and the positions not walked yet need at least their
    /// present β. Otherwise (a replacement) they may move either way, and the walk stops only where one is the same.
    /// </summary>
    private double SumWalkingBack(int from, double sum, double bound, bool onlyEarlier)
    {
        for (int p = from; p >= 0; p--)
        {
            if (!(sum <= _limit) || (onlyEarlier && sum + _prefixLeast[p + 1] > _hopeless))
            {
                return double.PositiveInfinity;
            }

            User earlier = _instance.Users[_order[p]];
            double c = _instance.Models[earlier.Model].InferenceSeconds;
            double lp = Math.Min(earlier.DeadlineSeconds - c, bound - c);
            if (onlyEarlier ? lp >= _latest[p] : lp == _latest[p])
            {
                return sum + _prefixLeast[p + 1]; // nothing earlier moves
            }

            sum += LeastBandwidth.Hz(earlier.SnrBandwidthHz, earlier.DataBits, lp);
            bound = lp - _loads[p];
        }

        return sum <= _limit ? sum : double.PositiveInfinity;
    }

    /// <summary>Inserts (the caller has checked <see cref="CanInsert"/>).</summary>
    public void Insert(int user, int position)
    {
        _order.Insert(position, user);
        Rebuild();
    }

    /// <summary>Removes the users at positions [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>); always stays feasible.</summary>
    public void RemoveRange(int from, int count)
    {
        _order.RemoveRange(from, count);
        Rebuild();
    }

    /// <summary>Replaces the order if <paramref name="order"/> is feasible and scores better.</summary>
    public bool TryReplace(IReadOnlyList<int> order, SequenceScore better)
    {
        if (!Feasibility.Evaluate(_instance, _loading, order, out SequenceScore score, this) || score.CompareTo(better) <= 0)
        {
            return false;
        }

        Replace(order);
        return true;
    }

    private int Initial => _instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;

    private void Replace(IEnumerable<int> order)
    {
        int[] copy = [.. order];
        _order.Clear();
        _order.AddRange(copy);
        Rebuild();
    }

    private void Rebuild()
    {
        int n = _order.Count;
        Stamp = Interlocked.Increment(ref s_stamps);
        Array.Fill(_positionOf, -1);
        _loads = new double[n];
        _ends = new double[n];
        _latest = new double[n];
        _least = new double[n];
        _prefixLeast = new double[n + 1];
        _suffixSlack = new double[n + 1];
        var deadlines = new double[n];
        var inference = new double[n];
        InstantPass.Compute(_instance, _loading, _order, deadlines, inference, _loads, _ends);
        double value = 0.0;
        for (int i = 0; i < n; i++)
        {
            _positionOf[_order[i]] = i;
            value += _instance.Users[_order[i]].Weight;
        }

        LatestStarts.Compute(deadlines, inference, _loads, _latest);
        _suffixSlack[n] = double.PositiveInfinity;
        for (int i = n - 1; i >= 0; i--)
        {
            _suffixSlack[i] = Math.Min(_suffixSlack[i + 1], deadlines[i] - _ends[i]);
        }

        for (int i = 0; i < n; i++)
        {
            User user = _instance.Users[_order[i]];
            _least[i] = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, _latest[i]);
            _prefixLeast[i + 1] = _prefixLeast[i] + _least[i];
        }

        Value = value;
    }
}
