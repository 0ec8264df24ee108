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
/// so only the others are evaluated in full.
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

    private readonly Instance _instance;
    private readonly Random _random;
    private readonly Func<bool> _stop;
    private readonly int[] _candidates; // users that can be served at all, heaviest first, then by deadline, then index
    private readonly long[] _noPlaceIn; // per user: the stamp of the last sequence it found no place in
    private int[] _candidate = []; // the order a relocation would give

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
    }

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
        while (!_stop())
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
                for (int k = 1 + _random.Next(Math.Max(1, Math.Min(n, 2 + (n / 8)))); k > 0 && sequence.Count > 0; k--)
                {
                    sequence.RemoveRange(_random.Next(sequence.Count), 1);
                }

                break;
            case 1:
                int length = 1 + _random.Next(Math.Max(1, n / 4));
                sequence.RemoveRange(_random.Next(n - length + 1), length);
                break;
            default:
                int model = sequence.ModelAt(_random.Next(n));
                for (int p = sequence.Count - 1; p >= 0; p--)
                {
                    if (sequence.ModelAt(p) == model)
                    {
                        sequence.RemoveRange(p, 1);
                    }
                }

                break;
        }
    }

    /// <summary>Inserts unserved users, each at the feasible place (among the best few by delay) that lengthens the busy time least.</summary>
    private bool InsertUnserved(ServiceSequence sequence, bool shuffled)
    {
        IEnumerable<int> offered = _candidates;
        if (shuffled)
        {
            double[] keys = [.. _candidates.Select(_ => _random.NextDouble())];
            offered = Enumerable.Range(0, _candidates.Length)
                .OrderByDescending(i => _instance.Users[_candidates[i]].Weight)
                .ThenBy(i => keys[i])
                .Select(i => _candidates[i]);
        }

        bool inserted = false;
        foreach (int user in offered)
        {
            if (_stop())
            {
                break;
            }

            // A user that found no place finds none again until the sequence changes (the search is deterministic).
            if (sequence.IsServed(user) || _noPlaceIn[user] == sequence.Stamp)
            {
                continue;
            }

            if (BestInsertion(sequence, user) is int position)
            {
                sequence.Insert(user, position);
                inserted = true;
            }
            else
            {
                _noPlaceIn[user] = sequence.Stamp;
            }
        }

        return inserted;
    }

    /// <summary>
    /// The feasible position with the least delay (ties: the earliest), looking at positions by delay. Deadlines are
    /// checked in O(1) everywhere; the budget walk, up to O(n) each, is tried at the best few deadline-feasible places.
    /// </summary>
    private int? BestInsertion(ServiceSequence sequence, int user)
    {
        int[] positions = [.. Enumerable.Range(0, sequence.Count + 1)];
        double[] delays = [.. positions.Select(p => sequence.InsertionDelay(user, p))];
        Array.Sort(delays, positions); // equal delays come in no particular order: ties are settled below
        int? best = null;
        double bestDelay = double.PositiveInfinity;
        int walks = 0;
        int maxWalks = Math.Max(MinBudgetWalks, WalkPositions / positions.Length);
        for (int i = 0; i < positions.Length && delays[i] <= bestDelay && walks < maxWalks && !_stop(); i++)
        {
            int position = positions[i];
            if ((best is null || position < best) && sequence.MeetsDeadlinesWith(user, position))
            {
                walks++;
                if (sequence.FitsBudgetWith(user, position))
                {
                    (best, bestDelay) = (position, delays[i]);
                }
            }
        }

        return best;
    }

    /// <summary>Replaces one served user by an unserved one of at least its weight, when that scores better.</summary>
    private bool ReplaceServed(ServiceSequence sequence)
    {
        int[] order = [.. sequence.Order];
        foreach (int user in _candidates)
        {
            if (sequence.IsServed(user))
            {
                continue;
            }

            for (int p = 0; p < order.Length; p++)
            {
                if (_stop())
                {
                    return false;
                }

                // At equal weight only a busy time no longer than before can pay (a tie may still lower Σβ).
                double gain = _instance.Users[user].Weight - _instance.Users[order[p]].Weight;
                if (gain < 0.0 || (gain == 0.0 && Sign(sequence, sequence.ReplacementDelay(p, user)) > 0) || !sequence.MayMeetDeadlinesReplacing(p, user))
                {
                    continue;
                }

                // The budget, and at equal value and busy time the Σβ the move must lower, checked by the walk over
                // the latest starts that move before the whole order is evaluated.
                double least = sequence.LeastBandwidthReplacing(p, user);
                if (double.IsPositiveInfinity(least)
                    || (gain == 0.0 && Sign(sequence, sequence.ReplacementDelay(p, user)) == 0 && least >= sequence.LeastBandwidthHz * (1.0 - TieMargin)))
                {
                    continue;
                }

                int replaced = order[p];
                order[p] = user;
                if (sequence.TryReplace(order, sequence.Score))
                {
                    return true;
                }

                order[p] = replaced;
            }
        }

        return false;
    }

    /// <summary>Moves a maximal run of one model's users before another run, next to a run of its model first (a merge).</summary>
    private bool RelocateBatch(ServiceSequence sequence)
    {
        List<(int Start, int Length)> batches = Batches(sequence);
        foreach (bool merging in new[] { true, false })
        {
            for (int b = 0; b < batches.Count; b++)
            {
                int model = sequence.ModelAt(batches[b].Start);
                for (int t = 0; t <= batches.Count; t++)
                {
                    if (_stop())
                    {
                        return false;
                    }

                    bool merges = (t < batches.Count && sequence.ModelAt(batches[t].Start) == model) || (t > 0 && sequence.ModelAt(batches[t - 1].Start) == model);
                    int target = t < batches.Count ? batches[t].Start : sequence.Count;
                    if (t != b && t != b + 1 && merges == merging
                        && Sign(sequence, sequence.RelocationDelay(batches[b].Start, batches[b].Length, target)) <= 0
                        && sequence.TryReplace(Candidate(sequence, batches[b].Start, batches[b].Length, target), sequence.Score))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Moves one user to the start of another batch or anywhere inside a batch of its own model.</summary>
    private bool RelocateUser(ServiceSequence sequence)
    {
        List<(int Start, int Length)> batches = Batches(sequence);
        for (int p = 0; p < sequence.Count; p++)
        {
            int model = sequence.ModelAt(p);
            foreach ((int start, int length) in batches)
            {
                bool ownModel = sequence.ModelAt(start) == model;
                for (int target = start; target <= start + (ownModel ? length : 0); target++)
                {
                    if (_stop())
                    {
                        return false;
                    }

                    if (target != p && target != p + 1 && Sign(sequence, sequence.RelocationDelay(p, 1, target)) <= 0 && sequence.TryReplace(Candidate(sequence, p, 1, target), sequence.Score))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>−1, 0 or +1 as <paramref name="delay"/> shortens, keeps (up to rounding) or lengthens the busy time.</summary>
    private static int Sign(ServiceSequence sequence, double delay)
    {
        double tolerance = 1e-12 * Math.Max(1.0, sequence.BusySeconds);
        return delay < -tolerance ? -1 : delay > tolerance ? 1 : 0;
    }

    private static List<(int Start, int Length)> Batches(ServiceSequence sequence)
    {
        var batches = new List<(int, int)>();
        for (int p = 0, start = 0; p < sequence.Count; p++)
        {
            if (p + 1 == sequence.Count || sequence.ModelAt(p + 1) != sequence.ModelAt(p))
            {
                batches.Add((start, p + 1 - start));
                start = p + 1;
            }
        }

        return batches;
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
