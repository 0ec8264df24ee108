using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// The destroy operators of <see cref="LnsSolver"/>: each picks a run of positions and the users offered to refill it,
/// in time independent of the schedule's length apart from binary searches (users are indexed by deadline and by model
/// once), so an iteration at 10,000 users costs no more to choose than at 100.
/// </summary>
internal sealed class WindowPicker
{
    // Unserved users examined per extra candidate wanted.
    private const int ScanPerExtra = 6;

    private readonly Instance _instance;
    private readonly LoadingTimes _loading;
    private readonly int[] _byDeadline;
    private readonly double[] _sortedDeadlines;
    private readonly int[][] _usersOfModel;
    private readonly double[][] _deadlinesOfModel;
    private readonly bool[] _servable;
    private readonly int[] _stamp;
    private int _epoch;

    public WindowPicker(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _loading = instance.LoadingTimes;
        int k = instance.Users.Length;
        _servable = new bool[k];
        foreach (int user in ServableUsers.Alone(instance))
        {
            _servable[user] = true;
        }

        _byDeadline = [.. Enumerable.Range(0, k).Where(u => _servable[u]).OrderBy(u => instance.Users[u].DeadlineSeconds).ThenBy(u => u)];
        _sortedDeadlines = [.. _byDeadline.Select(u => instance.Users[u].DeadlineSeconds)];
        var lists = new List<int>[instance.Models.Length];
        for (int i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        foreach (int user in _byDeadline)
        {
            lists[instance.Users[user].Model].Add(user);
        }

        _usersOfModel = [.. lists.Select(l => l.ToArray())];
        _deadlinesOfModel = [.. _usersOfModel.Select(users => users.Select(u => instance.Users[u].DeadlineSeconds).ToArray())];
        _stamp = new int[k];
    }

    /// <summary>Users that can be served on their own (nobody else is in any feasible schedule).</summary>
    public IReadOnlyList<int> Servable => _byDeadline;

    /// <summary>A window of about <paramref name="size"/> candidates chosen by <paramref name="op"/>.</summary>
    public WindowChoice Pick(DestroyOperator op, PlannedSequence sequence, Random random, int size)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(random);
        size = Math.Clamp(size, 2, WindowSearch.MaxCandidates);
        _epoch++;
        int n = sequence.Count;
        int length = Math.Min(n, random.Next(Math.Max(1, size / 3), Math.Max(2, (2 * size / 3) + 1)));
        var candidates = new List<int>(size);
        var taken = new List<int>();
        (int start, int end) = op switch
        {
            DestroyOperator.Tail => (n - length, n),
            DestroyOperator.Deadlines => AroundUnservedDeadline(sequence, random, length),
            _ => Centred(random.Next(n + 1), length, n),
        };
        for (int p = start; p < end; p++)
        {
            Add(candidates, sequence.Order[p]);
        }

        Gap gap = GapOf(sequence, start, end);
        int extras = size - candidates.Count;
        switch (op)
        {
            case DestroyOperator.Models:
                TakeModels(sequence, random, start, end, gap, candidates, taken, extras);
                break;
            case DestroyOperator.Deadlines:
                Unserved(sequence, random, gap, candidates, size, fromDeadline: gap.EndBefore, spread: 2 * extras);
                break;
            default:
                Unserved(sequence, random, gap, candidates, size, fromDeadline: gap.EndBefore, spread: int.MaxValue);
                break;
        }

        // Shuffled, so that equal labels are tried in a different order each time.
        int[] shuffled = [.. candidates];
        random.Shuffle(shuffled);
        return new WindowChoice(start, end, shuffled, [.. taken]);
    }

    private static (int Start, int End) Centred(int at, int length, int n)
    {
        int start = Math.Clamp(at - (length / 2), 0, n - length);
        return (start, start + length);
    }

    /// <summary>The run that ends where an unserved user's deadline falls (its users would have to move for it).</summary>
    private (int Start, int End) AroundUnservedDeadline(PlannedSequence sequence, Random random, int length)
    {
        int n = sequence.Count;
        for (int attempt = 0; attempt < 16 && _byDeadline.Length > 0; attempt++)
        {
            int user = _byDeadline[random.Next(_byDeadline.Length)];
            if (sequence.PositionOf[user] >= 0)
            {
                continue;
            }

            double deadline = _instance.Users[user].DeadlineSeconds;
            int q = LowerBound(sequence.InstantEnd, n, Math.BitIncrement(deadline)); // the first position ending after it
            return Centred(q - (length / 3), length, n);
        }

        return Centred(random.Next(n + 1), length, n);
    }

    /// <summary>Served users of the window's models (and its neighbours') from elsewhere, then unserved ones of those models.</summary>
    private void TakeModels(PlannedSequence sequence, Random random, int start, int end, Gap gap, List<int> candidates, List<int> taken, int extras)
    {
        var models = new List<int>();
        for (int p = Math.Max(0, start - 1); p < Math.Min(sequence.Count, end + 1); p++)
        {
            if (!models.Contains(sequence.Model[p]))
            {
                models.Add(sequence.Model[p]);
            }
        }

        int takeAtMost = extras / 2;
        int reach = 4 * Math.Max(1, end - start);
        foreach (int model in models)
        {
            foreach (int user in _usersOfModel[model])
            {
                if (taken.Count >= takeAtMost)
                {
                    break;
                }

                int p = sequence.PositionOf[user];
                if (p >= 0 && (p < start || p >= end) && p >= start - reach && p < end + reach && Add(candidates, user))
                {
                    taken.Add(user);
                }
            }
        }

        int size = candidates.Count + (extras - taken.Count);
        for (int i = 0; i < models.Count && candidates.Count < size; i++)
        {
            int model = models[(i + random.Next(models.Count)) % models.Count];
            int[] users = _usersOfModel[model];
            int from = LowerBound(_deadlinesOfModel[model], users.Length, gap.EndBefore);
            int scanned = 0;
            for (int j = from; j < users.Length && candidates.Count < size && scanned < ScanPerExtra * size; j++, scanned++)
            {
                int user = users[j];
                if (sequence.PositionOf[user] < 0 && Fits(gap, user))
                {
                    Add(candidates, user);
                }
            }
        }
    }

    /// <summary>Unserved users that fit the gap alone, from a random point among those whose deadline is at least <paramref name="fromDeadline"/>.</summary>
    private void Unserved(PlannedSequence sequence, Random random, Gap gap, List<int> candidates, int size, double fromDeadline, int spread)
    {
        int from = LowerBound(_sortedDeadlines, _sortedDeadlines.Length, fromDeadline);
        int range = _byDeadline.Length - from;
        if (range <= 0 || candidates.Count >= size)
        {
            return;
        }

        int window = (int)Math.Min(range, Math.Max(spread, 1));
        int at = from + random.Next(window);
        int budget = ScanPerExtra * (size - candidates.Count);
        for (int scanned = 0; scanned < Math.Min(budget, range) && candidates.Count < size; scanned++)
        {
            int user = _byDeadline[from + ((at - from + scanned) % range)];
            if (sequence.PositionOf[user] < 0 && Fits(gap, user))
            {
                Add(candidates, user);
            }
        }
    }

    private bool Add(List<int> candidates, int user)
    {
        if (_stamp[user] == _epoch || candidates.Count >= WindowSearch.MaxCandidates)
        {
            return false;
        }

        _stamp[user] = _epoch;
        candidates.Add(user);
        return true;
    }

    /// <summary>Whether the user alone fits between the prefix and the suffix (instant uploads).</summary>
    private bool Fits(Gap gap, int user)
    {
        User u = _instance.Users[user];
        double c = _instance.Models[u.Model].InferenceSeconds;
        double latest = u.DeadlineSeconds - c;
        if (gap.ModelAfter != WindowProblem.NoModel)
        {
            latest = Math.Min(latest, gap.LatestAfter - _loading.Seconds(u.Model, gap.ModelAfter) - c);
        }

        return gap.EndBefore + _loading.Seconds(gap.ModelBefore, u.Model) <= latest + ScheduleEvaluator.DeadlineToleranceSeconds;
    }

    private Gap GapOf(PlannedSequence sequence, int start, int end) => new(
        start > 0 ? sequence.InstantEnd[start - 1] : 0.0,
        start > 0 ? sequence.Model[start - 1] : PlannedSequence.InitialModel(_instance),
        end < sequence.Count ? sequence.Model[end] : WindowProblem.NoModel,
        end < sequence.Count ? sequence.Plan.LatestStartsSeconds[end] : double.PositiveInfinity);

    /// <summary>The first index of <paramref name="sorted"/>[..length] holding at least <paramref name="value"/>.</summary>
    private static int LowerBound(double[] sorted, int length, double value)
    {
        int lo = 0, hi = length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private readonly record struct Gap(double EndBefore, int ModelBefore, int ModelAfter, double LatestAfter);
}
