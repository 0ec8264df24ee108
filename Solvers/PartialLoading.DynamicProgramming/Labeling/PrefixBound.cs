using PartialLoading.Bandwidth;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// Upper bounds on what can still be served in front of a suffix (the users outside it, between time 0 and the latest
/// start LS of the suffix's first user, model h, with the bandwidth the suffix leaves).
/// </summary>
/// <remarks>
/// <para>
/// Candidates: a user k put in front ends by <c>d_k = min(T_k, LS)</c>, and by <c>LS − min_{i≠h} L(i, h)</c> when its
/// model is not h (a switch into h follows it); it can only be served if its model loaded first meets that and if
/// <c>β_k(d_k − c_k)</c> (read from <see cref="LeastBandwidthFloor"/>) fits in the bandwidth left. Every bound below is a
/// relaxation over these candidates, so it never cuts off a schedule.
/// </para>
/// <para>
/// <see cref="Evaluate(UserSet, int, int, double, double)"/>, asked for every child: the smallest of (1) Moore–Hodgson on due times d_k with
/// processing c_k plus an equal share of its model's least load (each model served is loaded at least once; the first
/// load costs L(i0, f), h is loaded before LS); (2) how many of the cheapest β fit in the bandwidth left; (3) for
/// each deadline value d below the caps, <see cref="DeadlineThresholds"/>'s most users by d plus the candidates due after d.
/// With unequal weights, (1) and (2) become fractional knapsacks.
/// </para>
/// <para>
/// <see cref="PathBandwidthFits(UserSet, int, double, double, int, ulong, ulong)"/>, asked only before a label is expanded: by every
/// due time the users taken so far need their inference plus the Held–Karp path through their models, the path must
/// reach h by LS, and the users' bandwidth must fit in what is left — a dynamic program over the set of models used and
/// the users taken. It runs up to <see cref="SequencingData.MaxNodePathModels"/> models before a label is expanded; the
/// thresholds of (3) and <see cref="MostInFront"/> (asked a few times per search, for the bound it reports) up to
/// <see cref="SequencingData.MaxPathModels"/>, where its program costs too much to run at every label.
/// </para>
/// <para>
/// Tried and not kept (figures in docs/results/README.md): a surrogate μ·time + (1 − μ)·bandwidth of (1) and (2), per
/// threshold or for the whole set, and β at the latest start a user's place allows. Neither went below the smallest
/// of the bounds above at a root; where time and bandwidth both bind, <see cref="PathBandwidthFits(UserSet, int, double, double, int, ulong, ulong)"/>
/// already couples them. Nor the latest-start relaxation of the Bounds assembly at the nodes (bottom-layer sharing,
/// common deadline; its root multipliers fixed, its program read from the other end): the children it alone cut were
/// nearly all dropped by the path relaxation before expansion anyway (sb30-1: all but 7,339 of 342,003).
/// </para>
/// </remarks>
internal sealed class PrefixBound
{
    /// <summary>
    /// A relative margin on the budget when a state is judged hopeless by <see cref="CheapestAfter"/>: its sum adds the
    /// same β in another order than the program would (n positive terms differ by at most n·2⁻⁵³ relative, below this
    /// margin for fewer than 9,000 users), so only a state over the budget by more than any such difference is dropped.
    /// </summary>
    private const double CheapestRounding = 1e-12;

    /// <summary>
    /// Above <see cref="SequencingData.MaxNodePathModels"/> models the path program serves only the reported cap, so its
    /// table (2^M counts by the users asked for) is held to this size per thread rather than to what the most users
    /// would need: enough for 63 users at 16 models, and the memory limit is not spent on a report.
    /// </summary>
    public const long CapTableBytes = 32L << 20;

    /// <summary>The narrowed program is kept while at least 1 in this many of its tries answers "fits" (<see cref="NarrowedPays"/>).</summary>
    private const int NarrowedShare = 20;

    /// <summary>How long the path relaxation's program runs before it looks at the stop.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(20);

    private readonly SequencingData _data;
    private readonly double _tolerance;
    private readonly LeastBandwidthFloor _floor;
    private readonly double[] _deadlineBandwidth;
    private readonly DeadlineThresholds _thresholds;
    private readonly Func<bool>? _stop;

    // Scratch, reused by every call (one instance per search thread).
    private readonly int[] _candidates;
    private readonly double[] _due;
    private readonly double[] _processing;
    private readonly double[] _bandwidth;
    private readonly double[] _heap;
    private readonly int[] _perModel;
    private readonly int[] _lateOther;
    private readonly int[] _lateOwn;
    private readonly double[] _lateOwnDue;
    private readonly double[] _lateOwnBandwidth;
    private readonly double[] _lateOtherBandwidth;
    private readonly int[] _sets;
    private Update[] _updates = new Update[256];
    private readonly int[] _fewestTaken;
    private readonly int[] _mostTaken;
    private double[] _least = [];
    private ulong[] _takenUsers = [];
    private double[] _cheapestAfter = [];
    private readonly double[] _sortedAfter;
    private readonly double[] _inferenceAfter;
    private readonly ulong[] _modelUsers;
    private long _narrowedTried;
    private long _narrowedFound;
    private long _narrowedSkipped;
    private readonly ulong[] _relevantHigh;
    private ulong _relevantLow;

    /// <param name="data">The users and models.</param>
    /// <param name="toleranceSeconds">The deadline tolerance.</param>
    /// <param name="thresholds">The deadline thresholds, when computed once for several threads; else computed here
    /// (until <paramref name="stop"/>).</param>
    /// <param name="stop">Polled inside the path relaxation's program once a call has run <see cref="StopGrace"/> (at 1,000
    /// users and 14 models one call takes seconds): true makes it answer "fits", which prunes nothing.</param>
    public PrefixBound(SequencingData data, double toleranceSeconds, DeadlineThresholds? thresholds = null, Func<bool>? stop = null)
    {
        _stop = stop;
        _data = data;
        _tolerance = toleranceSeconds;
        int n = data.Count;
        _floor = new LeastBandwidthFloor(data, toleranceSeconds);
        _deadlineBandwidth = DeadlineBandwidths(data, toleranceSeconds);
        _thresholds = thresholds ?? DeadlineThresholds.Compute(data, _deadlineBandwidth, toleranceSeconds, stop: stop);
        _candidates = new int[n];
        _due = new double[n];
        _processing = new double[n];
        _bandwidth = new double[n];
        _sortedAfter = new double[n];
        _inferenceAfter = new double[n + 1];
        _modelUsers = new ulong[data.ModelCount];
        for (int k = 0; k < Math.Min(n, 64); k++)
        {
            _modelUsers[data.Model[k]] |= 1UL << k;
        }

        _heap = new double[n + 1];
        _perModel = new int[data.ModelCount];
        _lateOther = new int[n];
        _lateOwn = new int[n];
        _lateOwnDue = new double[n];
        _lateOwnBandwidth = new double[n];
        _lateOtherBandwidth = new double[n];
        int sets = data.PathLoad is null ? 0 : 1 << data.ModelCount;
        _sets = new int[sets];
        _fewestTaken = new int[sets];
        _mostTaken = new int[sets];
        Array.Fill(_mostTaken, -1);
        _relevantHigh = new ulong[UserSet.HighWords(n)];
    }

    /// <summary>Each user's least bandwidth at its own deadline (the cheapest it can ever need).</summary>
    public static double[] DeadlineBandwidths(SequencingData data, double toleranceSeconds)
    {
        var beta = new double[data.Count];
        for (int k = 0; k < beta.Length; k++)
        {
            beta[k] = LeastBandwidth.Hz(data.SnrHz[k], data.DataBits[k], data.Deadline[k] - data.Inference[k] + toleranceSeconds);
        }

        return beta;
    }

    /// <summary>
    /// The users of the last evaluated suffix that would be candidates, were they not served: the only ones whose
    /// presence in the suffix can matter to what fits in front (<see cref="LabelStore"/> keys on them). Built on demand,
    /// so children that the bound drops allocate nothing.
    /// </summary>
    public UserSet LastRelevantServed => UserSet.From(_relevantLow, _relevantHigh);

    /// <summary>The most weight users outside the suffix can add in front of it.</summary>
    /// <param name="served">The suffix's users.</param>
    /// <param name="firstModel">The suffix's first model, or −1 for the empty suffix.</param>
    /// <param name="latestStart">The latest start of the suffix's first user (+∞ for the empty suffix).</param>
    /// <param name="bandwidthLeft">B minus what the suffix needs, in Hz.</param>
    /// <param name="relevantServed">
    /// The users of <paramref name="served"/> that would be candidates, were they not served: the only ones whose
    /// presence in the suffix can matter to what fits in front (<see cref="LabelStore"/> keys on them).
    /// </param>
    public double Evaluate(ulong served, int firstModel, double latestStart, double bandwidthLeft, out ulong relevantServed)
    {
        double bound = Evaluate(UserSet.FromLow(served), -1, firstModel, latestStart, bandwidthLeft);
        relevantServed = _relevantLow;
        return bound;
    }

    /// <summary>The most weight users outside the suffix can add in front of it (any number of users).</summary>
    /// <param name="served">The suffix's users, but for <paramref name="added"/>.</param>
    /// <param name="added">A user served besides <paramref name="served"/> (the child's new first user), or −1.</param>
    /// <param name="firstModel">The suffix's first model, or −1 for the empty suffix.</param>
    /// <param name="latestStart">The latest start of the suffix's first user (+∞ for the empty suffix).</param>
    /// <param name="bandwidthLeft">B minus what the suffix needs, in Hz.</param>
    /// <remarks>The suffix's relevant users are then in <see cref="LastRelevantServed"/>.</remarks>
    public double Evaluate(UserSet served, int added, int firstModel, double latestStart, double bandwidthLeft)
    {
        SequencingData d = _data;
        int count = Scan(served, added, firstModel, latestStart, bandwidthLeft);
        if (count == 0)
        {
            return 0.0;
        }

        // h must be loaded before LS unless it is the model in memory at time 0.
        double mandatory = firstModel >= 0 ? d.LeastLoad[firstModel] : 0.0;

        // The first model loaded costs L(i0, f), more than the least load charged to f: at least the smallest excess.
        double firstExcess = firstModel >= 0 ? d.FirstLoadExcess(firstModel) : double.PositiveInfinity;
        for (int j = 0; j < count; j++)
        {
            int model = d.Model[_candidates[j]];
            _processing[j] = d.Inference[_candidates[j]] + (model == firstModel ? 0.0 : d.LeastLoad[model] / _perModel[model]);
            firstExcess = Math.Min(firstExcess, d.FirstLoadExcess(model));
        }

        if (!d.UnitWeights)
        {
            return Math.Min(
                Fractional(count, _processing, latestStart + _tolerance - mandatory - firstExcess),
                Fractional(count, _bandwidth, bandwidthLeft * (1.0 + BandwidthAllocator.BudgetTolerance)));
        }

        int fit = Math.Min(MooreHodgson(count, latestStart, firstExcess, mandatory), ByThresholds(count, firstModel, latestStart));
        fit = Math.Min(fit, BandwidthCount(count, bandwidthLeft));
        return d.Weight[_candidates[0]] * fit;
    }

    /// <summary>
    /// The most users (at most <paramref name="atMost"/>) that the path relaxation lets in front of the suffix: the
    /// largest count, tried from <paramref name="atMost"/> down, that <see cref="PathBandwidthFits(UserSet, int, double, double, int, ulong, ulong)"/>
    /// accepts. Every larger count was refused by the relaxation, so no schedule puts more users in front. Unit
    /// weights only (the relaxation counts users). Unlike the test before each expansion it runs up to
    /// <see cref="SequencingData.MaxPathModels"/> models: asked only for the report, its cost there does not multiply
    /// by the labels (sg40m20-1..3, 15–16 models: the reported bound 32, 32, 34 → 29, 29, 29 in 20 s).
    /// </summary>
    public int MostInFront(UserSet served, int firstModel, double latestStart, double bandwidthLeft, int atMost)
    {
        int n = atMost;
        while (n > 0 && !PathFits(served, firstModel, latestStart, bandwidthLeft, n, SequencingData.MaxPathModels, 0UL, 0UL))
        {
            n--;
        }

        return n;
    }

    /// <summary>
    /// What the path relaxation answers without its dynamic program: true when there is no path table, more models
    /// than <paramref name="maxModels"/> or nothing is needed, false when fewer than <paramref name="needed"/>
    /// candidates pass the scan; null (with the candidates' <paramref name="count"/>) when the program must decide.
    /// </summary>
    private bool? DecidedBeforePath(UserSet served, int firstModel, double latestStart, double bandwidthLeft, int needed, int maxModels, out int count)
    {
        count = 0;
        if (_data.PathLoad is null || _data.ModelCount > maxModels || needed <= 0)
        {
            return true;
        }

        count = Scan(served, -1, firstModel, latestStart, bandwidthLeft);
        return count < needed ? false : null;
    }

    /// <summary>
    /// Whether <paramref name="needed"/> users outside <paramref name="served"/> fit in front of the suffix in the path
    /// relaxation with bandwidth: a dynamic program over the candidates in order of due time whose states are (set of
    /// models used, users taken) with the least Σβ of the users taken (each at its due time's β, as in the bandwidth
    /// count). A user is taken when, by its due time, the Held–Karp path from i0 through the set plus the inferences (one
    /// per model, the rest at the set's shortest) fit and Σβ stays within the bandwidth left; <paramref name="needed"/>
    /// users fit when a state reaches that count and the path goes on to the suffix's first model by LS. Where the time
    /// and bandwidth relaxations alone let different users in, this one asks for the same users: at the root of sg40-1 it
    /// bounds the count by 26 where each alone allows 29. True when there is no path table.
    /// </summary>
    /// <remarks>
    /// It used to sit behind a cheaper test, the same program on counts alone (most users per model set, no
    /// bandwidth), which it implies; once hopeless states were dropped (<see cref="CheapestAfter"/>) and each set kept
    /// the range of counts it reached, the cheap test cost more than it saved (sg40-1: 10.6 → 8.1 s) and was removed.
    /// <para>
    /// Before its program it tries <paramref name="witness"/> and <paramref name="otherWitness"/>, users that earlier
    /// calls found in front (the search passes the parent label's and the last sibling's): when those users alone pass
    /// the program's tests (<see cref="WitnessFits"/>), the answer is "fits", the program's own, for one pass over the
    /// candidates. A "fits" from the program cost about 23 µs on sg50-9, a refusal 7 µs; there 69 % of the "fits" came
    /// from a witness (1.49 M of 2.14 M in 30 s), and it was proved in 35.9 s instead of 57.3 s. When neither fits, the
    /// program runs first over the witnesses' users and every candidate of their models and of h (<see cref="Pool"/>):
    /// far fewer model sets, and a "fits" there passes the same tests; only when it refuses does the whole program run.
    /// On sg60-4 (60 s) the search then expanded 3.80 million labels instead of 2.06 million; sg60-9 was proved in the
    /// study (58.7 s). It steps aside where it rarely answers (<see cref="NarrowedPays"/>).
    /// </para>
    /// <para>
    /// A state is dropped when even its cheapest completion is late: the path through its set on to h, one inference
    /// per model and, for each user still lacking, the shortest inference of its set or of a candidate after it, past
    /// LS (a superset's path is no shorter, by the triangle inequality). Like <see cref="CheapestAfter"/> for Σβ, it
    /// changes no answer, only the work: sg50-9 proved in 24.8 s instead of 36.2 s, sg50-5 in 13.0 s instead of 17.6 s.
    /// A set none of whose states can still reach the count leaves the list the program walks for each candidate.
    /// Together with its updates held in an array it grows (not a list) and the path and finish times read from one table each
    /// (<see cref="SequencingData.PathTime"/>, <see cref="SequencingData.FinishBefore"/>), the calls of the first
    /// 1.94 million labels of sg60-10 (one thread, replayed with the same answers) took 16.5–17.4 s instead of 18.4 s,
    /// the first 2 million of sg50-8 8.8–9.5 s instead of 10.5 s.
    /// </para>
    /// </remarks>
    /// <param name="served">The suffix's users.</param>
    /// <param name="firstModel">The suffix's first model, or −1 for the empty suffix.</param>
    /// <param name="latestStart">The latest start of the suffix's first user (+∞ for the empty suffix).</param>
    /// <param name="bandwidthLeft">B minus what the suffix needs, in Hz.</param>
    /// <param name="needed">How many users must fit in front.</param>
    /// <param name="witness">The users an earlier "fits" took (<see cref="LastWitness"/>), or 0: tried before the program.</param>
    /// <param name="otherWitness">Another such set, tried next, or 0.</param>
    public bool PathBandwidthFits(UserSet served, int firstModel, double latestStart, double bandwidthLeft, int needed, ulong witness = 0UL, ulong otherWitness = 0UL) =>
        PathFits(served, firstModel, latestStart, bandwidthLeft, needed, SequencingData.MaxNodePathModels, witness, otherWitness);

    /// <summary>
    /// The users (local numbers, all below 64) that the last "fits" of <see cref="PathBandwidthFits"/> found in front:
    /// a set its program accepts, which a neighbouring label's call can try first (<see cref="WitnessFits"/>). 0 when
    /// the last call refused, was decided before looking at users (no path table, nothing needed), or there are more
    /// than 64 users.
    /// </summary>
    public ulong LastWitness { get; private set; }

    /// <summary>
    /// <see cref="PathBandwidthFits"/> with its program run up to <paramref name="maxModels"/> models (true above, and
    /// true above <see cref="SequencingData.MaxNodePathModels"/> when its table would outgrow <see cref="CapTableBytes"/>).
    /// </summary>
    private bool PathFits(UserSet served, int firstModel, double latestStart, double bandwidthLeft, int needed, int maxModels, ulong witness, ulong otherWitness)
    {
        LastWitness = 0;
        if (_data.ModelCount > SequencingData.MaxNodePathModels && (1L << _data.ModelCount) * (needed + 1) * sizeof(double) > CapTableBytes)
        {
            return true;
        }

        if (DecidedBeforePath(served, firstModel, latestStart, bandwidthLeft, needed, maxModels, out int count) is bool decided)
        {
            return decided;
        }

        // The users each state took are kept (for the next call's witness) up to 64 users, where they fit one word.
        bool record = _data.Count <= 64 && maxModels <= SequencingData.MaxNodePathModels;
        if (record && ((witness != 0UL && WitnessFits(witness, count, firstModel, latestStart, bandwidthLeft, needed))
            || (otherWitness != 0UL && otherWitness != witness && WitnessFits(otherWitness, count, firstModel, latestStart, bandwidthLeft, needed))))
        {
            return true;
        }

        // What the program's cuts read, the same for the narrowed program and the whole one.
        double[] cheapest = CheapestAfter(count, needed + 1);
        _inferenceAfter[count] = double.PositiveInfinity;
        for (int j = count - 1; j >= 0; j--)
        {
            _inferenceAfter[j] = Math.Min(_inferenceAfter[j + 1], _data.Inference[_candidates[j]]);
        }

        // Then the program over the witnesses' users and every candidate of their models and h: a fraction of the
        // model sets, and its "fits" passes the same tests. Only when it refuses does the whole program run.
        ulong pool = record && NarrowedPays() ? Pool(witness | otherWitness, firstModel) : 0UL;
        bool narrower = false;
        for (int j = 0; j < count && pool != 0UL && !narrower; j++)
        {
            narrower = (pool & (1UL << _candidates[j])) == 0UL;
        }

        if (narrower)
        {
            _narrowedTried++;
            if (Program(count, firstModel, latestStart, bandwidthLeft, needed, record, pool, cheapest))
            {
                _narrowedFound++;
                return true;
            }
        }

        return Program(count, firstModel, latestStart, bandwidthLeft, needed, record, ulong.MaxValue, cheapest);
    }

    /// <summary>
    /// Whether to run the narrowed program: it pays only where it often answers "fits" (sg60-4: 617 k of the 1.68 M
    /// calls it was tried on in 30 s; sg50-9: 712 k of 4.13 M). Where nearly every call refuses it only adds its cost
    /// (sb40-3: 82 k of 12.3 M, proved in 42.7 s instead of 35.3 s), so it is skipped while it has answered fewer than
    /// 1 in <see cref="NarrowedShare"/> of its first tries, and still tried one call in 32 so that the share can move.
    /// </summary>
    private bool NarrowedPays() =>
        _narrowedTried < 1024 || _narrowedFound * NarrowedShare >= _narrowedTried || (++_narrowedSkipped & 31) == 0;

    /// <summary>
    /// <paramref name="witnesses"/> with every user of their models and of <paramref name="firstModel"/>; 0 when there
    /// are no witnesses.
    /// </summary>
    private ulong Pool(ulong witnesses, int firstModel)
    {
        if (witnesses == 0UL)
        {
            return 0UL;
        }

        ulong pool = witnesses | (firstModel >= 0 ? _modelUsers[firstModel] : 0UL);
        for (ulong users = witnesses; users != 0UL; users &= users - 1)
        {
            pool |= _modelUsers[_data.Model[System.Numerics.BitOperations.TrailingZeroCount(users)]];
        }

        return pool;
    }

    /// <summary>
    /// The program of <see cref="PathBandwidthFits"/> over the candidates in <paramref name="pool"/> (all of them with
    /// <see cref="ulong.MaxValue"/>); <paramref name="record"/> keeps the users each state took; <paramref name="cheapest"/>
    /// is <see cref="CheapestAfter"/>'s table, and the shortest inference from each candidate on is in <c>_inferenceAfter</c>.
    /// </summary>
    private bool Program(int count, int firstModel, double latestStart, double bandwidthLeft, int needed, bool record, ulong pool, double[] cheapest)
    {
        SequencingData d = _data;
        double[] pathTime = d.PathTime!;
        double[] setShortest = d.SetShortestInference!;
        int m = d.ModelCount;
        bool toFirstModel = firstModel >= 0; // else the empty suffix: nothing to reach by LS = +∞
        double[] finish = d.FinishBefore!;
        int row = toFirstModel ? firstModel << m : 0;
        int width = needed + 1;
        double[] least = _least.Length >= (1 << m) * width ? _least : _least = new double[(1 << m) * width];
        ulong[] takenUsers = !record || _takenUsers.Length >= (1 << m) * width ? _takenUsers : _takenUsers = new ulong[(1 << m) * width];
        double limit = bandwidthLeft * (1.0 + BandwidthAllocator.BudgetTolerance);
        double horizon = latestStart + _tolerance;
        int[] setList = _sets;
        int[] fewestTaken = _fewestTaken;
        int[] mostTaken = _mostTaken;
        int sets = 0;
        setList[sets++] = 0;
        Array.Fill(least, double.PositiveInfinity, 0, width);
        least[0] = 0.0;
        if (record)
        {
            takenUsers[0] = 0;
        }

        (fewestTaken[0], mostTaken[0]) = (0, 0);
        double hopeless = limit * (1.0 + CheapestRounding);
        double late = horizon + (Math.Abs(horizon) * CheapestRounding);

        bool fits = false;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int j = 0; j < count && !fits; j++)
        {
            // Polled once a call has run a while, so that a cheap one (every call below a few hundred users) still
            // answers exactly when the search is stopped: the reported cap rests on it.
            if (_stop is not null && (j & 15) == 15 && System.Diagnostics.Stopwatch.GetElapsedTime(started) > StopGrace && _stop())
            {
                fits = true; // stopped: answer what prunes nothing
                break;
            }

            int user = _candidates[j];
            if ((pool & (1UL << user)) == 0UL)
            {
                continue;
            }

            int modelBit = 1 << d.Model[user];
            ulong userBit = record ? 1UL << user : 0UL;
            double due = _due[j] + _tolerance;
            double beta = _bandwidth[j];
            double shortestAfter = _inferenceAfter[j + 1];
            int later = (j + 1) * width;
            int lowest = Math.Max(0, needed - 1 - (count - j - 1)); // fewer cannot reach needed with the users left
            int top = Math.Min(j, needed - 1);
            int updates = 0;
            double shortestFrom = _inferenceAfter[j];
            int kept = 0;
            int s = 0;
            for (; s < sets && !fits; s++)
            {
                // A set none of whose states can still reach needed leaves the list for good (until a state comes
                // back into it): its counts are all below lowest, which only grows, or every superset's path on to h
                // plus an inference per user still lacking — none shorter than q's or a candidate's from j on — passes LS.
                int q = setList[s];
                if (mostTaken[q] < lowest || (toFirstModel && finish[row + q] + ((needed - System.Numerics.BitOperations.PopCount((uint)q)) * Math.Min(setShortest[q], shortestFrom)) > late))
                {
                    mostTaken[q] = -1;
                    continue;
                }

                setList[kept++] = q;
                int r = q | modelBit;
                double fixedTime = pathTime[r];
                if (fixedTime > due)
                {
                    continue; // no count of this set reaches user j in time (each count adds to fixedTime)
                }

                int each = System.Numerics.BitOperations.PopCount((uint)r);
                double shortest = setShortest[r];
                // Every state of r still needs the path on to h and an inference per user it lacks, none shorter than
                // r's or a later candidate's: if that passes LS, no count of r reaches needed (the time's "hopeless").
                double toFirst = toFirstModel ? finish[row + r] : 0.0;
                if (toFirstModel && toFirst + ((needed - each) * Math.Min(shortest, shortestAfter)) > late)
                {
                    continue;
                }

                // Only the counts this set has reached (the others hold +∞) and at least one user a model.
                int fewest = Math.Max(Math.Max(lowest, fewestTaken[q]), each - 1);
                int rowQ = q * width;
                int rowR = r * width;
                int reached = mostTaken[r];
                for (int n = Math.Min(top, mostTaken[q]); n >= fewest; n--)
                {
                    double total = least[rowQ + n] + beta;
                    int taken = n + 1;
                    if (!(total <= limit) || total + cheapest[later + needed - taken] > hopeless || taken < each || fixedTime + ((taken - each) * shortest) > due || (reached >= 0 && total >= least[rowR + taken]))
                    {
                        continue;
                    }

                    if (taken == needed && (!toFirstModel || toFirst + ((taken - each) * shortest) <= horizon))
                    {
                        fits = true;
                        if (record)
                        {
                            LastWitness = takenUsers[rowQ + n] | userBit;
                        }

                        break;
                    }

                    if (updates == _updates.Length)
                    {
                        Array.Resize(ref _updates, 2 * updates);
                    }

                    _updates[updates++] = new Update(rowR + taken, total, r, record ? takenUsers[rowQ + n] | userBit : 0UL);
                }
            }

            for (; s < sets; s++)
            {
                setList[kept++] = setList[s];
            }

            sets = kept;

            // Applied after the pass, so that no state takes user j twice.
            for (int u = 0; u < updates; u++)
            {
                (int index, double total, int r, ulong users) = _updates[u];
                int taken = index - (r * width);
                if (mostTaken[r] < 0)
                {
                    Array.Fill(least, double.PositiveInfinity, r * width, width);
                    setList[sets++] = r;
                    (fewestTaken[r], mostTaken[r]) = (taken, taken);
                }
                else
                {
                    (fewestTaken[r], mostTaken[r]) = (Math.Min(fewestTaken[r], taken), Math.Max(mostTaken[r], taken));
                }

                if (total < least[index])
                {
                    least[index] = total;
                    if (record)
                    {
                        takenUsers[index] = users;
                    }
                }
            }
        }

        for (int s = 0; s < sets; s++)
        {
            mostTaken[setList[s]] = -1;
        }

        return fits;
    }

    /// <summary>
    /// Whether users of <paramref name="witness"/> alone, taken greedily in the program's order under the program's own
    /// tests, reach <paramref name="needed"/>: then the program would reach it too (its least Σβ per state is at most
    /// the greedy's), so "fits" is its answer. The candidates must be those of the last <see cref="Scan"/>.
    /// </summary>
    private bool WitnessFits(ulong witness, int count, int firstModel, double latestStart, double bandwidthLeft, int needed)
    {
        SequencingData d = _data;
        (double[] path, double[] ending) = (d.PathLoad!, d.PathEndingAt!);
        (double[] setInference, double[] setShortest) = (d.SetInference!, d.SetShortestInference!);
        double limit = bandwidthLeft * (1.0 + BandwidthAllocator.BudgetTolerance);
        double horizon = latestStart + _tolerance;
        int firstBit = firstModel >= 0 ? 1 << firstModel : 0;
        int q = 0;
        int taken = 0;
        double total = 0.0;
        ulong users = 0UL;
        for (int j = 0; j < count; j++)
        {
            int k = _candidates[j];
            if ((witness & (1UL << k)) == 0)
            {
                continue;
            }

            int r = q | (1 << d.Model[k]);
            int each = System.Numerics.BitOperations.PopCount((uint)r);
            double next = total + _bandwidth[j];
            if (!(next <= limit) || path[r] + setInference[r] + ((taken + 1 - each) * setShortest[r]) > _due[j] + _tolerance)
            {
                continue;
            }

            if (taken + 1 == needed)
            {
                if (firstModel < 0 || ending[((r | firstBit) * d.ModelCount) + firstModel] + setInference[r] + ((needed - each) * setShortest[r]) <= horizon)
                {
                    LastWitness = users | (1UL << k);
                    return true;
                }

                continue;
            }

            (q, taken, total, users) = (r, taken + 1, next, users | (1UL << k));
        }

        return false;
    }

    /// <summary>
    /// For each candidate position j (0 … <paramref name="count"/>) and r below <paramref name="width"/>, at
    /// <c>j * width + r</c>: the sum of the r smallest β among candidates j and after (+∞ when fewer remain). A state
    /// of <see cref="PathBandwidthFits"/> whose Σβ plus the cheapest users it still needs breaks the budget can never
    /// reach the count, so dropping it changes no answer, only the work (sg50-1: 1.8 times the labels per second).
    /// </summary>
    private double[] CheapestAfter(int count, int width)
    {
        int size = (count + 1) * width;
        int most = (_data.Count + 1) * (_data.Count + 1); // what SuffixSearch.BytesPerThread counts for it
        double[] cheapest = _cheapestAfter.Length >= size ? _cheapestAfter : _cheapestAfter = new double[Math.Min(Math.Max(size, 2 * _cheapestAfter.Length), most)];
        int sorted = 0;
        for (int j = count; j >= 0; j--)
        {
            if (j < count)
            {
                // Insertion into the ascending list of the β after j.
                double beta = _bandwidth[j];
                int at = sorted++;
                while (at > 0 && _sortedAfter[at - 1] > beta)
                {
                    _sortedAfter[at] = _sortedAfter[at - 1];
                    at--;
                }

                _sortedAfter[at] = beta;
            }

            int row = j * width;
            double sum = 0.0;
            cheapest[row] = 0.0;
            for (int r = 1; r < width; r++)
            {
                sum = r <= sorted ? sum + _sortedAfter[r - 1] : double.PositiveInfinity;
                cheapest[row + r] = sum;
            }
        }

        return cheapest;
    }

    /// <summary>
    /// Fills the candidates in order of due time, without sorting: users whose deadline is below the cap for other
    /// models keep their deadline as due time (deadline order); the other models' later users are all due at that cap;
    /// h's later users are due at min(T, LS), again in deadline order. Returns how many there are.
    /// </summary>
    private int Scan(UserSet served, int added, int firstModel, double latestStart, double bandwidthLeft)
    {
        SequencingData d = _data;
        double capOther = firstModel >= 0 ? latestStart - d.LeastLoadFromOther[firstModel] : double.PositiveInfinity;
        double limit = bandwidthLeft * (1.0 + BandwidthAllocator.BudgetTolerance);
        Array.Clear(_perModel);
        Array.Clear(_relevantHigh);
        ulong relevantLow = 0UL;
        int count = 0;
        int lateOther = 0;
        int lateOwn = 0;
        foreach (int k in d.ByDeadline)
        {
            int model = d.Model[k];
            double deadline = d.Deadline[k];
            double due = deadline <= capOther ? deadline : model == firstModel ? Math.Min(deadline, latestStart) : capOther;
            double latest = due - d.Inference[k];
            if (d.FromInitial[model] > latest + _tolerance)
            {
                continue;
            }

            double beta = due == deadline ? _deadlineBandwidth[k] : _floor.Below(k, latest + _tolerance);
            if (!(beta <= limit))
            {
                continue;
            }

            if (k == added || served.Contains(k))
            {
                if (k < 64)
                {
                    relevantLow |= 1UL << k;
                }
                else
                {
                    _relevantHigh[(k >> 6) - 1] |= 1UL << (k & 63);
                }

                continue;
            }

            _perModel[model]++;
            if (deadline <= capOther)
            {
                _candidates[count] = k;
                _due[count] = due;
                _bandwidth[count++] = beta;
            }
            else if (model != firstModel)
            {
                _lateOtherBandwidth[lateOther] = beta;
                _lateOther[lateOther++] = k;
            }
            else
            {
                _lateOwnDue[lateOwn] = due;
                _lateOwnBandwidth[lateOwn] = beta;
                _lateOwn[lateOwn++] = k;
            }
        }

        for (int j = 0; j < lateOther; j++)
        {
            _candidates[count] = _lateOther[j];
            _due[count] = capOther;
            _bandwidth[count++] = _lateOtherBandwidth[j];
        }

        for (int j = 0; j < lateOwn; j++)
        {
            _candidates[count] = _lateOwn[j];
            _due[count] = _lateOwnDue[j];
            _bandwidth[count++] = _lateOwnBandwidth[j];
        }

        _relevantLow = relevantLow;
        return count;
    }

    /// <summary>The most candidates that meet their due times on one machine (Moore–Hodgson), starting at <paramref name="start"/>, the mandatory load last.</summary>
    private int MooreHodgson(int count, double horizon, double start, double mandatory)
    {
        int size = 0;
        double time = start;
        for (int j = 0; j < count; j++)
        {
            Push(_processing[j], ref size);
            time += _processing[j];
            if (time > _due[j] + _tolerance)
            {
                time -= Pop(ref size);
            }
        }

        while (size > 0 && time + mandatory > horizon + _tolerance)
        {
            time -= Pop(ref size);
        }

        return size;
    }

    /// <summary>
    /// min over deadline values d below the cap for other models of (most users with T ≤ d served by d) + (candidates
    /// due after d): below that cap a candidate's due time is its deadline, so the precomputed counts apply.
    /// </summary>
    private int ByThresholds(int count, int firstModel, double latestStart)
    {
        double uncappedBelow = firstModel >= 0 ? latestStart - _data.LeastLoadFromOther[firstModel] : double.PositiveInfinity;
        double[] deadlines = _thresholds.Deadlines;
        int best = count;
        int within = 0;
        for (int t = 0; t < deadlines.Length && deadlines[t] < uncappedBelow; t++)
        {
            while (within < count && _due[within] <= deadlines[t])
            {
                within++;
            }

            best = Math.Min(best, _thresholds.MostServed[t] + (count - within));
        }

        return best;
    }

    private int BandwidthCount(int count, double bandwidthLeft)
    {
        Span<double> beta = stackalloc double[count];
        _bandwidth.AsSpan(0, count).CopyTo(beta);
        beta.Sort();
        double limit = bandwidthLeft * (1.0 + BandwidthAllocator.BudgetTolerance);
        double sum = 0.0;
        int fit = 0;
        while (fit < count && sum + beta[fit] <= limit)
        {
            sum += beta[fit++];
        }

        return fit;
    }

    /// <summary>The fractional knapsack of the candidates' weights: most weight per unit of size first, the last one cut.</summary>
    private double Fractional(int count, double[] sizes, double capacity)
    {
        if (capacity < 0)
        {
            return 0.0;
        }

        Span<double> ratio = stackalloc double[count];
        Span<int> order = stackalloc int[count];
        for (int j = 0; j < count; j++)
        {
            double w = _data.Weight[_candidates[j]];
            ratio[j] = sizes[j] > 0 ? -w / sizes[j] : double.NegativeInfinity;
            order[j] = j;
        }

        ratio.Sort(order);
        double value = 0.0;
        double left = capacity;
        foreach (int j in order)
        {
            double w = _data.Weight[_candidates[j]];
            if (sizes[j] <= left)
            {
                value += w;
                left -= sizes[j];
            }
            else
            {
                value += w * left / sizes[j];
                break;
            }
        }

        return value;
    }

    private void Push(double value, ref int size)
    {
        int i = size++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (_heap[parent] >= value)
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = value;
    }

    private double Pop(ref int size)
    {
        double top = _heap[0];
        double last = _heap[--size];
        int i = 0;
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && _heap[child + 1] > _heap[child])
            {
                child++;
            }

            if (_heap[child] <= last)
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        if (size > 0)
        {
            _heap[i] = last;
        }

        return top;
    }

    /// <summary>A state the program's pass over one user reaches: its table index, Σβ, model set and the users taken.</summary>
    private readonly record struct Update(int Index, double Total, int Set, ulong Users);
}
