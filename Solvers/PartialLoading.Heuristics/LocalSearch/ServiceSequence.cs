using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// A feasible service order with its timeline cached (instant ends, least slack from each position on, latest starts,
/// least bandwidths and their prefix sums, the slopes of β there, a range-minimum table of slacks and the same-model
/// runs), so the local search can test a move without recomputing the order.
/// </summary>
/// <remarks>
/// Inserting user u at position i shifts every later instant end by the same Δ = L(prev, u) + c_u + L(u, next) −
/// L(prev, next) and leaves every later latest start unchanged (it depends only on what follows). So the deadlines
/// hold iff Δ ≤ the least slack from i on (O(1)), and Σβ changes only before i: the backward pass there is walked
/// until a latest start comes out unchanged (docs/model.md §4), stopping as soon as the budget is broken. Latest starts are
/// computed by the backward pass exactly as <see cref="Core.Planning.OrderPlanner"/> does.
/// <para>
/// Segment summaries (<see cref="LatestStartSegment"/>): position p's latest start is its instant start plus the least
/// slack T − e⁰ from p on, so any run [l, r) of the order is summarised in O(1) from a range-minimum table of slacks,
/// and a relocation, the concatenation of at most four runs, is checked against every deadline in O(1)
/// (<see cref="MayMeetDeadlinesMoving"/>). The budget is filtered in O(log n) before the exact walk: an insertion
/// leaves later latest starts alone and moves earlier ones to at most "instant start + z" (z the slack it leaves), so
/// the positions that move form one block found by binary search on the suffix slacks, and since β is convex and
/// decreasing their increase is at least the tangent Σ|β′|·(slack − z), two prefix sums
/// (<see cref="MayFitBudgetInserting"/>).
/// </para>
/// </remarks>
internal sealed class ServiceSequence
{
    // Relative margin between a bound and its limit before a check gives up early (Σβ against the budget, a shifted end
    // against its deadline): far above the rounding of sums of up to millions of terms, so the answer never changes.
    private const double HopelessMargin = 1e-9;

    // The tangent bound is discounted by this relative margin: rounding in the slopes and slacks never makes it exceed the truth.
    private const double TangentMargin = 1e-6;

    private static long s_stamps; // source of Stamp, shared so that no two sequences ever carry the same stamp

    private readonly Instance _instance;
    private readonly LoadingTimes _loading;
    private readonly double _limit;
    private readonly double _hopeless; // a lower bound of Σβ above this is past the budget by far more than rounding
    private readonly List<int> _order = [];
    private readonly int[] _positionOf; // per user: its position, or −1 when unserved
    private readonly int[] _modelOf; // per user: its model (contiguous, for the passes over whole orders)
    private readonly double[] _deadlineOf; // per user: T (contiguous, as _modelOf)
    private readonly double[] _inferenceOf; // per user: its model's inference time
    private readonly double[] _weightOf; // per user: w

    // The cached arrays below hold _count positions (or _count + 1 entries) and may be longer. A copy shares them until
    // either rebuilds (_shared): then it takes fresh ones; an unshared sequence overwrites its own in place.
    private bool _shared;
    private int _count;
    private double[] _loads = [];
    private double[] _ends = [];
    private double[] _latest = [];
    private double[] _least = [];
    private double[] _prefixLeast = [0.0]; // Σ β over positions before i
    private double[] _suffixSlack = [double.PositiveInfinity]; // least T − e⁰ over positions from i on
    private double[][] _slackTable = []; // [k][i]: least T − e⁰ over positions [i, i + 2^k) (level 0 is _slack); this instance's own
    private bool _slackTableBuilt; // _slackTable holds the present order's table (built when first needed after a change)
    private double[] _prefixSlope = [0.0]; // Σ |β′(LS)| over positions before i
    private double[] _prefixSlopeSlack = [0.0]; // Σ |β′(LS)|·(least slack from that position on) over positions before i
    private double[] _slopes = []; // per position: |β′(LS)|, reused with β where a latest start is unchanged
    private double[] _slack = []; // per position: T − e⁰
    private int[] _snapshot = []; // the order at the last rebuild, to clear _positionOf and reuse β
    // The runs and their index by model: this instance's own (a copy copies them, O(runs)), rewritten in place.
    private ModelRun[] _runs = []; // the first _runCount entries are the runs
    private int _runCount;
    private ModelRun[] _trialRuns = [];
    private int[] _modelRunStart = []; // the runs of model m are _modelRuns[_modelRunStart[m] .. _modelRunStart[m + 1])
    private int[] _modelRuns = [];
    private int[] _nextRun = []; // scratch of the index by model

    // Scratch of a rebuild (this instance's own, never shared with a copy): a candidate is computed here and copied
    // into the cached arrays only when it is kept, so a rejected candidate allocates nothing.
    private double[] _trialDeadlines = [];
    private double[] _trialInference = [];
    private double[] _trialLoads = [];
    private double[] _trialEnds = [];
    private double[] _trialLatest = [];
    private double[] _trialLeast = [];
    private double[] _trialSlopes = [];

    /// <summary>A sequence over <paramref name="order"/>, which must be feasible.</summary>
    public ServiceSequence(Instance instance, LoadingTimes loading, IEnumerable<int> order)
    {
        _instance = instance;
        _loading = loading;
        _limit = instance.Server.BandwidthHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        _hopeless = _limit * (1.0 + HopelessMargin);
        _positionOf = new int[instance.Users.Length];
        Array.Fill(_positionOf, -1);
        _modelOf = [.. instance.Users.Select(u => u.Model)];
        _deadlineOf = [.. instance.Users.Select(u => u.DeadlineSeconds)];
        _inferenceOf = [.. instance.Users.Select(u => instance.Models[u.Model].InferenceSeconds)];
        _weightOf = [.. instance.Users.Select(u => u.Weight)];
        Replace(order);
    }

    // A copy shares the cached arrays until either rebuilds.
    private ServiceSequence(ServiceSequence other)
    {
        _instance = other._instance;
        _loading = other._loading;
        _limit = other._limit;
        _hopeless = other._hopeless;
        _positionOf = (int[])other._positionOf.Clone();
        (_modelOf, _deadlineOf, _inferenceOf, _weightOf) = (other._modelOf, other._deadlineOf, other._inferenceOf, other._weightOf);
        _order.AddRange(other._order);
        (_loads, _ends, _latest, _least, _prefixLeast, _suffixSlack) = (other._loads, other._ends, other._latest, other._least, other._prefixLeast, other._suffixSlack);
        (_prefixSlope, _prefixSlopeSlack, _snapshot) = (other._prefixSlope, other._prefixSlopeSlack, other._snapshot);
        (_slopes, _slack) = (other._slopes, other._slack);
        (_runs, _runCount) = ((ModelRun[])other._runs.Clone(), other._runCount);
        (_modelRunStart, _modelRuns, _nextRun) = ((int[])other._modelRunStart.Clone(), (int[])other._modelRuns.Clone(), new int[other._nextRun.Length]);
        (_count, _shared, other._shared) = (other._count, true, true);
        Value = other.Value;
        MostLeastBandwidthHz = other.MostLeastBandwidthHz;
        Stamp = Interlocked.Increment(ref s_stamps);
    }

    /// <summary>The users served, in order.</summary>
    public IReadOnlyList<int> Order => _order;

    /// <summary>The number served.</summary>
    public int Count => _order.Count;

    /// <summary>Σ w of the served users.</summary>
    public double Value { get; private set; }

    /// <summary>The instant end of the last inference: the busy time, which a shorter order leaves free for more users.</summary>
    public double BusySeconds => _count > 0 ? _ends[_count - 1] : 0.0;

    /// <summary>Σ β over the served users, Hz.</summary>
    public double LeastBandwidthHz => _prefixLeast[_count];

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
    public int ModelAt(int position) => _modelOf[_order[position]];

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
    /// How much removing the user at <paramref name="position"/> shortens the busy time. Serving another user of model
    /// m there lengthens it by at least c_m (triangle inequality), so only positions saving more can take a user for a
    /// shorter busy time.
    /// </summary>
    public double RemovalSaving(int position)
    {
        double saving = _loads[position] + _instance.Models[ModelAt(position)].InferenceSeconds;
        if (position + 1 < _order.Count)
        {
            saving += _loads[position + 1] - _loading.Seconds(position > 0 ? ModelAt(position - 1) : Initial, ModelAt(position + 1));
        }

        return saving;
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
        (User u, double latest, double bound) = Placed(user, position, position);

        double sum = (LeastBandwidthHz - _prefixLeast[position]) + LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest);
        return SumWalkingBack(position - 1, sum, bound, onlyEarlier: true) <= _limit;
    }

    /// <summary>
    /// Σβ of the order with <paramref name="user"/> serving instead of the user at <paramref name="position"/>, or +∞
    /// as soon as it surely breaks the budget (meaningful when the deadlines hold, see
    /// <see cref="MayMeetDeadlinesReplacing"/>): O(positions before it whose latest start moves), where the
    /// whole-order evaluation costs O(Count). Later positions keep their latest starts and β.
    /// </summary>
    public double LeastBandwidthReplacing(int position, int user)
    {
        (User u, double latest, double bound) = Placed(user, position, position + 1);

        double sum = (LeastBandwidthHz - _prefixLeast[position + 1]) + LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest);
        return SumWalkingBack(position - 1, sum, bound, onlyEarlier: false);
    }

    /// <summary>
    /// <paramref name="user"/> placed at <paramref name="position"/> with position <paramref name="next"/> of this
    /// order after it (none when past the end): its latest start, and the bound it sets for the position before it
    /// (that latest start less the load into it).
    /// </summary>
    private (User User, double Latest, double Bound) Placed(int user, int position, int next)
    {
        User u = _instance.Users[user];
        double inference = _instance.Models[u.Model].InferenceSeconds;
        double latest = u.DeadlineSeconds - inference;
        if (next < _order.Count)
        {
            latest = Math.Min(latest, _latest[next] - _loading.Seconds(u.Model, ModelAt(next)) - inference);
        }

        return (u, latest, latest - _loading.Seconds(position > 0 ? ModelAt(position - 1) : Initial, u.Model));
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

    /// <summary>β of the user at <paramref name="position"/>, Hz.</summary>
    public double LeastBandwidthAt(int position) => _least[position];

    /// <summary>The largest β of a served user, Hz (0 when none is served).</summary>
    public double MostLeastBandwidthHz { get; private set; }

    /// <summary>The same-model runs of the order, first to last.</summary>
    public ArraySegment<ModelRun> Runs => new(_runs, 0, _runCount);

    /// <summary>The indices (into <see cref="Runs"/>) of the runs serving <paramref name="model"/>, in order.</summary>
    public ArraySegment<int> RunsOf(int model) => new(_modelRuns, _modelRunStart[model], _modelRunStart[model + 1] - _modelRunStart[model]);

    /// <summary>
    /// False when <paramref name="user"/> surely fits nowhere for the deadlines (O(log n)): inserted at position q it
    /// delays every later user by at least its inference (triangle inequality), the least slack from q on is largest
    /// at the last q its own deadline allows, and a margin far above rounding leaves borderline cases to the exact checks.
    /// </summary>
    public bool MayInsertSomewhere(int user)
    {
        int last = LatestPositionFor(user);
        double margin = ScheduleEvaluator.DeadlineToleranceSeconds + (HopelessMargin * Math.Max(1.0, BusySeconds));
        return last >= _order.Count || _inferenceOf[user] <= _suffixSlack[last] + margin;
    }

    /// <summary>
    /// The last position at which <paramref name="user"/> could be inserted (or serve instead of the user there) and
    /// still meet its own deadline with no load before it: later positions start it too late whatever is loaded (O(log n)).
    /// </summary>
    public int LatestPositionFor(int user)
    {
        User u = _instance.Users[user];
        double latestEnd = u.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds - _instance.Models[u.Model].InferenceSeconds;
        int low = 0;
        int high = _order.Count; // the answer is the number of ends ≤ latestEnd
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_ends[middle] <= latestEnd)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>False when <paramref name="leastHz"/> more than Σβ surely breaks the budget.</summary>
    public bool MayAfford(double leastHz) => LeastBandwidthHz + leastHz <= _hopeless;

    /// <summary>
    /// The summary of positions [<paramref name="from"/>, <paramref name="to"/>) (non-empty) for concatenation: its
    /// latest start is its instant start plus its least slack, its duration the instant span (O(1)).
    /// </summary>
    public LatestStartSegment Segment(int from, int to)
    {
        double start = _ends[from] - _instance.Models[ModelAt(from)].InferenceSeconds;
        int k = BitOperations.Log2((uint)(to - from));
        double[][] table = SlackTable();
        double least = Math.Min(table[k][from], table[k][to - (1 << k)]);
        return new LatestStartSegment(start + least, _ends[to - 1] - start, ModelAt(from), ModelAt(to - 1));
    }

    /// <summary>
    /// False when moving positions [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) to
    /// just before <paramref name="target"/> surely misses a deadline: the new order is at most four runs of this one,
    /// concatenated (O(1)); a margin far above rounding leaves the borderline cases to the exact evaluation.
    /// </summary>
    public bool MayMeetDeadlinesMoving(int from, int count, int target)
    {
        Span<(int From, int To)> pieces = stackalloc (int, int)[4];
        Pieces(from, count, target, pieces);
        LatestStartSegment? whole = null;
        foreach ((int a, int b) in pieces)
        {
            if (a < b)
            {
                LatestStartSegment piece = Segment(a, b);
                whole = whole is LatestStartSegment w ? w.Then(piece, _loading) : piece;
            }
        }

        double margin = ScheduleEvaluator.DeadlineToleranceSeconds + (HopelessMargin * Math.Max(1.0, BusySeconds));
        return whole is not LatestStartSegment all || all.SlackFrom(Initial, _loading) >= -margin;
    }

    /// <summary>
    /// False when inserting <paramref name="user"/> at <paramref name="position"/> surely breaks the budget
    /// (meaningful once <see cref="MeetsDeadlinesWith"/> holds), O(log n): Σβ after it is at least the present Σβ, the
    /// user's own β, and the tangent lower bound of what the earlier positions whose latest starts move add (see the
    /// remarks of the class).
    /// </summary>
    /// <param name="user">The user to insert.</param>
    /// <param name="position">Where.</param>
    /// <param name="floorLeastHz">A lower bound of the user's own β anywhere (β at T − c), checked with the tangent before its exact β is computed.</param>
    public bool MayFitBudgetInserting(int user, int position, double floorLeastHz = 0.0)
    {
        (User u, double latest, double bound) = Placed(user, position, position);

        // z: the slack the inserted user leaves the position before it; positions whose least slack exceeds z move.
        double change = TangentChange(position, bound - (position > 0 ? _ends[position - 1] : 0.0)) * (1.0 - TangentMargin);
        return MayAfford(floorLeastHz + change) && MayAfford(LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest) + change);
    }

    /// <summary>
    /// A lower bound of Σβ once <paramref name="user"/> serves instead of the user at <paramref name="position"/>
    /// (meaningful when the deadlines hold), O(log n): the β of the others after it, the newcomer's own, and the
    /// tangent bound of the change before it (see the remarks of the class); +∞ when the newcomer's β is infinite.
    /// </summary>
    /// <param name="position">The position.</param>
    /// <param name="user">The newcomer.</param>
    /// <param name="ownLeastHz">A lower bound of the newcomer's β to use instead of its own (no Lambert W), e.g. its β at T − c.</param>
    public double LeastBandwidthLowerBoundReplacing(int position, int user, double? ownLeastHz = null)
    {
        ReplacementBound bound = BoundReplacing(position, user);
        User u = _instance.Users[user];
        return bound.With(ownLeastHz ?? LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, bound.Latest));
    }

    /// <summary>
    /// The parts of <see cref="LeastBandwidthLowerBoundReplacing"/> that do not depend on the newcomer's β, and its
    /// latest start (O(log n)), to be asked with several lower bounds of that β.
    /// </summary>
    public ReplacementBound BoundReplacing(int position, int user)
    {
        (_, double latest, double bound) = Placed(user, position, position + 1);
        double z = bound - (position > 0 ? _ends[position - 1] : 0.0);
        double change = TangentChange(position, z);
        return new ReplacementBound(latest, LeastBandwidthHz - _least[position], change * (change >= 0.0 ? 1.0 - TangentMargin : 1.0 + TangentMargin));
    }

    /// <summary>
    /// The tangent lower bound of the change of Σβ over positions [0, <paramref name="position"/>) when the slack
    /// entering them from the right becomes <paramref name="z"/> (it is the least slack from the position on now).
    /// Less slack moves the block of positions whose least slack exceeds z to "instant start + z": an increase of at
    /// least Σ|β′|·(slack − z). More slack moves at most the positions bound by the present slack, later by at most
    /// the difference: a decrease of at most Σ|β′| times it.
    /// </summary>
    private double TangentChange(int position, double z) => TangentChange(0, position, z, out _);

    /// <summary>
    /// <see cref="TangentChange(int, double)"/> over positions [<paramref name="from"/>, <paramref name="to"/>), whose
    /// latest starts depend only on the slack entering from the right; <paramref name="block"/>: the first position of
    /// the block that moves.
    /// </summary>
    private double TangentChange(int from, int to, double z, out int block)
    {
        double now = _suffixSlack[to];
        bool less = z <= now;
        double threshold = less ? z : now; // the block: positions whose least slack exceeds it (less) or reaches it (more)
        int low = from;
        int high = to;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (less ? _suffixSlack[middle] > threshold : _suffixSlack[middle] >= threshold)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        block = low;
        double slopes = _prefixSlope[to] - _prefixSlope[low];
        return less
            ? Math.Max(0.0, (_prefixSlopeSlack[to] - _prefixSlopeSlack[low]) - (z * slopes))
            : -(z - now) * slopes;
    }

    /// <summary>
    /// A lower bound of Σβ once positions [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>)
    /// move to just before <paramref name="target"/> (meaningful when the deadlines hold), O(log n): the new order is
    /// at most four runs of this one, and a run's latest starts depend only on the slack entering it from the right
    /// (what follows it, summarised by <see cref="Segment"/>), so the tangent bound of each run's change adds up. A
    /// run whose entering slack grows loses at most its own β.
    /// </summary>
    public double LeastBandwidthLowerBoundMoving(int from, int count, int target)
    {
        Span<(int From, int To)> pieces = stackalloc (int, int)[4];
        Pieces(from, count, target, pieces);
        double bound = LeastBandwidthHz;
        LatestStartSegment? after = null;
        for (int k = pieces.Length - 1; k >= 0; k--)
        {
            (int a, int b) = pieces[k];
            if (a >= b)
            {
                continue;
            }

            // z: the least slack entering the run from the right, in this order's instant times (+∞: nothing follows).
            double z = after is LatestStartSegment w ? w.Latest - _loading.Seconds(ModelAt(b - 1), w.FirstModel) - _ends[b - 1] : double.PositiveInfinity;
            double change = TangentChange(a, b, z, out int block);
            if (!(change >= 0.0))
            {
                change = -Math.Min(double.IsNaN(change) ? double.PositiveInfinity : -change, _prefixLeast[b] - _prefixLeast[block]);
            }

            bound += change * (change >= 0.0 ? 1.0 - TangentMargin : 1.0 + TangentMargin);
            LatestStartSegment run = Segment(a, b);
            after = after is LatestStartSegment next ? run.Then(next, _loading) : run;
        }

        return bound;
    }

    /// <summary>The four runs of this order (some empty) that, concatenated, give it with [from, from + count) moved before target.</summary>
    private void Pieces(int from, int count, int target, Span<(int From, int To)> into)
    {
        int n = _order.Count;
        (into[0], into[1], into[2], into[3]) = target < from
            ? ((0, target), (from, from + count), (target, from), (from + count, n))
            : ((0, from), (from + count, target), (from, from + count), (target, n));
    }

    /// <summary>Inserts (the caller has checked <see cref="CanInsert"/>).</summary>
    public void Insert(int user, int position)
    {
        _order.Insert(position, user);
        Rebuild(_order, better: null);
    }

    /// <summary>Removes the users at positions [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>); always stays feasible.</summary>
    public void RemoveRange(int from, int count)
    {
        _order.RemoveRange(from, count);
        Rebuild(_order, better: null);
    }

    /// <summary>Keeps only <paramref name="order"/>, a subsequence of the order (always feasible): one rebuild for many removals.</summary>
    public void Keep(IReadOnlyList<int> order) => Rebuild(order, better: null);

    /// <summary>
    /// Replaces the order if <paramref name="order"/> is feasible and scores better than <paramref name="better"/>:
    /// the exact evaluation of <see cref="Feasibility.Evaluate"/> (the same arithmetic, so the same decision to the
    /// last bit), done by the rebuild itself so that a kept candidate is not computed twice.
    /// </summary>
    public bool TryReplace(IReadOnlyList<int> order, SequenceScore better) => Rebuild(order, better);

    /// <summary>
    /// <see cref="TryReplace"/> for this order with <paramref name="user"/> at
    /// <paramref name="position"/>, where <paramref name="user"/> is unserved and of the model served there (the
    /// caller's part; other replacements go through <see cref="TryReplace"/>): the same
    /// decision and, when kept, the same state to the last bit, in time proportional to the latest starts that move
    /// plus a pass of additions over the positions from the first of them (no loading, instant end or run changes:
    /// the models in order are the same, so are the loads and ends). Most moves the search keeps are such swaps
    /// (Σβ-lowering ones), and the whole rebuild was a third of its time at 1,000 users.
    /// </summary>
    public bool TryReplaceWithinModel(int position, int user, SequenceScore better)
    {
        int n = _count;
        int replaced = _order[position];
        Debug.Assert(_modelOf[user] == _modelOf[replaced] && _positionOf[user] < 0, "a swap within a model, of an unserved user");

        // The instant pass: only the newcomer's deadline is new.
        double deadline = _deadlineOf[user];
        if (!(_ends[position] <= deadline + ScheduleEvaluator.DeadlineToleranceSeconds))
        {
            return false;
        }

        // The backward pass from the position, as LatestStarts.Compute does it, until a latest start comes out unchanged.
        // The rebuild's scratch (this instance's own while it is not shared) holds the new latest starts and β.
        if (_trialLatest.Length <= position || _trialLeast.Length <= position)
        {
            (_trialLatest, _trialLeast) = (new double[Math.Max(n, 2 * _trialLatest.Length)], new double[Math.Max(n, 2 * _trialLeast.Length)]);
        }

        Span<double> latest = _trialLatest;
        double next = position + 1 < n ? _latest[position + 1] - _loads[position + 1] : double.PositiveInfinity;
        int first = position;
        for (int i = position; i >= 0; i--)
        {
            double c = i == position ? _inferenceOf[user] : _inferenceOf[_order[i]];
            double own = (i == position ? deadline : _deadlineOf[_order[i]]) - c;
            double value = Math.Min(own, next - c);
            if (i < position && value == _latest[i])
            {
                break;
            }

            latest[i] = value;
            first = i;
            next = value - _loads[i];
        }

        Span<double> least = _trialLeast;
        double change = 0.0;
        for (int i = first; i <= position; i++)
        {
            User u = _instance.Users[i == position ? user : _order[i]];
            least[i] = LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest[i]);
            change += least[i] - _least[i];
        }

        double weight = Value;
        if (_weightOf[user] != _weightOf[replaced])
        {
            weight = 0.0;
            for (int i = 0; i < n; i++)
            {
                weight += _weightOf[i == position ? user : _order[i]];
            }
        }

        // Decided without the exact sum where rounding cannot matter: the sum differs from Σβ + change by far less
        // than the margin, so a swap rejected here is one the exact sum rejects too (most tries end here).
        double busy = n > 0 ? _ends[n - 1] : 0.0;
        double estimate = LeastBandwidthHz + change;
        double margin = HopelessMargin * Math.Max(_limit, Math.Abs(estimate));
        int byValueAndBusy = new SequenceScore(weight, busy, better.LeastBandwidthHz).CompareTo(better);
        if (byValueAndBusy < 0 || estimate - margin > _limit || (byValueAndBusy == 0 && estimate - margin >= better.LeastBandwidthHz))
        {
            return false;
        }

        // The exact sum, in the rebuild's order of summation.
        double sum = _prefixLeast[first];
        for (int i = first; i < n; i++)
        {
            sum += i <= position ? least[i] : _least[i];
            if (!(sum <= _limit))
            {
                return false;
            }
        }

        if (new SequenceScore(weight, busy, sum).CompareTo(better) <= 0)
        {
            return false;
        }

        CommitWithinModel(position, user, first, latest, least, weight);
        return true;
    }

    /// <summary>The commit of <see cref="TryReplaceWithinModel"/>: what <see cref="Commit"/> would derive, updated from the first position that changes.</summary>
    private void CommitWithinModel(int position, int user, int first, ReadOnlySpan<double> latest, ReadOnlySpan<double> least, double value)
    {
        Unshare();
        int n = _count;
        Stamp = Interlocked.Increment(ref s_stamps);
        // Every latest start in [first, position] moved (the walk stopped at the first that did not), or is the newcomer's.
        for (int i = first; i <= position; i++)
        {
            _latest[i] = latest[i];
            _least[i] = least[i];
            _slopes[i] = Slope(_instance.Users[i == position ? user : _order[i]], latest[i], least[i]);
        }

        _slack[position] = _deadlineOf[user] - _ends[position];
        int slackFirst = position + 1;
        for (int i = position; i >= 0; i--)
        {
            double suffix = Math.Min(_suffixSlack[i + 1], _slack[i]);
            if (i < position && suffix == _suffixSlack[i])
            {
                break;
            }

            _suffixSlack[i] = suffix;
            slackFirst = i;
        }

        double most = 0.0;
        int from = Math.Min(first, slackFirst);
        for (int i = 0; i < n; i++)
        {
            if (i >= from)
            {
                _prefixLeast[i + 1] = _prefixLeast[i] + _least[i];
                _prefixSlope[i + 1] = _prefixSlope[i] + _slopes[i];
                _prefixSlopeSlack[i + 1] = _prefixSlopeSlack[i] + (_slopes[i] * _suffixSlack[i]);
            }

            most = Math.Max(most, _least[i]);
        }

        int replaced = _order[position];
        (_positionOf[replaced], _positionOf[user]) = (-1, position);
        _order[position] = user;
        _snapshot[position] = user;
        if (_slackTableBuilt)
        {
            // Level k's entry i covers [i, i + 2^k): only those holding the position change.
            for (int k = 1; k < _slackTable.Length && (1 << k) <= n; k++)
            {
                FillSlackLevel(k, Math.Max(0, position - (1 << k) + 1), Math.Min(position, n - (1 << k)) + 1);
            }
        }

        MostLeastBandwidthHz = most;
        Value = value;
    }

    /// <summary>
    /// Takes copies of the cached arrays this sequence shares with a copy of it, so that it can change them in place
    /// (O(n) copies, less than the rebuild that otherwise takes fresh ones). The copy keeps the originals.
    /// </summary>
    private void Unshare()
    {
        if (!_shared)
        {
            return;
        }

        (_loads, _ends, _latest, _least, _slopes, _slack) = ([.. _loads], [.. _ends], [.. _latest], [.. _least], [.. _slopes], [.. _slack]);
        (_prefixLeast, _suffixSlack, _prefixSlope, _prefixSlopeSlack, _snapshot) = ([.. _prefixLeast], [.. _suffixSlack], [.. _prefixSlope], [.. _prefixSlopeSlack], [.. _snapshot]);
        if (_slackTable.Length > 0)
        {
            _slackTable[0] = _slack; // the levels above are this instance's own already
        }

        _shared = false;
    }

    private int Initial => _instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;

    private void Replace(IEnumerable<int> order) => Rebuild([.. order], better: null);

    /// <summary>
    /// Makes <paramref name="orderList"/> this sequence's order and recomputes every cache, reusing β and its slope where
    /// a user keeps its latest start to the bit (the same arithmetic on the same data). With <paramref name="better"/>,
    /// only if the order meets every deadline, fits the budget and scores better (else nothing changes): the checks
    /// of <see cref="Feasibility.Evaluate"/>, in the same order of summation.
    /// </summary>
    private bool Rebuild(IReadOnlyList<int> orderList, SequenceScore? better)
    {
        // The passes below read the order as a span: an interface call per read cost more than the arithmetic.
        ReadOnlySpan<int> order = orderList switch
        {
            int[] array => array,
            List<int> list => CollectionsMarshal.AsSpan(list),
            _ => orderList.ToArray(),
        };
        int n = order.Length;
        if (Math.Min(Math.Min(_trialEnds.Length, _trialDeadlines.Length), Math.Min(_trialLoads.Length, Math.Min(_trialLatest.Length, _trialLeast.Length))) < n)
        {
            int size = Math.Max(n, 2 * _trialEnds.Length);
            (_trialDeadlines, _trialInference, _trialLoads) = (new double[size], new double[size], new double[size]);
            (_trialEnds, _trialLatest, _trialLeast, _trialSlopes) = (new double[size], new double[size], new double[size], new double[size]);
        }

        Span<double> deadlines = _trialDeadlines.AsSpan(0, n);
        Span<double> inference = _trialInference.AsSpan(0, n);
        Span<double> loads = _trialLoads.AsSpan(0, n);
        Span<double> ends = _trialEnds.AsSpan(0, n);
        Span<double> latest = _trialLatest.AsSpan(0, n);
        Span<double> least = _trialLeast.AsSpan(0, n);
        if (!InstantPass(order, deadlines, inference, loads, ends) && better is not null)
        {
            return false;
        }

        LatestStarts.Compute(deadlines, inference, loads, latest);
        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            least[i] = LeastBandwidthOf(order[i], latest[i]);
            sum += least[i];
            if (!(sum <= _limit) && better is not null)
            {
                return false;
            }
        }

        double value = 0.0;
        for (int i = 0; i < n; i++)
        {
            value += _weightOf[order[i]];
        }

        if (better is SequenceScore bar && new SequenceScore(value, n > 0 ? ends[n - 1] : 0.0, sum).CompareTo(bar) <= 0)
        {
            return false;
        }

        Commit(orderList, order, value);
        return true;
    }

    /// <summary>
    /// <see cref="Core.Planning.InstantPass"/> (the same arithmetic, so the same numbers) over the contiguous per-user
    /// models; false when a deadline is missed.
    /// </summary>
    private bool InstantPass(ReadOnlySpan<int> order, Span<double> deadlines, Span<double> inference, Span<double> loads, Span<double> ends)
    {
        int previous = Initial;
        double end = 0.0;
        bool onTime = true;
        for (int i = 0; i < ends.Length; i++)
        {
            int user = order[i];
            int model = _modelOf[user];
            deadlines[i] = _deadlineOf[user];
            inference[i] = _inferenceOf[user];
            loads[i] = _loading.Seconds(previous, model);
            previous = model;
            end += loads[i] + inference[i];
            ends[i] = end;
            onTime &= end <= deadlines[i] + ScheduleEvaluator.DeadlineToleranceSeconds;
        }

        return onTime;
    }

    /// <summary>
    /// Takes the order and the scratch of <see cref="Rebuild"/> as this sequence's state and derives the rest. The
    /// scratch arrays and the cached ones trade places (the old latest starts and slopes are still read here); a shared
    /// sequence leaves the old ones to its copy and takes fresh scratch.
    /// </summary>
    private void Commit(IReadOnlyList<int> orderList, ReadOnlySpan<int> order, double value)
    {
        int n = order.Length;
        Stamp = Interlocked.Increment(ref s_stamps);
        (_loads, _trialLoads) = (_trialLoads, _loads);
        (_ends, _trialEnds) = (_trialEnds, _ends);
        (_latest, _trialLatest) = (_trialLatest, _latest);
        (_least, _trialLeast) = (_trialLeast, _least);
        (_slopes, _trialSlopes) = (_trialSlopes.Length >= n ? _trialSlopes : new double[_ends.Length], _slopes);
        (double[] oldLatest, double[] oldSlopes, int[] oldOrder) = (_trialLatest, _trialSlopes, _snapshot);
        if (_shared || _slack.Length < n)
        {
            int size = Math.Max(n, _ends.Length);
            (_slack, _prefixLeast, _suffixSlack) = (new double[size], new double[size + 1], new double[size + 1]);
            (_prefixSlope, _prefixSlopeSlack, _snapshot) = (new double[size + 1], new double[size + 1], new int[size]);
        }

        _suffixSlack[n] = double.PositiveInfinity;
        for (int i = n - 1; i >= 0; i--)
        {
            _slack[i] = _trialDeadlines[i] - _ends[i];
            _suffixSlack[i] = Math.Min(_suffixSlack[i + 1], _slack[i]);
        }

        double most = 0.0;
        for (int i = 0; i < n; i++)
        {
            int old = _positionOf[order[i]];
            _slopes[i] = old >= 0 && oldLatest[old] == _latest[i] ? oldSlopes[old] : Slope(_instance.Users[order[i]], _latest[i], _least[i]);
            _prefixLeast[i + 1] = _prefixLeast[i] + _least[i];
            _prefixSlope[i + 1] = _prefixSlope[i] + _slopes[i];
            _prefixSlopeSlack[i + 1] = _prefixSlopeSlack[i] + (_slopes[i] * _suffixSlack[i]);
            most = Math.Max(most, _least[i]);
        }

        if (_shared)
        {
            // The old cached arrays stay with the copy: the scratch must not write into them.
            (_trialLoads, _trialEnds, _trialLatest, _trialLeast, _trialSlopes) = ([], [], [], [], []);
            _shared = false;
        }

        for (int i = 0; i < _count; i++)
        {
            _positionOf[oldOrder[i]] = -1;
        }

        if (!ReferenceEquals(orderList, _order))
        {
            _order.Clear();
            _order.AddRange(order);
        }

        for (int i = 0; i < n; i++)
        {
            _positionOf[_order[i]] = i;
            _snapshot[i] = _order[i];
        }

        _count = n;
        MostLeastBandwidthHz = most;
        _slackTableBuilt = false;
        BuildRuns();
        Value = value;
    }

    /// <summary>|dβ/dt| at the latest start, from β itself (no second Lambert W); 0 where it is not a finite number, which keeps the tangent a lower bound.</summary>
    internal static double Slope(User user, double latest, double least)
    {
        double slope = user.DataBits / (latest * latest * UplinkRate.Derivative(user.SnrBandwidthHz, least));
        return slope >= 0.0 && double.IsFinite(slope) ? slope : 0.0;
    }

    /// <summary>The sparse table of least slack over the present order, built on first use after a change into this instance's own level arrays.</summary>
    private double[][] SlackTable()
    {
        if (_slackTableBuilt)
        {
            return _slackTable;
        }

        int n = _count;
        int levels = n > 0 ? BitOperations.Log2((uint)n) + 1 : 0;
        if (_slackTable.Length < levels)
        {
            Array.Resize(ref _slackTable, levels);
        }

        if (levels > 0)
        {
            _slackTable[0] = _slack;
        }

        for (int k = 1; k < levels; k++)
        {
            int length = n - (1 << k) + 1;
            double[]? level = _slackTable[k];
            if (level is null || level.Length < length)
            {
                _slackTable[k] = level = new double[Math.Max(length, 2 * (level?.Length ?? 0))];
            }

            FillSlackLevel(k, 0, length);
        }

        _slackTableBuilt = true;
        return _slackTable;
    }

    /// <summary>Entries [<paramref name="from"/>, <paramref name="to"/>) of the slack table's level <paramref name="k"/> from the level below.</summary>
    private void FillSlackLevel(int k, int from, int to)
    {
        int half = 1 << (k - 1);
        double[] level = _slackTable[k];
        double[] below = _slackTable[k - 1];
        for (int i = from; i < to; i++)
        {
            level[i] = Math.Min(below[i], below[i + half]);
        }
    }

    /// <summary>The same-model runs and their index by model, rewritten in place; kept as they are when the runs did not change (a swap within a model).</summary>
    private void BuildRuns()
    {
        if (_trialRuns.Length < _order.Count)
        {
            _trialRuns = new ModelRun[Math.Max(_order.Count, 2 * _trialRuns.Length)];
        }

        int count = 0;
        for (int p = 0, start = 0; p < _order.Count; p++)
        {
            int model = _modelOf[_order[p]];
            if (p + 1 == _order.Count || _modelOf[_order[p + 1]] != model)
            {
                _trialRuns[count++] = new ModelRun(start, p + 1 - start, model);
                start = p + 1;
            }
        }

        if (_modelRunStart.Length > 0 && _trialRuns.AsSpan(0, count).SequenceEqual(_runs.AsSpan(0, _runCount)))
        {
            return;
        }

        (_runs, _trialRuns, _runCount) = (_trialRuns, _runs, count);
        int models = _instance.Models.Length;
        if (_modelRunStart.Length == 0)
        {
            (_modelRunStart, _nextRun) = (new int[models + 1], new int[models + 1]);
        }

        if (_modelRuns.Length < count)
        {
            _modelRuns = new int[Math.Max(count, 2 * _modelRuns.Length)];
        }

        int[] first = _modelRunStart;
        Array.Clear(first);
        for (int r = 0; r < count; r++)
        {
            first[_runs[r].Model + 1]++;
        }

        for (int m = 0; m < models; m++)
        {
            first[m + 1] += first[m];
        }

        first.AsSpan().CopyTo(_nextRun);
        for (int r = 0; r < count; r++)
        {
            _modelRuns[_nextRun[_runs[r].Model]++] = r;
        }
    }
}
