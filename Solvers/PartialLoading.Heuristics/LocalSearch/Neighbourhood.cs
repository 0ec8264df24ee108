using PartialLoading.Bandwidth;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// The moves of the local search, all feasibility-preserving: insert an unserved user; replace a served user by an
/// unserved one; relocate a whole same-model batch (or-opt; moving it next to another batch of its model merges the
/// two); relocate a single user; and, to escape local optima, a seeded ruin (drop some users) before re-insertion.
/// </summary>
/// <remarks>
/// Improving moves are taken first-come: inserting raises the value; the others are taken when they raise the value
/// or, at equal value, shorten the busy time or lower Σβ (<see cref="SequenceScore"/>), which leaves room for
/// the next insertion. Every accepted move strictly improves the score, so a descent ends. A move that keeps the
/// value but lengthens the busy time cannot improve the score, and its delay is known from loading times alone,
/// so only the others are evaluated in full, and only after the O(1) deadline and O(log n) budget filters of
/// <see cref="ServiceSequence"/> have passed them.
/// <para>
/// Granular neighbourhoods (Toth and Vigo's granular tabu search; HGS-CVRP's correlated vertices): once the order is
/// longer than <see cref="FullNeighbourhoodUpTo"/>, a user is placed only next to runs of its own model or of one of
/// the <see cref="NearModels"/> models it loads fastest from and to, or first, or last, and only at positions its
/// deadline allows; a run moves only next to such runs, and a single user not at all (it never paid there). Up to that
/// length every position is tried, as before.
/// </para>
/// </remarks>
internal sealed class Neighbourhood
{
    // Budget walks per insertion cost up to O(n) each: at least this many are tried, and more while their total
    // length stays within WalkPositions (so short sequences try every place and long ones the best few by delay).
    private const int MinBudgetWalks = 8;
    private const int WalkPositions = 4096;

    // A replacement that keeps value and busy time is evaluated in full only when the walk finds Σβ lower by more
    // than this relative margin (far above the rounding of either sum).
    private const double TieMargin = 1e-9;

    // The tangent of β at T − c is discounted by this relative margin, far above the rounding of the slope.
    private const double TangentMargin = 1e-6;

    // Orders up to this length get the full neighbourhood; longer ones the granular one.
    private const int FullNeighbourhoodUpTo = 96;

    // The models a model's users are placed next to, besides its own: the ones with the cheapest loads to and from it.
    private const int NearModels = 6;

    // Σβ-lowering replacements tried per position in a granular neighbourhood.
    private const int TieTries = 4;

    // β remembered by (user, latest start) before the memory is cleared.
    private const int RememberedBandwidths = 1 << 16;

    private static readonly Comparer<double> MostFirst = Comparer<double>.Create((a, b) => b.CompareTo(a));

    private readonly Instance _instance;
    private readonly Random _random;
    private readonly Func<bool> _stop;
    private readonly int[] _candidates; // users that can be served at all, heaviest first, then by deadline, then index
    private readonly long[] _noPlaceIn; // per user: the stamp of the last sequence it found no place in
    private readonly double[] _floorLeast; // per user: β at T − c, the least it needs anywhere
    private readonly double[] _floorLatest; // per user: T − c, the latest it can start anywhere
    private readonly double[] _floorSlope; // per user: |β′| at T − c, discounted: β(x) ≥ β(T − c) + that·(T − c − x) for x ≤ T − c (β is convex)
    private readonly int[][] _related; // per model: itself, then its near models
    private readonly bool[] _insideRunMayShorten; // per model: replacing a user inside a run of it by a near model's can shorten the busy time
    private readonly int[][] _cheapestOf; // per model: its candidate users by β at T − c, least first
    private readonly int[][] _unservedOf; // per model: the unserved ones of _cheapestOf, in its order, as of _unservedStamp
    private readonly int[] _unservedCount;
    private readonly long[] _unservedStamp;
    private readonly bool _weightsDiffer;
    private readonly List<int> _positions = []; // the granular positions of one user
    private readonly bool[] _blockedByBudget; // per user: its last search for a place met a deadline-feasible one the budget refused
    private bool _budgetBlocked; // some unserved user was refused by the budget in the last insertion pass
    private readonly int[] _modelSeen; // per model: the mark of the last position that looked at it
    private int _modelMark;
    private int[] _seen = []; // per position: the mark of the last granular list that took it
    private int _mark;
    private int[] _candidate = []; // the order a relocation would give
    private int[] _orderCopy = []; // the order a replacement pass edits
    private readonly double[] _shuffleKeys; // the random keys of the last shuffle, sorted
    private readonly int[] _shuffled; // the candidates in the order of the last shuffle
    private readonly int[] _bucketCounts; // scratch of the shuffle's bucket sort
    private readonly double[] _bucketKeys;
    private readonly int[] _bucketItems;
    private int[] _insertPositions = []; // the positions one insertion looks at, then sorted by delay
    private double[] _insertDelays = [];
    private int[] _bySaving = []; // positions by what removing their user saves, most first
    private double[] _savings = [];
    private readonly Dictionary<(int User, double Latest), double> _leastBandwidths = [];
    private int _stopCalls;
    private bool _stopped;

    public Neighbourhood(Instance instance, LoadingTimes loading, Random random, Func<bool> stop)
    {
        _instance = instance;
        _random = random;
        _stop = stop;
        _candidates = [.. Enumerable.Range(0, instance.Users.Length)
            .Where(k => Feasibility.Evaluate(instance, loading, [k], out _))
            .OrderByDescending(k => instance.Users[k].Weight)
            .ThenBy(k => instance.Users[k].DeadlineSeconds)
            .ThenBy(k => k)];
        ServableWeight = _candidates.Sum(k => instance.Users[k].Weight);
        _noPlaceIn = new long[instance.Users.Length];
        _shuffleKeys = new double[_candidates.Length];
        _shuffled = new int[_candidates.Length];
        (_bucketCounts, _bucketKeys, _bucketItems) = (new int[_candidates.Length + 1], new double[_candidates.Length], new int[_candidates.Length]);
        _floorLeast = new double[instance.Users.Length];
        _floorLatest = new double[instance.Users.Length];
        _floorSlope = new double[instance.Users.Length];
        _blockedByBudget = new bool[instance.Users.Length];
        _modelSeen = new int[instance.Models.Length];
        var used = new bool[instance.Models.Length];
        foreach (int k in _candidates)
        {
            User user = instance.Users[k];
            _floorLatest[k] = user.DeadlineSeconds - instance.Models[user.Model].InferenceSeconds;
            _floorLeast[k] = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, _floorLatest[k]);
            _floorSlope[k] = ServiceSequence.Slope(user, _floorLatest[k], _floorLeast[k]) * (1.0 - TangentMargin);
            used[user.Model] = true;
        }

        _weightsDiffer = _candidates.Any(k => instance.Users[k].Weight != instance.Users[_candidates[0]].Weight);
        ILookup<int, int> byModel = _candidates.OrderBy(k => _floorLeast[k]).ThenBy(k => k).ToLookup(k => instance.Users[k].Model);
        _cheapestOf = [.. Enumerable.Range(0, instance.Models.Length).Select(m => byModel[m].ToArray())];
        _unservedOf = [.. _cheapestOf.Select(users => new int[users.Length])];
        _unservedCount = new int[instance.Models.Length];
        _unservedStamp = new long[instance.Models.Length];
        int[] usedModels = [.. Enumerable.Range(0, used.Length).Where(m => used[m])];
        _related = new int[instance.Models.Length][];
        for (int m = 0; m < _related.Length; m++)
        {
            _related[m] = !used[m] ? [m] : [m, .. usedModels.Where(h => h != m)
                .OrderBy(h => loading.Seconds(h, m) + loading.Seconds(m, h)).ThenBy(h => h).Take(NearModels)];
        }

        // Inside a run of v (no load into the position or out of it) a user of m changes the busy time by
        // L(v, m) + c_m − c_v + L(m, v) wherever it is, summed as ServiceSequence.ReplacementDelay sums it.
        _insideRunMayShorten = new bool[instance.Models.Length];
        for (int v = 0; v < _related.Length; v++)
        {
            double inference = instance.Models[v].InferenceSeconds;
            _insideRunMayShorten[v] = _related[v].Any(m => _cheapestOf[m].Length > 0
                && ((loading.Seconds(v, m) + instance.Models[m].InferenceSeconds - inference) + loading.Seconds(m, v)) < 0.0);
        }
    }

    /// <summary>
    /// True once the search is to stop. The clock is read on the first call and on every 32nd after it only (the calls
    /// come from the innermost loops), which changes nothing under an iteration budget; the first read keeps a search
    /// cancelled before it starts from moving at all. The answer stays true once it is.
    /// </summary>
    private bool Stopped() => _stopped || ((_stopCalls++ & 31) == 0 && (_stopped = _stop()));

    /// <summary>
    /// Σ w of the users that can be served on their own: an upper bound on any schedule's value, since a user
    /// unservable alone stays so wherever it is placed (triangle inequality and docs/model.md §4).
    /// </summary>
    public double ServableWeight { get; }

    /// <summary>Applies improving moves until none applies (or the search is stopped).</summary>
    /// <param name="sequence">The sequence to improve in place.</param>
    /// <param name="shuffled">Offer unserved users in a random order (within equal weight) instead of by deadline.</param>
    public void Descend(ServiceSequence sequence, bool shuffled)
    {
        while (!Stopped())
        {
            if (!InsertUnserved(sequence, shuffled) && !ReplaceServed(sequence) && !RelocateBatch(sequence) && !RelocateUser(sequence))
            {
                return;
            }
        }
    }

    /// <summary>Drops some served users: a random few, a random stretch, or one model's users.</summary>
    public void Ruin(ServiceSequence sequence)
    {
        int n = sequence.Count;
        if (n == 0)
        {
            return;
        }

        switch (_random.Next(3))
        {
            case 0:
                List<int> kept = [.. sequence.Order];
                for (int k = 1 + _random.Next(Math.Max(1, Math.Min(n, 2 + (n / 8)))); k > 0 && kept.Count > 0; k--)
                {
                    kept.RemoveAt(_random.Next(kept.Count));
                }

                sequence.Keep(kept);
                break;
            case 1:
                int length = 1 + _random.Next(Math.Max(1, n / 4));
                sequence.RemoveRange(_random.Next(n - length + 1), length);
                break;
            default:
                int model = sequence.ModelAt(_random.Next(n));
                sequence.Keep([.. sequence.Order.Where(user => _instance.Users[user].Model != model)]);
                break;
        }
    }

    /// <summary>Inserts unserved users, each at the feasible place (among the best few by delay) that lengthens the busy time least.</summary>
    private bool InsertUnserved(ServiceSequence sequence, bool shuffled)
    {
        ReadOnlySpan<int> offered = shuffled ? _shuffled.AsSpan(0, Shuffle(sequence)) : _candidates;
        bool inserted = false;
        _budgetBlocked = false;
        foreach (int user in offered)
        {
            if (Stopped())
            {
                break;
            }

            // A user that found no place finds none again until the sequence changes (the search is deterministic).
            if (sequence.IsServed(user))
            {
                continue;
            }

            if (_noPlaceIn[user] == sequence.Stamp)
            {
                _budgetBlocked |= _blockedByBudget[user];
                continue;
            }

            _blockedByBudget[user] = !sequence.MayAfford(_floorLeast[user]);
            if (!_blockedByBudget[user] && sequence.MayInsertSomewhere(user) && BestInsertion(sequence, user) is int position)
            {
                sequence.Insert(user, position);
                inserted = true;
            }
            else
            {
                _noPlaceIn[user] = sequence.Stamp;
                _budgetBlocked |= _blockedByBudget[user];
            }
        }

        return inserted;
    }

    /// <summary>
    /// Puts the unserved candidates into <see cref="_shuffled"/> in a random order within equal weight (heaviest
    /// first; the candidates are sorted by weight) and returns their number: one random key per candidate in candidate
    /// order (served ones too, so the random stream does not depend on who is served), ties of keys by candidate order.
    /// </summary>
    private int Shuffle(ServiceSequence sequence)
    {
        int count = 0;
        foreach (int candidate in _candidates)
        {
            double key = _random.NextDouble();
            if (!sequence.IsServed(candidate))
            {
                (_shuffleKeys[count], _shuffled[count]) = (key, candidate);
                count++;
            }
        }

        for (int start = 0; start < count;)
        {
            int end = start + 1;
            while (end < count && _instance.Users[_shuffled[end]].Weight == _instance.Users[_shuffled[start]].Weight)
            {
                end++;
            }

            // By key, equal keys in candidate order (the order they were drawn in).
            SortByUniformKey(_shuffleKeys.AsSpan(start, end - start), _shuffled.AsSpan(start, end - start));
            start = end;
        }

        return count;
    }

    /// <summary>
    /// Sorts <paramref name="items"/> by <paramref name="keys"/> (uniform in [0, 1)), stably: a bucket per item, filled
    /// in order, then insertion sort, which moves items only within their bucket — O(n) expected where a comparison
    /// sort took an eighth of the search's time at 1,000 users (a shuffle before every insertion pass).
    /// </summary>
    private void SortByUniformKey(Span<double> keys, Span<int> items)
    {
        int n = keys.Length;
        if (n >= 32)
        {
            Span<int> counts = _bucketCounts.AsSpan(0, n + 1);
            counts.Clear();
            foreach (double key in keys)
            {
                counts[Bucket(key, n) + 1]++;
            }

            for (int b = 1; b <= n; b++)
            {
                counts[b] += counts[b - 1];
            }

            Span<double> sortedKeys = _bucketKeys.AsSpan(0, n);
            Span<int> sortedItems = _bucketItems.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                int at = counts[Bucket(keys[i], n)]++;
                (sortedKeys[at], sortedItems[at]) = (keys[i], items[i]);
            }

            sortedKeys.CopyTo(keys);
            sortedItems.CopyTo(items);
        }

        for (int i = 1; i < n; i++)
        {
            (double key, int item) = (keys[i], items[i]);
            int j = i;
            for (; j > 0 && key < keys[j - 1]; j--)
            {
                (keys[j], items[j]) = (keys[j - 1], items[j - 1]);
            }

            (keys[j], items[j]) = (key, item);
        }

        static int Bucket(double key, int n) => Math.Clamp((int)(key * n), 0, n - 1);
    }

    /// <summary>
    /// The feasible position with the least delay (ties: the earliest), looking at positions by delay. Deadlines are
    /// checked in O(1) everywhere; the budget walk, up to O(n) each, is tried at the best few deadline-feasible places.
    /// </summary>
    private int? BestInsertion(ServiceSequence sequence, int user)
    {
        int length = Granular(sequence) ? GranularPositions(sequence, user).Count : sequence.Count + 1;
        if (_insertPositions.Length < length)
        {
            _insertPositions = new int[Math.Max(length, 2 * _insertPositions.Length)];
            _insertDelays = new double[_insertPositions.Length];
        }

        (int[] positions, double[] delays) = (_insertPositions, _insertDelays);
        for (int i = 0; i < length; i++)
        {
            positions[i] = Granular(sequence) ? _positions[i] : i;
            delays[i] = sequence.InsertionDelay(user, positions[i]);
        }

        Array.Sort(delays, positions, 0, length); // equal delays come in no particular order: ties are settled below
        int? best = null;
        double bestDelay = double.PositiveInfinity;
        int walks = 0;
        int maxWalks = Math.Max(MinBudgetWalks, WalkPositions / (sequence.Count + 1));
        for (int i = 0; i < length && delays[i] <= bestDelay && walks < maxWalks && !Stopped(); i++)
        {
            int position = positions[i];
            if ((best is null || position < best) && sequence.MeetsDeadlinesWith(user, position))
            {
                if (sequence.MayFitBudgetInserting(user, position, _floorLeast[user]))
                {
                    walks++;
                    if (sequence.FitsBudgetWith(user, position))
                    {
                        (best, bestDelay) = (position, delays[i]);
                        continue;
                    }
                }

                _blockedByBudget[user] = true;
            }
        }

        return best;
    }

    /// <summary>True when the order is long enough for the granular neighbourhood.</summary>
    private static bool Granular(ServiceSequence sequence) => sequence.Count > FullNeighbourhoodUpTo;

    /// <summary>
    /// Where the granular neighbourhood places <paramref name="user"/>: first, last, the last position its deadline
    /// allows, and both ends of every run of its own or a near model, all within what its deadline allows.
    /// </summary>
    private List<int> GranularPositions(ServiceSequence sequence, int user)
    {
        int last = sequence.LatestPositionFor(user);
        if (_seen.Length < sequence.Count + 1)
        {
            _seen = new int[Math.Max(2 * _seen.Length, sequence.Count + 1)];
            _mark = 0;
        }

        _mark++;
        _positions.Clear();
        void Take(int position)
        {
            if (position <= last && _seen[position] != _mark)
            {
                _seen[position] = _mark;
                _positions.Add(position);
            }
        }

        Take(0);
        Take(last);
        Take(sequence.Count);
        foreach (int model in _related[_instance.Users[user].Model])
        {
            foreach (int r in sequence.RunsOf(model))
            {
                Take(sequence.Runs[r].Start);
                Take(sequence.Runs[r].End);
            }
        }

        return _positions;
    }

    /// <summary>Replaces one served user by an unserved one of at least its weight, when that scores better.</summary>
    private bool ReplaceServed(ServiceSequence sequence)
    {
        if (Granular(sequence))
        {
            return ReplaceGranular(sequence);
        }

        int[] order = [.. sequence.Order];
        foreach (int user in _candidates)
        {
            if (sequence.IsServed(user))
            {
                continue;
            }

            for (int p = 0; p < order.Length; p++)
            {
                if (Stopped())
                {
                    return false;
                }

                // At equal weight only a busy time no longer than before can pay (a tie may still lower Σβ).
                double gain = _instance.Users[user].Weight - _instance.Users[order[p]].Weight;
                int sign = gain == 0.0 ? Sign(sequence, sequence.ReplacementDelay(p, user)) : 0;
                if (gain < 0.0 || sign > 0 || !sequence.MayMeetDeadlinesReplacing(p, user))
                {
                    continue;
                }

                if (TryReplacing(sequence, order, p, user, tie: gain == 0.0 && sign == 0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The replacements of a granular neighbourhood, applied as found (the pass goes on with the next position or
    /// user): first those that shorten the busy time — at the positions whose removal saves most, by the near models of
    /// the models there, a few unserved users each (<see cref="ReplaceByUser"/> when weights differ); then, when the
    /// last insertion pass found the budget in the way, those that only lower Σβ: at each position, the few unserved
    /// users of its model needing least bandwidth at their deadline, as long as that is below what the served one needs now.
    /// </summary>
    private bool ReplaceGranular(ServiceSequence sequence)
    {
        int[] order = OrderCopy(sequence);
        bool replaced = false;

        if (_weightsDiffer)
        {
            replaced = ReplaceByUser(sequence, order);
        }
        else
        {
            // With equal weights only a shorter busy time pays, so only at positions whose removal saves more than the
            // newcomer's inference (triangle inequality), by a model near the one served there or its neighbours';
            // the delay depends on the model alone, and a few of its unserved users that meet the deadlines are tried.
            if (_bySaving.Length < order.Length)
            {
                _bySaving = new int[Math.Max(order.Length, 2 * _bySaving.Length)];
                _savings = new double[_bySaving.Length];
            }

            (int[] bySaving, double[] savings) = (_bySaving, _savings);
            for (int p = 0; p < order.Length; p++)
            {
                (bySaving[p], savings[p]) = (p, sequence.RemovalSaving(p));
            }

            Array.Sort(savings, bySaving, 0, order.Length, MostFirst);
            for (int i = 0; i < order.Length && savings[i] > 0.0; i++)
            {
                int p = bySaving[i];
                if (p > 0 && p + 1 < order.Length && !_insideRunMayShorten[sequence.ModelAt(p)]
                    && sequence.ModelAt(p - 1) == sequence.ModelAt(p) && sequence.ModelAt(p + 1) == sequence.ModelAt(p))
                {
                    continue; // inside a run whose model no near model can shorten: every try below would lengthen the busy time
                }

                _modelMark++;
                for (int neighbour = p - 1; neighbour <= p + 1; neighbour++)
                {
                    if (neighbour < 0 || neighbour >= order.Length)
                    {
                        continue;
                    }

                    foreach (int model in _related[sequence.ModelAt(neighbour)])
                    {
                        if (Stopped())
                        {
                            return replaced;
                        }

                        if (_modelSeen[model] == _modelMark || _cheapestOf[model].Length == 0 || !(_instance.Models[model].InferenceSeconds < savings[i]))
                        {
                            continue;
                        }

                        _modelSeen[model] = _modelMark;
                        if (Sign(sequence, sequence.ReplacementDelay(p, _cheapestOf[model][0])) < 0 && TryModel(sequence, order, p, model, TieTries, tie: false))
                        {
                            replaced = true;
                            goto nextPosition;
                        }
                    }
                }

            nextPosition:;
            }
        }

        if (!_budgetBlocked)
        {
            return replaced;
        }

        for (int p = 0; p < order.Length; p++)
        {
            if (Stopped())
            {
                return replaced;
            }

            if (TryModel(sequence, order, p, sequence.ModelAt(p), TieTries, tie: true))
            {
                replaced = true;
            }
        }

        return replaced;
    }

    /// <summary>
    /// The first pass of <see cref="ReplaceGranular"/> when weights differ: each unserved user at the positions of runs
    /// of its near models (and its own), where it raises the value or, at equal weight, shortens the busy time.
    /// </summary>
    private bool ReplaceByUser(ServiceSequence sequence, int[] order)
    {
        bool replaced = false;
        foreach (int user in _candidates)
        {
            // Served, or (a granular guess: the others' latest starts could still move later) it needs more than the
            // budget left even in place of the user needing most.
            if (sequence.IsServed(user) || !sequence.MayAfford(_floorLeast[user] - sequence.MostLeastBandwidthHz))
            {
                continue;
            }

            int last = Math.Min(sequence.LatestPositionFor(user), sequence.Count - 1);
            foreach (int near in _related[_instance.Users[user].Model])
            {
                foreach (int r in sequence.RunsOf(near))
                {
                    for (int p = sequence.Runs[r].Start; p < sequence.Runs[r].End; p++)
                    {
                        if (Stopped())
                        {
                            return replaced;
                        }

                        double gain = _instance.Users[user].Weight - _instance.Users[order[p]].Weight;
                        if (p > last || gain < 0.0 || (gain == 0.0 && Sign(sequence, sequence.ReplacementDelay(p, user)) >= 0) || !sequence.MayMeetDeadlinesReplacing(p, user))
                        {
                            continue;
                        }

                        if (TryReplacing(sequence, order, p, user, tie: false))
                        {
                            replaced = true;
                            goto nextUser;
                        }
                    }
                }
            }

        nextUser:;
        }

        return replaced;
    }

    /// <summary>
    /// Tries up to <paramref name="tries"/> unserved users of <paramref name="model"/> with the weight of the one at
    /// <paramref name="position"/>, least β(T − c) first, that meet the deadlines there; for a <paramref name="tie"/>
    /// (a Σβ-lowering swap) only while that β is below what the served user needs now.
    /// </summary>
    private bool TryModel(ServiceSequence sequence, int[] order, int position, int model, int tries, bool tie)
    {
        double weight = _instance.Users[order[position]].Weight;
        foreach (int user in UnservedOf(sequence, model))
        {
            if (tries == 0 || (tie && _floorLeast[user] >= sequence.LeastBandwidthAt(position)))
            {
                break;
            }

            if (_instance.Users[user].Weight != weight || !sequence.MayMeetDeadlinesReplacing(position, user))
            {
                continue;
            }

            tries--;
            if (TryReplacing(sequence, order, position, user, tie))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The unserved users of <paramref name="model"/>, least β(T − c) first: <see cref="_cheapestOf"/> without the
    /// served ones, kept until the sequence changes. A pass tries the same model at many positions, and the cheapest
    /// users are the ones served already, so skipping them at every position cost more than the tries themselves.
    /// </summary>
    private ReadOnlySpan<int> UnservedOf(ServiceSequence sequence, int model)
    {
        int[] unserved = _unservedOf[model];
        if (_unservedStamp[model] != sequence.Stamp)
        {
            int count = 0;
            foreach (int user in _cheapestOf[model])
            {
                if (!sequence.IsServed(user))
                {
                    unserved[count++] = user;
                }
            }

            (_unservedCount[model], _unservedStamp[model]) = (count, sequence.Stamp);
        }

        return unserved.AsSpan(0, _unservedCount[model]);
    }

    /// <summary>
    /// Serves <paramref name="user"/> instead of the user at <paramref name="position"/> if that scores better (the
    /// deadlines already checked; <paramref name="order"/>, the sequence's order, is kept equal to it, so the passes go
    /// on reading it without a fresh copy): the budget, and for a <paramref name="tie"/> (equal value and busy time) the Σβ the
    /// move must lower, go through the O(log n) tangent bound, then the walk over the latest starts that move, before
    /// the whole order is evaluated.
    /// </summary>
    private bool TryReplacing(ServiceSequence sequence, int[] order, int position, int user, bool tie)
    {
        // The bound with the tangent of the newcomer's β first (no Lambert W): it is below the bound with its own.
        bool Hopeless(double lower) => !sequence.MayAfford(lower - sequence.LeastBandwidthHz) || (tie && lower >= sequence.LeastBandwidthHz * (1.0 - TieMargin));
        ReplacementBound bound = sequence.BoundReplacing(position, user);
        if (Hopeless(bound.With(TangentLeast(user, bound.Latest))) || Hopeless(bound.With(LeastBandwidthAt(user, bound.Latest))))
        {
            return false;
        }

        double least = sequence.LeastBandwidthReplacing(position, user);
        if (double.IsPositiveInfinity(least) || (tie && least >= sequence.LeastBandwidthHz * (1.0 - TieMargin)))
        {
            return false;
        }

        // A swap within a model is checked and kept in place; any other replacement is evaluated as a whole order.
        int replaced = order[position];
        order[position] = user;
        bool kept = _instance.Users[user].Model == _instance.Users[replaced].Model
            ? sequence.TryReplaceWithinModel(position, user, sequence.Score)
            : sequence.TryReplace(order, sequence.Score);
        if (!kept)
        {
            order[position] = replaced;
        }

        return kept;
    }

    /// <summary>
    /// A lower bound of β of <paramref name="user"/> with latest start <paramref name="latest"/> (≤ T − c) without a
    /// Lambert W: the tangent at T − c, as the β at T − c when <paramref name="latest"/> is not below it.
    /// </summary>
    private double TangentLeast(int user, double latest)
    {
        double below = _floorLatest[user] - latest;
        return below > 0.0 ? _floorLeast[user] + (_floorSlope[user] * below) : _floorLeast[user];
    }

    /// <summary>
    /// β of <paramref name="user"/> with latest start <paramref name="latest"/>, remembered: the passes try the same
    /// few users at the same places again and again, and the Lambert W of a β is the costliest step of a try.
    /// </summary>
    private double LeastBandwidthAt(int user, double latest)
    {
        if (!_leastBandwidths.TryGetValue((user, latest), out double least))
        {
            if (_leastBandwidths.Count >= RememberedBandwidths)
            {
                _leastBandwidths.Clear();
            }

            User u = _instance.Users[user];
            least = LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, latest);
            _leastBandwidths[(user, latest)] = least;
        }

        return least;
    }

    /// <summary>Moves a maximal run of one model's users before another run, next to a run of its model first (a merge).</summary>
    private bool RelocateBatch(ServiceSequence sequence)
    {
        ArraySegment<ModelRun> batches = sequence.Runs;
        foreach (bool merging in new[] { true, false })
        {
            for (int b = 0; b < batches.Count; b++)
            {
                int model = batches[b].Model;
                foreach (int t in BatchTargets(sequence, model))
                {
                    if (Stopped())
                    {
                        return false;
                    }

                    bool merges = (t < batches.Count && batches[t].Model == model) || (t > 0 && batches[t - 1].Model == model);
                    if (t == b || t == b + 1 || merges != merging)
                    {
                        continue;
                    }

                    (int start, int length) = (batches[b].Start, batches[b].Length);
                    int target = t < batches.Count ? batches[t].Start : sequence.Count;
                    int sign = Sign(sequence, sequence.RelocationDelay(start, length, target));
                    if (sign <= 0 && MayPayMoving(sequence, start, length, target, sign) && sequence.TryReplace(Candidate(sequence, start, length, target), sequence.Score))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The batch indices a batch of <paramref name="model"/> may move before (the count: to the end): all, or in a
    /// granular order just before or after a batch of its own or a near model.
    /// </summary>
    private IEnumerable<int> BatchTargets(ServiceSequence sequence, int model)
    {
        if (!Granular(sequence))
        {
            for (int t = 0; t <= sequence.Runs.Count; t++)
            {
                yield return t;
            }

            yield break;
        }

        foreach (int near in _related[model])
        {
            foreach (int r in sequence.RunsOf(near))
            {
                yield return r;
                yield return r + 1;
            }
        }
    }

    /// <summary>
    /// Moves one user to the start of another batch or anywhere inside a batch of its own model. Not in a granular
    /// neighbourhood: there (moving a user to either end of a batch of its own model or the start of a near model's
    /// when that shortened the busy time) it was never accepted in 500 searches of 100 iterations on 1,000-user
    /// instances of three scenarios, and cost 3–5 % of their time (docs/results/README.md, local-scaling).
    /// </summary>
    private bool RelocateUser(ServiceSequence sequence)
    {
        if (Granular(sequence))
        {
            return false;
        }

        for (int p = 0; p < sequence.Count; p++)
        {
            foreach (int target in UserTargets(sequence, sequence.ModelAt(p)))
            {
                if (Stopped())
                {
                    return false;
                }

                int sign = target != p && target != p + 1 ? Sign(sequence, sequence.RelocationDelay(p, 1, target)) : 1;
                if (sign <= 0 && MayPayMoving(sequence, p, 1, target, sign) && sequence.TryReplace(Candidate(sequence, p, 1, target), sequence.Score))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Where a user of <paramref name="model"/> may move: see <see cref="RelocateUser"/>.</summary>
    private static IEnumerable<int> UserTargets(ServiceSequence sequence, int model)
    {
        foreach ((int start, int length, int batchModel) in sequence.Runs)
        {
            for (int target = start; target <= start + (batchModel == model ? length : 0); target++)
            {
                yield return target;
            }
        }
    }

    /// <summary>
    /// False when moving positions [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) before
    /// <paramref name="target"/> surely cannot score better: it misses a deadline (O(1)), breaks the budget, or keeps
    /// the busy time (<paramref name="sign"/> 0) without being able to lower Σβ (O(log n) lower bound): what the exact
    /// evaluation would reject, found before it.
    /// </summary>
    private static bool MayPayMoving(ServiceSequence sequence, int from, int count, int target, int sign)
    {
        if (!sequence.MayMeetDeadlinesMoving(from, count, target))
        {
            return false;
        }

        double lower = sequence.LeastBandwidthLowerBoundMoving(from, count, target);
        return sequence.MayAfford(lower - sequence.LeastBandwidthHz) && (sign < 0 || lower < sequence.LeastBandwidthHz);
    }

    /// <summary>−1, 0 or +1 as <paramref name="delay"/> shortens, keeps (up to rounding) or lengthens the busy time.</summary>
    private static int Sign(ServiceSequence sequence, double delay)
    {
        double tolerance = 1e-12 * Math.Max(1.0, sequence.BusySeconds);
        return delay < -tolerance ? -1 : delay > tolerance ? 1 : 0;
    }

    /// <summary>The order with positions [from, from + count) moved to just before position <paramref name="target"/>.</summary>
    internal static int[] Moved(IReadOnlyList<int> order, int from, int count, int target)
    {
        var moved = new int[order.Count];
        Move(order, from, count, target, moved);
        return moved;
    }

    /// <summary>Writes <see cref="Moved"/> into <paramref name="into"/> (as long as the order).</summary>
    private static void Move(IReadOnlyList<int> order, int from, int count, int target, Span<int> into)
    {
        int next = 0;
        for (int p = 0; p <= order.Count; p++)
        {
            if (p == target)
            {
                for (int q = from; q < from + count; q++)
                {
                    into[next++] = order[q];
                }
            }

            if (p < order.Count && (p < from || p >= from + count))
            {
                into[next++] = order[p];
            }
        }
    }

    /// <summary>The sequence's order, in a buffer reused until the sequence's length changes (a replacement keeps it).</summary>
    private int[] OrderCopy(ServiceSequence sequence)
    {
        if (_orderCopy.Length != sequence.Count)
        {
            _orderCopy = new int[sequence.Count];
        }

        for (int p = 0; p < _orderCopy.Length; p++)
        {
            _orderCopy[p] = sequence.Order[p];
        }

        return _orderCopy;
    }

    /// <summary>The sequence's order with a run moved, in a buffer reused until the sequence's length changes.</summary>
    private int[] Candidate(ServiceSequence sequence, int from, int count, int target)
    {
        if (_candidate.Length != sequence.Count)
        {
            _candidate = new int[sequence.Count];
        }

        Move(sequence.Order, from, count, target, _candidate);
        return _candidate;
    }
}
