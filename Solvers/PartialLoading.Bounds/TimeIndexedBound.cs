using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>time-indexed</c>: a dynamic program over start times that follows the model in memory and the users a batch has
/// served, so it charges every load of every batch (a model visited three times loads three times) and each user the
/// bandwidth of its own start; "each user at most once" across batches is priced by multipliers μ_k and the budget by
/// λ, set by subgradient steps (docs/model.md §10).
/// </summary>
/// <remarks>
/// <para>
/// <b>Validity.</b> Time is cut into steps of δ. Take a feasible schedule and map each start σ_n to the step
/// s_n = ⌈σ_n/δ⌉. Then s_{n+1} ≥ s_n + ⌊c_n/δ⌋ + ⌊L_{n+1}/δ⌋ (⌈a + x⌉ ≥ ⌈a⌉ + ⌊x⌋), s_1 ≥ ⌊L(i0, m_1)/δ⌋ and
/// s_n ≤ ⌈(T_k − c_k + tol)/δ⌉, so the program has a path through the same users at these steps: it may wait a step,
/// serve a user of the model in memory that this batch has not served (⌊c/δ⌋ ≥ 1 steps: δ is at most the least
/// inference time) or load another model (⌊L/δ⌋ steps). User k's upload ends by σ_n ≤ min(s_n·δ, T_k − c_k + tol), so
/// its bandwidth is at least β_k at that time (β decreases; shrunk by a relative 1e-5 for β's error), and those floors
/// sum to at most B′ = B(1 + 1e-9). For μ, λ ≥ 0 the schedule's value is at most Σ μ_k + λ + Σ_served (w_k − μ_k −
/// λ·floor_k/B′) ≤ Σ μ + λ + (the program's most), since a user served at a loss may be replaced by waiting as long
/// (its batch may still serve it later, which only adds paths). What the program relaxes is a user served in two
/// batches, priced by μ; within one batch the served users among the model's first few still due (earliest deadline
/// first) are its state, so those are served once per batch in any order (ordering a batch by deadline is free only
/// with instant uploads: it moves both users' β), and the rest may repeat, which only adds paths.
/// </para>
/// <para>
/// <b>Clusters and groups.</b> Models that switch within a step are one model of the program (a cluster), charged the
/// least inference of its members and the least load into, out of and from the initial memory of any of them. Clusters
/// that switch cheaply form a group (<see cref="TimeIndexedModelGroups"/>) whose users are numbered together: each
/// cluster's states hold a subset of the group's tracked users, a load to another cluster of the group keeps it (and is
/// charged its ⌊L/δ⌋ steps), a cluster serves only its own users, and a load out of the group starts with nobody served.
/// A run of a group in a schedule serves each user once, so it is such a path, and the argument above holds with one
/// subset over the group's users.
/// </para>
/// <para>
/// <b>Cost.</b> A step holds, per model, one state per subset of its tracked users; δ is the finest of the least
/// inference time ÷ 8, 4, 2 or 1 whose program fits the state limit and leaves room for 1,000 steps in the work limit
/// (÷ 1 needs room for 300), else the relaxation does not apply. With <c>coarseSteps</c> the first steps run on a
/// program that tracks at most 7 users per batch, many times cheaper where a model has many users due (it forms its own
/// groups and so numbers its users otherwise: it has its own floors, and the multipliers are renumbered after it). It is meant for
/// the instances of the exact frontier (tens of users): sg50-1 34 → 28 against the best schedule's 27
/// (docs/results/README.md).
/// </para>
/// </remarks>
public sealed partial class TimeIndexedBound : IRelaxation
{
    /// <summary>Subgradient steps between two tables handed out while the bound improves (a table costs about a step).</summary>
    public const int TableEvery = 50;

    private const double BandwidthShrink = 1e-5;

    /// <summary>Users per batch state of the cheaper program the first (coarse) steps run on.</summary>
    private const int CoarseTracked = 7;

    /// <summary>Fewer subgradient steps than this rarely get below the knapsack bounds: the relaxation is skipped instead.</summary>
    private const int MinSteps = 300;

    /// <summary>
    /// A finer δ is taken only if its work leaves room for this many steps: on sg50-2 δ = 0.71 ms got through 604 steps
    /// to 38, δ = 1.4 or 2.9 ms through 1,200–1,500 to 36.
    /// </summary>
    private const int ChoiceSteps = 1000;

    /// <summary>
    /// The step length starts at 2 and halves after this many steps without a lower bound (Held and Karp's rule): on
    /// sg60-1 it reached 34.6 in 9 s where a length of 1 shrunk by 0.85 every 200 steps reached 34.8 in 27 s.
    /// </summary>
    private const int HalveAfter = 60;

    /// <summary>
    /// The steps on a program end once the length has halved this far (seven times without a lower bound): on sg60-1
    /// the last 15 s of 28 found 34.58 → 34.58, a core the search could have had.
    /// </summary>
    private const double LeastLength = 0.02;

    /// <summary>
    /// The steps on a program also end when this many lowered the bound by less than <see cref="StallGain"/> of a weight.
    /// </summary>
    private const int StallSteps = 100;

    private const double StallGain = 0.01;

    /// <summary>
    /// The search for a path that serves each user once holds at most the state limit ÷ this partial paths (a dictionary
    /// entry and its share of the buckets, about 48 bytes against a state's 8).
    /// </summary>
    private const int StatesPerLabel = 6;

    /// <summary>
    /// The search for a path that serves each user once runs only where the priced bound stands less than this above the
    /// value it rules out. Below it the search nearly always rules out, and cheaply; above it, it nearly always gives up
    /// or finds a path, at many times the cost (sg50-8, suffixes re-priced for 30 s: 84 of 84 ruled out within one,
    /// 7 of 25 above it, with 40 million partial paths; docs/results/README.md).
    /// </summary>
    internal const double RuleOutWithin = 1.0;

    /// <summary>Steps without a lower value after which a suffix's steps halve their length.</summary>
    private const int FrontHalveAfter = 5;

    private readonly int _iterations;
    private readonly double _maxWork;
    private readonly long _maxStates;
    private readonly int _finestSplit;
    private readonly int _trackedUsers;
    private readonly Func<double>? _enough;
    private readonly int _coarseSteps;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="iterations">Subgradient steps at most.</param>
    /// <param name="maxWork">Most state updates over all steps; it chooses δ and may shorten the steps (to at least 300).</param>
    /// <param name="maxStates">Most states held (8 bytes each).</param>
    /// <param name="finestSplit">δ is tried at the least inference time ÷ this, then ÷ half of it, … down to ÷ 1.</param>
    /// <param name="trackedUsers">How many of a model's users still due (earliest first) a batch's state holds (2^this
    /// states per model and step); a batch may serve the others more than once, which only weakens the bound.</param>
    /// <param name="enough">A value known to be reached (an incumbent's), read after every step: once the bound is at or
    /// below it there is nothing left to prove, and the steps stop.</param>
    /// <param name="coarseSteps">Steps first taken on a program that tracks at most 7 users per batch (cheaper, weaker),
    /// before <paramref name="iterations"/> more on the full program from the best multipliers found; 0 for none.</param>
    public TimeIndexedBound(int iterations = 1500, double maxWork = 3e10, long maxStates = 50_000_000, int finestSplit = 8, int trackedUsers = 10, Func<double>? enough = null, int coarseSteps = 0)
    {
        _coarseSteps = coarseSteps;
        _enough = enough;
        ArgumentOutOfRangeException.ThrowIfLessThan(trackedUsers, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trackedUsers, 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxWork, 0.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStates, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(finestSplit, 1);
        (_iterations, _maxWork, _maxStates, _finestSplit, _trackedUsers) = (iterations, maxWork, maxStates, finestSplit, trackedUsers);
    }

    /// <summary>
    /// How far above the value to rule out the priced bound may stand for the search for a path serving each user once to
    /// run (<see cref="RuleOutWithin"/>; tests widen it to run the search wherever it can).
    /// </summary>
    internal double RuleOutWindow { get; init; } = RuleOutWithin;

    /// <inheritdoc/>
    public string Name => "time-indexed";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget) => Compute(instance, budget, null);

    /// <summary>
    /// Computes the relaxation and hands <paramref name="tables"/> the program read forwards at the multipliers of its
    /// best bound so far (<see cref="TimeIndexedPrefixTable"/>, for a search's nodes): every
    /// <see cref="TableEvery"/> steps while they improve, and once more when the steps end (not when stopped for
    /// <c>enough</c> or by the budget).
    /// </summary>
    public RelaxationBound Compute(Instance instance, BoundBudget budget, Action<TimeIndexedPrefixTable>? tables) => Compute(instance, budget, tables, null);

    /// <summary>
    /// As <see cref="Compute(Instance, BoundBudget, Action{TimeIndexedPrefixTable})"/>, and hands <paramref name="pricing"/>
    /// the program, once chosen, to re-price what fits in front of a suffix (<see cref="TimeIndexedFrontPricing"/>).
    /// </summary>
    public RelaxationBound Compute(Instance instance, BoundBudget budget, Action<TimeIndexedPrefixTable>? tables, Action<TimeIndexedFrontPricing>? pricing)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            int[] requested = data.RequestedModels();
            double leastInference = requested.Min(m => instance.Models[m].InferenceSeconds);
            if (leastInference <= 0.0)
            {
                return RelaxationRun.Outcome.NotApplicable("a model's inference takes no time");
            }

            // The finest δ that leaves room for ChoiceSteps steps; else the coarsest, if it leaves room for MinSteps.
            Program? program = null;
            for (int split = _finestSplit; split >= 1 && program is null; split /= 2)
            {
                var candidate = new Program(data, leastInference / split * (1.0 - 1e-7), _maxStates, _trackedUsers);
                bool fits = candidate.States <= _maxStates;
                if (fits && (candidate.WorkPerStep * ChoiceSteps <= _maxWork || (split == 1 && candidate.WorkPerStep * MinSteps <= _maxWork)))
                {
                    program = candidate;
                }
            }

            if (program is null)
            {
                return RelaxationRun.Outcome.NotApplicable("too many time steps and batch states for its limits");
            }

            int iterations = (int)Math.Min(_iterations, Math.Max(MinSteps, _maxWork / program.WorkPerStep));
            double[]? floor = program.Floors(budget);
            if (floor is null)
            {
                return new RelaxationRun.Outcome(double.PositiveInfinity, false, "stopped before its first step");
            }

            pricing?.Invoke(new TimeIndexedFrontPricing(program, floor, data));

            // First steps on a program that tracks fewer users per batch (a weaker bound, but many times cheaper where
            // models have many users), then the rest on the full program from the multipliers found; none once a value
            // already reached is met.
            var state = new Subgradient(data.Count);
            bool goOn = true;
            if (_coarseSteps > 0 && _trackedUsers > CoarseTracked)
            {
                // Its own floors: a program numbers its users by its groups, which depend on the users it tracks.
                var coarse = new Program(data, program.StepSeconds, _maxStates, CoarseTracked);
                double[]? coarseFloor = coarse.Floors(budget);
                if (coarseFloor is null)
                {
                    return new RelaxationRun.Outcome(double.PositiveInfinity, false, "stopped before its first step");
                }

                goOn = coarse.Minimize(state, coarseFloor, (int)Math.Min(_coarseSteps, _maxWork / 3 / coarse.WorkPerStep), budget, _enough, tables);
                state.Renumber(coarse.UserOf, program.UserOf);
                state.Restart();
                iterations += state.Steps;
            }

            goOn = goOn && program.Minimize(state, floor, iterations, budget, _enough, tables);
            bool completed = !goOn || state.Steps >= iterations || !budget.IsSpent;
            string note = FormattableString.Invariant($"{state.Steps} steps of δ = {program.StepSeconds * 1000:G4} ms");
            double value = WithMargin(state.Best);
            if (goOn && state.BestAt is not null && _enough is not null && data.WholeWeights)
            {
                double known = _enough();
                if (double.IsFinite(known) && known >= 0.0 && value >= known + 1.0 && value < known + 1.0 + RuleOutWindow)
                {
                    ElementaryOutcome outcome = program.RuleOut(floor, state.BestAt, known + 1.0, _maxStates / StatesPerLabel, budget, out long labels);
                    note += FormattableString.Invariant($"; {(outcome == ElementaryOutcome.RuledOut ? "no" : outcome == ElementaryOutcome.Reached ? "a" : "gave up on whether a")} path serving each user once reaches {known + 1.0:G} ({labels} partial paths)");
                    if (outcome == ElementaryOutcome.RuledOut)
                    {
                        value = known;
                    }
                }
            }

            return new RelaxationRun.Outcome(value, completed, note);
        });

    /// <summary>
    /// <paramref name="value"/> raised by a relative 1e-10: the program's value sums up to n + 1 multipliers and a path
    /// of at most n profits, and this covers their rounding.
    /// </summary>
    internal static double WithMargin(double value) => value + (1e-10 * Math.Abs(value));

    /// <summary>One model's states at one step: how many users they track, where they begin, where waiting and serving lead, the best untracked profit.</summary>
    private readonly record struct Cell(int Tracked, long Offset, bool Waits, long WaitBase, int WaitShift, bool Continues, long NextBase, int NextShift, double Untracked);

    /// <summary>
    /// Where the program's paths may end: with <see cref="EndModel"/> −1 anywhere (the whole instance), else only in
    /// <see cref="EndModel"/>'s states by step <see cref="Last"/> (what fits in front of a suffix that starts with that
    /// model); <see cref="Excluded"/> (by the program's user numbers, null for none) are never served.
    /// </summary>
    internal readonly record struct Front(bool[]? Excluded, int EndModel, int Last)
    {
        /// <summary>The value of a path that runs past <see cref="Last"/>: it ends there (0) or misses its end (−∞).</summary>
        public double Beyond => EndModel < 0 ? 0.0 : double.NegativeInfinity;

        /// <summary>The value of stopping in model <paramref name="m"/>'s states.</summary>
        public double Stop(int m) => EndModel < 0 || m == EndModel ? 0.0 : double.NegativeInfinity;
    }

    /// <summary>The multipliers of one subgradient step and the bound they gave.</summary>
    internal sealed record Multipliers(double[] Mu, double Lambda, double Value);

    /// <summary>Where the subgradient steps are: the multipliers, the step length, the steps taken and the least value.</summary>
    internal sealed class Subgradient(int users)
    {
        public double[] Mu { get; set; } = new double[users];

        public double Lambda { get; set; } // per whole budget

        public double Length { get; set; } = 2.0;

        public int SinceBetter { get; set; }

        public int Steps { get; set; }

        public double Best { get; set; } = double.PositiveInfinity;

        public Multipliers? BestAt { get; set; }

        /// <summary>
        /// Re-indexes the multipliers from one program's user numbers (<paramref name="from"/>: number → data index) to
        /// another's (<paramref name="to"/>).
        /// </summary>
        public void Renumber(int[] from, int[] to)
        {
            var number = new int[to.Length];
            for (int j = 0; j < to.Length; j++)
            {
                number[to[j]] = j;
            }

            Mu = Renumbered(Mu);
            if (BestAt is not null)
            {
                BestAt = BestAt with { Mu = Renumbered(BestAt.Mu) };
            }

            double[] Renumbered(double[] mu)
            {
                var renumbered = new double[mu.Length];
                for (int j = 0; j < from.Length; j++)
                {
                    renumbered[number[from[j]]] = mu[j];
                }

                return renumbered;
            }
        }

        /// <summary>Goes on (on another program) from the multipliers of the least value, at length 1.</summary>
        public void Restart()
        {
            if (BestAt is not null)
            {
                Mu = [.. BestAt.Mu];
                Lambda = BestAt.Lambda;
            }

            Length = 1.0;
            SinceBetter = 0;
        }
    }

    /// <summary>The program of one instance at one δ and its multiplier search.</summary>
    internal sealed partial class Program
    {
        private readonly RelaxationData _data;
        private readonly int _horizon;          // steps 0.._horizon−1 may hold a start
        private readonly int[][] _members;      // per local model (a cluster): the instance models it holds (TimeIndexedModelGroups)
        private readonly int[] _localModel;     // per instance model: its local model, −1 for none
        private readonly int[] _first;          // per local model: its group's users (local numbers, by last start) are _first.._end−1
        private readonly int[] _end;
        private readonly int[] _own;            // per local user: the local model that serves it (its group's others do not)
        private readonly int[][] _kept;         // per local model: the others of its group a load of a whole step or more reaches, the subset kept
        private readonly int[][] _leave;        // per local model: the models outside its group a load of a whole step or more reaches, nearest first
        private readonly int[] _groupOf;        // per local model: its group
        private readonly int[] _userOf;         // local user number → data index
        private readonly int[] _lastStart;      // per local user: the last step its inference may start
        private readonly int[] _inference;      // per local model: ⌊c/δ⌋ ≥ 1
        private readonly int[,] _load;          // [from, to] local models: ⌊L/δ⌋
        private readonly int[] _fromInitial;    // per local model: ⌊L(i0, m)/δ⌋ (0 for i0)
        private readonly int[][] _zeroReach;    // per local model: the others reached by loads of 0 steps (transitively)
        private readonly int[][] _zeroKept;     // … of them, those reached inside its group, the subset kept
        private readonly int[][] _zeroReset;    // … of them, those reached through another group, with nobody served
        private readonly int[][] _dead;         // [m][t]: users of m's group whose last start is before t
        private readonly long[][] _offset;      // [m][t]: where step t's states of m begin
        private readonly long _subsetStates;
        private readonly int _tracked;          // a batch's state holds this many of its model's users still due, earliest first

        public Program(RelaxationData data, double step, long maxStates, int tracked)
        {
            _data = data;
            StepSeconds = step;
            Instance instance = data.Instance;
            LoadingTimes loading = instance.LoadingTimes;
            int n = data.Count;
            var lastStart = new int[n];
            for (int k = 0; k < n; k++)
            {
                // ⌈(T − c + tol)/δ⌉ with room for the evaluator's summation error (RelaxationData.Capacity).
                lastStart[k] = (int)Math.Min(int.MaxValue / 4, Math.Ceiling(((RelaxationData.Capacity(data.Deadline[k]) - data.Inference[k]) / step) + 1e-9));
            }

            int[] requested = data.RequestedModels();
            TimeIndexedModelGroups.Partition partition = TimeIndexedModelGroups.Of(data, requested, tracked, step);
            _members = partition.Clusters;
            int mCount = _members.Length;
            _localModel = new int[instance.Models.Length];
            Array.Fill(_localModel, -1);
            for (int i = 0; i < mCount; i++)
            {
                foreach (int member in _members[i])
                {
                    _localModel[member] = i;
                }
            }

            // A group's users are numbered together, so each of its clusters' states hold one subset over all of them.
            int[] groupOf = _groupOf = partition.GroupOf;
            _userOf = [.. Enumerable.Range(0, n).OrderBy(k => groupOf[_localModel[data.Model[k]]]).ThenBy(k => lastStart[k]).ThenBy(k => k)];
            _lastStart = [.. _userOf.Select(k => lastStart[k])];
            _own = [.. _userOf.Select(k => _localModel[data.Model[k]])];
            int groups = groupOf.Length == 0 ? 0 : groupOf.Max() + 1;
            var groupFirst = new int[groups];
            var groupEnd = new int[groups];
            for (int j = n - 1; j >= 0; j--)
            {
                groupFirst[groupOf[_own[j]]] = j;
            }

            for (int j = 0; j < n; j++)
            {
                groupEnd[groupOf[_own[j]]] = j + 1;
            }

            _first = [.. Enumerable.Range(0, mCount).Select(m => groupFirst[groupOf[m]])];
            _end = [.. Enumerable.Range(0, mCount).Select(m => groupEnd[groupOf[m]])];

            // Durations rounded down, with room for their own rounding (a duration a hair below a whole step stays below);
            // δ is a hair below the least inference time ÷ a whole number, so every inference takes at least one step.
            _inference = [.. _members.Select(g => Steps(g.Min(m => instance.Models[m].InferenceSeconds), step))];
            if (_inference.Min() < 1)
            {
                throw new InvalidOperationException("An inference shorter than one step would let a path serve without time passing.");
            }

            _load = new int[mCount, mCount];
            _fromInitial = new int[mCount];
            for (int a = 0; a < mCount; a++)
            {
                _fromInitial[a] = Steps(_members[a].Min(loading.FromInitial), step);
                for (int b = 0; b < mCount; b++)
                {
                    _load[a, b] = a == b ? 0 : Steps(_members[a].Min(x => _members[b].Min(y => loading.Seconds(x, y))), step);
                }
            }

            _tracked = tracked;
            _kept = [.. Enumerable.Range(0, mCount).Select(a => Enumerable.Range(0, mCount).Where(b => b != a && groupOf[b] == groupOf[a] && _load[a, b] > 0).ToArray())];
            _leave = [.. Enumerable.Range(0, mCount).Select(a => Enumerable.Range(0, mCount).Where(b => groupOf[b] != groupOf[a] && _load[a, b] > 0).OrderBy(b => _load[a, b]).ThenBy(b => b).ToArray())];
            _zeroReach = new int[mCount][];
            _zeroKept = new int[mCount][];
            _zeroReset = new int[mCount][];
            for (int a = 0; a < mCount; a++)
            {
                // Models reached by loads of no whole step, and whether the way there left a's group (then a state's
                // subset, over a's group's users, means nothing there).
                var reached = new HashSet<(int Model, bool Left)> { (a, false) };
                var queue = new Queue<(int Model, bool Left)>([(a, false)]);
                while (queue.Count > 0)
                {
                    (int from, bool left) = queue.Dequeue();
                    for (int b = 0; b < mCount; b++)
                    {
                        (int, bool) to = (b, left || groupOf[b] != groupOf[from]);
                        if (b != from && _load[from, b] == 0 && reached.Add(to))
                        {
                            queue.Enqueue(to);
                        }
                    }
                }

                _zeroKept[a] = [.. reached.Where(r => !r.Left && r.Model != a).Select(r => r.Model).Order()];
                _zeroReset[a] = [.. reached.Where(r => r.Left && r.Model != a).Select(r => r.Model).Order()];
                _zeroReach[a] = [.. _zeroKept[a].Union(_zeroReset[a]).Order()];
            }

            _horizon = _lastStart.Max() + 1;
            _dead = new int[mCount][];
            _offset = new long[mCount][];
            if ((long)(_horizon + 1) * (mCount + n) > maxStates)
            {
                States = long.MaxValue; // refused before its tables are built
                return;
            }

            long states = 0;
            double work = 0;
            for (int m = 0; m < mCount; m++)
            {
                _dead[m] = new int[_horizon + 1];
                _offset[m] = new long[_horizon + 1];
                int dead = 0;
                for (int t = 0; t <= _horizon; t++)
                {
                    while (_first[m] + dead < _end[m] && _lastStart[_first[m] + dead] < t)
                    {
                        dead++;
                    }

                    _dead[m][t] = dead;
                    _offset[m][t] = states;
                    int alive = _end[m] - _first[m] - dead;
                    states += 1L << Math.Min(alive, tracked);
                    work += (double)(1L << Math.Min(alive, tracked)) * (alive + 2 + _kept[m].Length) + mCount;
                }
            }

            _subsetStates = states;
            States = states + ((long)_horizon * n);
            WorkPerStep = work;
        }

        public double StepSeconds { get; }

        /// <summary>Steps 0..<see cref="Horizon"/>−1 may hold a start.</summary>
        internal int Horizon => _horizon;

        /// <summary>States of one solve (its scratch).</summary>
        internal long SubsetStates => _subsetStates;

        /// <summary>By program user number: the relaxation data's index.</summary>
        internal int[] UserOf => _userOf;

        /// <summary>By instance model: the program's model (group) that holds it, −1 for none.</summary>
        internal int[] LocalModel => _localModel;

        /// <summary>
        /// Subgradient steps on what fits in front of a suffix (<paramref name="front"/>), from <paramref name="mu"/> and
        /// <paramref name="lambda"/> (overwritten by the multipliers of the least value): the least Σ_{k not excluded} μ_k
        /// + λ·<paramref name="leftShare"/> + the program's most, a bound on the weight in front whatever the multipliers.
        /// Stops early once below <paramref name="goal"/>; +∞ when stopped before a first value.
        /// </summary>
        internal double MinimizeFront(double[] floor, Front front, double leftShare, double[] mu, ref double lambda, int steps, double goal, double[] value, int[] served, BoundBudget budget)
        {
            int n = _data.Count;
            double budgetHz = _data.BudgetHz;
            bool[] excluded = front.Excluded!;
            double gap = _data.UnitWeights ? 1.0 : _data.Weight.Max();
            double best = double.PositiveInfinity;
            double[] bestMu = [.. mu];
            double bestLambda = lambda;
            double length = 1.0;
            int since = 0;
            for (int step = 0; step < steps; step++)
            {
                double top = Solve(value, floor, mu, lambda / budgetHz, budget, front);
                if (double.IsNaN(top))
                {
                    break;
                }

                double u = top + (lambda * leftShare);
                for (int j = 0; j < n; j++)
                {
                    if (!excluded[j])
                    {
                        u += mu[j];
                    }
                }

                if (u < best - 1e-9)
                {
                    since = 0;
                }
                else if (++since >= FrontHalveAfter)
                {
                    length /= 2;
                    since = 0;
                }

                if (u < best)
                {
                    best = u;
                    Array.Copy(mu, bestMu, n);
                    bestLambda = lambda;
                }

                if (best < goal || step + 1 == steps)
                {
                    break;
                }

                double used = Trace(value, floor, mu, lambda / budgetHz, served, front);
                double norm = 0.0;
                for (int j = 0; j < n; j++)
                {
                    double g = 1 - served[j];
                    if (!excluded[j] && (mu[j] > 0.0 || g < 0.0))
                    {
                        norm += g * g;
                    }
                }

                double gLambda = leftShare - (used / budgetHz);
                if (lambda > 0.0 || gLambda < 0.0)
                {
                    norm += gLambda * gLambda;
                }

                if (norm <= 0.0)
                {
                    break;
                }

                // Polyak's step toward one weight below the goal (or below the least value, when the goal is not above it
                // or not finite).
                double target = (double.IsFinite(goal) ? Math.Min(best, goal) : best) - gap;
                double move = length * (u - target) / norm;
                if (!double.IsFinite(move))
                {
                    break;
                }

                for (int j = 0; j < n; j++)
                {
                    if (!excluded[j])
                    {
                        mu[j] = Math.Max(0.0, mu[j] - (move * (1 - served[j])));
                    }
                }

                lambda = Math.Max(0.0, lambda - (move * gLambda));
            }

            Array.Copy(bestMu, mu, n);
            lambda = bestLambda;
            return best;
        }

        /// <summary>States held: the program's values and the bandwidth floors per (step, user).</summary>
        public long States { get; }

        /// <summary>State updates per subgradient step.</summary>
        public double WorkPerStep { get; }

        /// <summary>Each user's bandwidth floor at each step (null when stopped).</summary>
        public double[]? Floors(BoundBudget budget)
        {
            int n = _data.Count;
            double[] floor = new double[(long)_horizon * n];
            for (int j = 0; j < n; j++)
            {
                if (budget.IsSpent)
                {
                    return null;
                }

                int k = _userOf[j];
                User user = _data.Instance.Users[_data.Users[k]];
                double latest = _data.Deadline[k] - _data.Inference[k] + ScheduleEvaluator.DeadlineToleranceSeconds;
                for (int t = 0; t < _horizon; t++)
                {
                    double time = Math.Min(t * StepSeconds, latest);
                    double beta = time <= 0.0 ? double.PositiveInfinity : LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, time);
                    floor[((long)t * n) + j] = double.IsFinite(beta) ? beta * (1.0 - BandwidthShrink) : double.PositiveInfinity;
                }
            }

            return floor;
        }

        /// <summary>
        /// Subgradient steps on <paramref name="state"/> until it has taken <paramref name="iterations"/> in all;
        /// <paramref name="tables"/> gets the program read forwards at the multipliers of the least value as the steps go
        /// (see <see cref="TableEvery"/>). False when stopped because <paramref name="enough"/> was met.
        /// </summary>
        public bool Minimize(Subgradient state, double[] floor, int iterations, BoundBudget budget, Func<double>? enough, Action<TimeIndexedPrefixTable>? tables)
        {
            int n = _data.Count;
            Multipliers? handedOut = null;
            double[]? reach = null;
            bool windowsHandedOut = false; // whether the last table handed out had its windows
            var value = new double[_subsetStates];
            double[] mu = state.Mu;
            var served = new int[n];
            double budgetHz = _data.BudgetHz;
            double gap = _data.UnitWeights ? 1.0 : _data.Weight.Max();
            int taken = 0;
            double checkpoint = double.PositiveInfinity;

            while (state.Steps < iterations && state.Length >= LeastLength && !budget.IsSpent)
            {
                double top = Solve(value, floor, mu, state.Lambda / budgetHz, budget);
                if (double.IsNaN(top))
                {
                    break; // stopped inside: this step's value is not a bound
                }

                double u = top + state.Lambda;
                for (int j = 0; j < n; j++)
                {
                    u += mu[j];
                }

                state.Steps++;
                taken++;
                if (u < state.Best - 1e-9)
                {
                    state.SinceBetter = 0;
                }
                else if (++state.SinceBetter >= HalveAfter)
                {
                    state.Length /= 2;
                    state.SinceBetter = 0;
                }

                bool improved = u < state.Best; // then value holds the program read backwards at the best multipliers
                if (improved)
                {
                    state.Best = u;
                    state.BestAt = new Multipliers([.. mu], state.Lambda, u);
                }

                double known = enough?.Invoke() ?? double.NegativeInfinity;
                if (OutwardRounding.Round(_data.UnitWeights, WithMargin(state.Best)) <= known)
                {
                    return false; // the value reached is proved optimal: nothing lower is needed
                }

                if (taken % StallSteps == 0)
                {
                    if (checkpoint - state.Best < StallGain * gap)
                    {
                        break; // stalled: the rest of its steps would cost a core for next to nothing
                    }

                    checkpoint = state.Best;
                }

                if (tables is not null && taken % TableEvery == 0 && state.BestAt != handedOut)
                {
                    handedOut = state.BestAt;
                    reach ??= new double[_subsetStates];
                    TimeIndexedPrefixTable table = Table(floor, handedOut!, reach, improved ? WindowTarget(known) : double.NaN, value);
                    windowsHandedOut = table.Windows is not null;
                    tables(table);
                }

                double used = Trace(value, floor, mu, state.Lambda / budgetHz, served);
                double norm = 0.0;
                for (int j = 0; j < n; j++)
                {
                    double g = 1 - served[j];
                    if (mu[j] > 0.0 || g < 0.0)
                    {
                        norm += g * g;
                    }
                }

                double gLambda = 1.0 - (used / budgetHz);
                if (state.Lambda > 0.0 || gLambda < 0.0)
                {
                    norm += gLambda * gLambda;
                }

                if (norm <= 0.0)
                {
                    break; // the path serves each user at most once within the budget: nothing lower to find
                }

                // Polyak's step toward a value the optimum reaches (the incumbent's, when known) or else one weight
                // below the least bound.
                double target = known > 0.0 && known < state.Best ? known : state.Best - gap;
                double move = state.Length * (u - target) / norm;
                for (int j = 0; j < n; j++)
                {
                    mu[j] = Math.Max(0.0, mu[j] - (move * (1 - served[j])));
                }

                state.Lambda = Math.Max(0.0, state.Lambda - (move * gLambda));
            }

            // The best multipliers' table, or their windows if it went out without (handed out on a step that did not
            // lower U): the program read backwards once more.
            double lastTarget = WindowTarget(enough?.Invoke() ?? double.NegativeInfinity);
            if (tables is not null && state.BestAt is not null && (state.BestAt != handedOut || (!windowsHandedOut && !double.IsNaN(lastTarget))) && !budget.IsSpent)
            {
                if (!double.IsNaN(lastTarget) && double.IsNaN(Solve(value, floor, state.BestAt.Mu, state.BestAt.Lambda / budgetHz, budget)))
                {
                    lastTarget = double.NaN;
                }

                tables(Table(floor, state.BestAt, reach ??= new double[_subsetStates], lastTarget, value));
            }

            return true;
        }

        /// <summary>
        /// The program read forwards at <paramref name="at"/>'s multipliers (<paramref name="reach"/>: scratch of a state
        /// each), with the start windows for <paramref name="windowTarget"/> (none when NaN) from <paramref name="back"/>,
        /// the program read backwards at the same multipliers.
        /// </summary>
        private TimeIndexedPrefixTable Table(double[] floor, Multipliers at, double[] reach, double windowTarget, double[] back)
        {
            TimeIndexedPrefixTable table = Table(floor, at, reach, Whole);
            return double.IsNaN(windowTarget) ? table : table.WithWindows(StartWindows(floor, at, reach, back, windowTarget));
        }

        /// <summary>
        /// What a schedule must be worth to beat <paramref name="known"/> (a value reached): one more, with whole weights;
        /// NaN (no windows) when nothing is known or weights are fractional.
        /// </summary>
        private double WindowTarget(double known) => _data.WholeWeights && double.IsFinite(known) && known >= 0.0 ? known + 1.0 : double.NaN;

        /// <summary>
        /// The program read forwards at <paramref name="at"/>'s multipliers up to <paramref name="front"/>'s last step,
        /// its excluded users never served (and priced at 0); past a last step short of the horizon it bounds nothing (+∞).
        /// </summary>
        internal TimeIndexedPrefixTable Table(double[] floor, Multipliers at, double[] reach, Front front)
        {
            Instance instance = _data.Instance;
            int mCount = _members.Length;
            int n = _data.Count;
            double price = at.Lambda / _data.BudgetHz;
            Array.Fill(reach, double.NegativeInfinity);
            var best = new double[mCount][];
            for (int m = 0; m < mCount; m++)
            {
                best[m] = new double[front.Last + 1];
                if (_fromInitial[m] <= front.Last)
                {
                    reach[_offset[m][_fromInitial[m]]] = 0.0;
                }
            }

            double top = 0.0;
            var profit = new double[Math.Max(1, _tracked)];
            var arrived = new double[mCount];
            var keptBase = new long[mCount];
            var keptShift = new int[mCount];
            int[] lastServed = LastServed(front);
            var ending = new double[mCount][]; // by model and step: the most a path earns that loads into it there to end
            var ended = new double[mCount];    // by model: the most of those up to the current step (the path waits)
            for (int m = 0; m < mCount; m++)
            {
                ending[m] = new double[front.Last + 1];
                Array.Fill(ending[m], double.NegativeInfinity);
                ended[m] = double.NegativeInfinity;
            }

            for (int t = 0; t <= front.Last; t++)
            {
                // Loads of no whole step: from (m, t, subset) to (b, t, the same subset) inside m's group, else to
                // (b, t, ∅); closed transitively.
                for (int m = 0; m < mCount; m++)
                {
                    arrived[m] = MostAt(reach, m, t);
                }

                for (int m = 0; m < mCount; m++)
                {
                    foreach (int b in _zeroReset[m])
                    {
                        reach[_offset[b][t]] = Math.Max(reach[_offset[b][t]], arrived[m]);
                    }

                    int subsets = 1 << TrackedAt(m, t);
                    foreach (int b in _zeroKept[m])
                    {
                        long from = _offset[m][t];
                        long to = _offset[b][t];
                        for (int subset = 0; subset < subsets; subset++)
                        {
                            reach[to + subset] = Math.Max(reach[to + subset], reach[from + subset]);
                        }
                    }
                }

                for (int m = 0; m < mCount; m++)
                {
                    double most = MostAt(reach, m, t);
                    ended[m] = Math.Max(ended[m], ending[m][t]);
                    best[m][t] = Math.Max(most, ended[m]);
                    top = Math.Max(top, most);
                    if (double.IsNegativeInfinity(most))
                    {
                        continue;
                    }

                    // A load into a model with nobody left to serve (past LastServed) only ends a path there.
                    foreach (int b in _leave[m])
                    {
                        int to = t + _load[m, b];
                        if (to <= front.Last)
                        {
                            if (to <= lastServed[b])
                            {
                                reach[_offset[b][to]] = Math.Max(reach[_offset[b][to]], most);
                            }
                            else
                            {
                                ending[b][to] = Math.Max(ending[b][to], most);
                            }
                        }
                    }

                    // The same inside the group: KeptLoads leaves such loads out, and their ends are recorded here by
                    // model and step (its value of stopping is for the backward pass).
                    foreach (int b in _kept[m])
                    {
                        int to = t + _load[m, b];
                        if (to <= front.Last && to > lastServed[b])
                        {
                            ending[b][to] = Math.Max(ending[b][to], most);
                        }
                    }

                    Cell c = CellAt(m, t, floor, at.Mu, price, profit, front);
                    double stopValue = double.NegativeInfinity;
                    int keptCount = KeptLoads(m, t, front, keptBase, keptShift, lastServed, ref stopValue);
                    for (int subset = 0; subset < 1 << c.Tracked; subset++)
                    {
                        double v = reach[c.Offset + subset];
                        if (double.IsNegativeInfinity(v))
                        {
                            continue;
                        }

                        if (c.Waits)
                        {
                            long w = c.WaitBase + (subset >> c.WaitShift);
                            reach[w] = Math.Max(reach[w], v);
                        }

                        for (int i = 0; i < keptCount; i++)
                        {
                            long w = keptBase[i] + (subset >> keptShift[i]);
                            reach[w] = Math.Max(reach[w], v);
                        }

                        if (c.Untracked > 0.0)
                        {
                            Arrive(reach, c.Continues, c.NextBase + (subset >> c.NextShift), v + c.Untracked, ref top);
                        }

                        for (int q = 0; q < c.Tracked; q++)
                        {
                            if ((subset >> q & 1) == 0 && profit[q] > 0.0)
                            {
                                Arrive(reach, c.Continues, c.NextBase + ((subset | (1 << q)) >> c.NextShift), v + profit[q], ref top);
                            }
                        }
                    }
                }
            }

            var byModel = new double[]?[instance.Models.Length];
            for (int m = 0; m < mCount; m++)
            {
                // A prefix that ends holding h ends holding h's group: every member reads the group's row.
                foreach (int member in _members[m])
                {
                    byModel[member] = best[m];
                }
            }

            var multiplier = new double[instance.Users.Length];
            Array.Fill(multiplier, double.NaN);
            for (int j = 0; j < n; j++)
            {
                multiplier[_data.Users[_userOf[j]]] = front.Excluded is { } excluded && excluded[j] ? 0.0 : at.Mu[j];
            }

            if (front.Last < _horizon - 1)
            {
                top = double.PositiveInfinity; // paths past the last step were not followed
            }

            return new TimeIndexedPrefixTable(StepSeconds, byModel, top, multiplier, at.Lambda, _data.BudgetHz, at.Value, _data.UnitWeights);
        }

        /// <summary>
        /// Where model <paramref name="m"/>'s states at step <paramref name="t"/> begin, where waiting a step and serving
        /// lead, and each tracked user's profit (into <paramref name="profit"/>; the same for every subset; −∞ for the
        /// group's users of its other models). The untracked users leave the subset as it is, so only the best of them counts.
        /// </summary>
        private Cell CellAt(int m, int t, double[] floor, double[] mu, double price, double[] profit, Front front)
        {
            int a0 = _first[m] + _dead[m][t];
            int alive = _end[m] - a0;
            int tracked = Math.Min(alive, _tracked);
            bool waits = t + 1 <= front.Last;
            int next = t + _inference[m];
            bool continues = next <= front.Last;
            double untracked = 0.0;
            for (int q = 0; q < alive; q++)
            {
                double p = Serves(m, a0 + q, front) ? Profit(a0 + q, t, floor, mu, price) : double.NegativeInfinity;
                if (q < tracked)
                {
                    profit[q] = p;
                }
                else
                {
                    untracked = Math.Max(untracked, p);
                }
            }

            return new Cell(
                tracked,
                _offset[m][t],
                waits,
                waits ? _offset[m][t + 1] : 0,
                waits ? _dead[m][t + 1] - _dead[m][t] : 0,
                continues,
                continues ? _offset[m][next] : 0,
                continues ? _dead[m][next] - _dead[m][t] : 0,
                untracked);
        }

        /// <summary>
        /// Per cluster, the last step at which it may still serve one of its users (−1 for none): a schedule loads a model
        /// only to serve it, so a path that loads into a cluster later has nowhere to go but to end there. Loads of no whole
        /// step are left out of the rule (their reach is closed transitively through such clusters).
        /// </summary>
        private int[] LastServed(Front front)
        {
            var last = new int[_members.Length];
            Array.Fill(last, -1);
            for (int j = 0; j < _own.Length; j++)
            {
                if (!(front.Excluded is { } excluded && excluded[j]))
                {
                    last[_own[j]] = Math.Max(last[_own[j]], _lastStart[j]);
                }
            }

            return last;
        }

        /// <summary>Whether model <paramref name="m"/> may serve program user <paramref name="j"/>: one of its own users, not left out by <paramref name="front"/>.</summary>
        private bool Serves(int m, int j, Front front) => _own[j] == m && !(front.Excluded is { } excluded && excluded[j]);

        /// <summary>
        /// Where model <paramref name="m"/>'s loads at step <paramref name="t"/> into the other models of its group lead
        /// (a state's subset shifted right by <paramref name="shift"/>, added to <paramref name="stateBase"/>); how many. A
        /// load into a cluster past its <paramref name="lastServed"/> step only ends a path there: it is left out, and
        /// <paramref name="ends"/> is raised to the value of stopping there.
        /// </summary>
        private int KeptLoads(int m, int t, Front front, long[] stateBase, int[] shift, int[] lastServed, ref double ends)
        {
            int count = 0;
            foreach (int b in _kept[m])
            {
                int to = t + _load[m, b];
                if (to <= front.Last && to > lastServed[b])
                {
                    ends = Math.Max(ends, front.Stop(b));
                }
                else if (to <= front.Last)
                {
                    stateBase[count] = _offset[b][to];
                    shift[count++] = _dead[b][to] - _dead[m][t];
                }
            }

            return count;
        }

        private static void Arrive(double[] reach, bool inside, long state, double value, ref double top)
        {
            if (inside)
            {
                reach[state] = Math.Max(reach[state], value);
            }
            else
            {
                top = Math.Max(top, value); // past the last step: the path ends here
            }
        }

        private double MostAt(double[] reach, int m, int t)
        {
            long o = _offset[m][t];
            int tracked = TrackedAt(m, t);
            double most = double.NegativeInfinity;
            for (int subset = 0; subset < 1 << tracked; subset++)
            {
                most = Math.Max(most, reach[o + subset]);
            }

            return most;
        }

        /// <summary>How many users model <paramref name="m"/>'s states at step <paramref name="t"/> track: its first still due, at most the tracked count.</summary>
        private int TrackedAt(int m, int t) => Math.Min(_end[m] - _first[m] - _dead[m][t], _tracked);

        private static int Steps(double seconds, double step) => Math.Max(0, (int)Math.Floor((seconds / step) - 1e-9));

        /// <summary>
        /// What serving program user <paramref name="j"/> at step <paramref name="t"/> earns; −∞ where no bandwidth uploads
        /// its data by then (at λ = 0 the product was NaN, and one NaN made the best untracked profit of its step NaN,
        /// dropping every untracked user there: the suffix re-pricing tests caught a suffix's bound below its prefix).
        /// </summary>
        private double Profit(int j, int t, double[] floor, double[] mu, double price)
        {
            double f = floor[((long)t * _data.Count) + j];
            return double.IsPositiveInfinity(f) ? double.NegativeInfinity : _data.Weight[_userOf[j]] - mu[j] - (price * f);
        }

        /// <summary>The value of state (m, t, subset) read at step t from a subset expressed at step <paramref name="from"/>.</summary>
        private double At(double[] value, int m, int t, int subset, int from, Front front)
            => t > front.Last ? front.Beyond : value[_offset[m][t] + (subset >> (_dead[m][t] - _dead[m][from]))];

        /// <summary>Fills the program backwards in time; the most a path from time 0 earns, or NaN when stopped.</summary>
        private double Solve(double[] value, double[] floor, double[] mu, double price, BoundBudget budget) => Solve(value, floor, mu, price, budget, Whole);

        /// <summary>The program's paths ending anywhere, every user allowed.</summary>
        private Front Whole => new(null, -1, _horizon - 1);

        /// <summary>Fills the program backwards from <paramref name="front"/>'s last step; the most a path from time 0 earns, or NaN when stopped.</summary>
        private double Solve(double[] value, double[] floor, double[] mu, double price, BoundBudget budget, Front front)
        {
            int mCount = _members.Length;
            var profit = new double[Math.Max(1, _tracked)];
            var gainful = new int[Math.Max(1, _tracked)];
            var gain = new double[Math.Max(1, _tracked)];
            var keptBase = new long[mCount];
            var keptShift = new int[mCount];
            int[] lastServed = LastServed(front);
            double beyond = front.Beyond;
            for (int t = front.Last; t >= 0; t--)
            {
                if ((t & 63) == 0 && budget.IsSpent)
                {
                    return double.NaN;
                }

                for (int m = 0; m < mCount; m++)
                {
                    // A load into a model with nobody left to serve only ends a path there (Arrives).
                    double load = front.Stop(m);
                    foreach (int b in _leave[m])
                    {
                        int at = t + _load[m, b];
                        if (at > front.Last)
                        {
                            break; // the rest load longer
                        }

                        load = Math.Max(load, at <= lastServed[b] ? value[_offset[b][at]] : front.Stop(b));
                    }

                    Cell c = CellAt(m, t, floor, mu, price, profit, front);
                    int keptCount = KeptLoads(m, t, front, keptBase, keptShift, lastServed, ref load);

                    // Only the tracked users worth serving here are tried, their profits copied side by side (often
                    // few of them: the loop over subsets is the program's inner loop).
                    int gainfulCount = 0;
                    for (int q = 0; q < c.Tracked; q++)
                    {
                        if (profit[q] > 0.0)
                        {
                            gainful[gainfulCount] = q;
                            gain[gainfulCount++] = profit[q];
                        }
                    }

                    // The terms one at a time over all subsets (SubsetMaxima): the same sums and maxima as subset by subset.
                    Span<double> cell = value.AsSpan((int)c.Offset, 1 << c.Tracked);
                    cell.Fill(load);
                    if (c.Waits)
                    {
                        SubsetMaxima.MaxWith(cell, value.AsSpan((int)c.WaitBase), c.WaitShift);
                    }

                    for (int i = 0; i < keptCount; i++)
                    {
                        SubsetMaxima.MaxWith(cell, value.AsSpan((int)keptBase[i]), keptShift[i]);
                    }

                    if (c.Untracked > 0.0)
                    {
                        if (c.Continues)
                        {
                            SubsetMaxima.MaxWithPlus(cell, value.AsSpan((int)c.NextBase), c.NextShift, c.Untracked);
                        }
                        else
                        {
                            SubsetMaxima.MaxWith(cell, c.Untracked + beyond);
                        }
                    }

                    for (int i = 0; i < gainfulCount; i++)
                    {
                        int q = gainful[i];
                        if (c.Continues)
                        {
                            SubsetMaxima.MaxWithServed(cell, value.AsSpan((int)c.NextBase), c.NextShift, q, gain[i]);
                        }
                        else
                        {
                            for (int subset = 0; subset < cell.Length; subset++)
                            {
                                if ((subset >> q & 1) == 0)
                                {
                                    cell[subset] = Math.Max(cell[subset], gain[i] + beyond);
                                }
                            }
                        }
                    }
                }

                // Loads that take no whole step: from (m, t, subset) to (b, t, the same subset) inside m's group, else to
                // (b, t, ∅); transitively.
                for (int m = 0; m < mCount; m++)
                {
                    if (_zeroReach[m].Length == 0)
                    {
                        continue;
                    }

                    double reach = double.NegativeInfinity;
                    foreach (int b in _zeroReset[m])
                    {
                        reach = Math.Max(reach, value[_offset[b][t]]);
                    }

                    Span<double> cell = value.AsSpan((int)_offset[m][t], 1 << TrackedAt(m, t));
                    SubsetMaxima.MaxWith(cell, reach);
                    foreach (int b in _zeroKept[m])
                    {
                        SubsetMaxima.MaxWith(cell, value.AsSpan((int)_offset[b][t]), 0);
                    }
                }
            }

            return BestStart(value, out _, front);
        }

        /// <summary>The most a path earns from time 0 (the first model loaded from the initial memory) and its first model, −1 for none.</summary>
        private double BestStart(double[] value, out int first, Front front)
        {
            first = -1;
            double top = 0.0;
            for (int m = 0; m < _members.Length; m++)
            {
                if (_fromInitial[m] <= front.Last && value[_offset[m][_fromInitial[m]]] > top)
                {
                    top = value[_offset[m][_fromInitial[m]]];
                    first = m;
                }
            }

            return top;
        }

        /// <summary>Follows a best path; counts how often each user is served on it and returns the bandwidth floors it sums.</summary>
        private double Trace(double[] value, double[] floor, double[] mu, double price, int[] served) => Trace(value, floor, mu, price, served, Whole);

        private double Trace(double[] value, double[] floor, double[] mu, double price, int[] served, Front front)
        {
            Array.Clear(served);
            int mCount = _members.Length;
            BestStart(value, out int m, front);
            double used = 0.0;
            if (m < 0)
            {
                return used;
            }

            int t = _fromInitial[m];
            int subset = 0;
            int[] lastServed = LastServed(front);
            int instantLoads = 0; // loads of no whole step in a row: a cycle of them must not trap the trace
            while (t <= front.Last)
            {
                double here = value[_offset[m][t] + subset];
                if (here <= 0.0)
                {
                    break;
                }

                int a0 = _first[m] + _dead[m][t];
                int alive = _end[m] - a0;
                int tracked = Math.Min(alive, _tracked);
                int next = t + _inference[m];
                int chosen = -1;
                for (int q = 0; q < alive && chosen < 0; q++)
                {
                    if ((q >= tracked || (subset >> q & 1) == 0) && Serves(m, a0 + q, front))
                    {
                        double p = Profit(a0 + q, t, floor, mu, price);
                        if (p > 0.0 && p + At(value, m, next, q >= tracked ? subset : subset | (1 << q), t, front) >= here - 1e-12)
                        {
                            chosen = q;
                        }
                    }
                }

                if (chosen >= 0)
                {
                    served[a0 + chosen]++;
                    used += floor[((long)t * _data.Count) + a0 + chosen];
                    if (next > front.Last)
                    {
                        break;
                    }

                    subset = (chosen >= tracked ? subset : subset | (1 << chosen)) >> (_dead[m][next] - _dead[m][t]);
                    t = next;
                    instantLoads = 0;
                    continue;
                }

                if (t + 1 <= front.Last && At(value, m, t + 1, subset, t, front) >= here - 1e-12)
                {
                    subset >>= _dead[m][t + 1] - _dead[m][t];
                    t++;
                    instantLoads = 0;
                    continue;
                }

                int to = -1;
                bool keeps = false;
                for (int b = 0; b < mCount && to < 0; b++)
                {
                    int at = t + _load[m, b];
                    keeps = _groupOf[b] == _groupOf[m];
                    if (b != m && at <= front.Last && (_load[m, b] == 0 || at <= lastServed[b]) && value[_offset[b][at] + (keeps ? subset >> (_dead[b][at] - _dead[m][t]) : 0)] >= here - 1e-12)
                    {
                        to = b;
                    }
                }

                if (to < 0 || (_load[m, to] == 0 && ++instantLoads > mCount))
                {
                    break; // no move reproduces the value (rounding): the subgradient from the path so far is still usable
                }

                subset = keeps ? subset >> (_dead[to][t + _load[m, to]] - _dead[m][t]) : 0;
                t += _load[m, to];
                m = to;
            }

            return used;
        }
    }
}
