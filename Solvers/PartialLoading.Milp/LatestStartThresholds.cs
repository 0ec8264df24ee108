using Google.OrTools.Sat;
using PartialLoading.Core.Planning;

namespace PartialLoading.Milp;

/// <summary>
/// Ties each served user's least bandwidth to how late it can start, through a few time thresholds t shared by all
/// users: late[k, t] says that user k is served with latest start at or after t. Users late at t need little bandwidth
/// but must all fit between t and their deadlines; users not late at t need at least β_k(t).
/// </summary>
/// <remarks>
/// <para>
/// Why: in the visit model a user's latest start reaches its bandwidth only through constraints enforced by the
/// literal of its place, which the linear relaxation turns off, so the relaxation gives every user the bandwidth it
/// would need if served last (T − c) and its bound is that aggregate knapsack. These rows give the relaxation the
/// trade-off back: a user can only be given a late start if the time after that start has room for it.
/// </para>
/// <para>
/// Validity. Take a feasible schedule, its latest starts LS_n (SPEC §4) and λ_k = ⌈LS µs⌉ for served k, the value the
/// model's userLatest may take (durations are rounded down and deadlines up, so the model's recursion allows it).
/// Set late[k, t] = (λ_k ≥ t) for integer thresholds t (µs), so late ⇒ LS > t − 1 µs and not late ⇒ LS ≤ t − 1 µs.
/// (1) Bandwidth: β_k is decreasing, so a user in the level between thresholds t_b and t_{b+1} needs at least
/// β_k(t_{b+1}), and one above every threshold at least β_k(T_k − c_k); the per-user expression below equals the floor
/// of that value, so b_k ≥ it holds for b_k ≥ β_k(LS).
/// (2) Capacity: LS_{n+1} ≥ LS_n + c_n + L_{n+1} (the recursion of SPEC §4), so LS is non-decreasing along the
/// sequence and the late users of t form a suffix; the latest-start timeline puts their inferences
/// [LS_n, LS_n + c_n] and the loadings between them in disjoint intervals. For a deadline value d, the late users with
/// T_k ≤ d run inside [t − 1 µs, d]: their inferences, and for each of their models other than the model of the first
/// late user overall, the loading that entered it (the user just before the first late user of such a model is
/// late and runs another model, so that loading starts after t − 1 µs; it costs at least the cheapest entry from
/// another model). Hence Σ c_k·late[k, t] + Σ_i entry_i·enter[t, d, i] ≤ d − t + 1 µs, with enter[t, d, i] ≥
/// late[k, t] − first[t, i] and Σ_i first[t, i] ≤ 1 (first: the model of the first late user). Durations and entries
/// are rounded down, deadlines up.
/// </para>
/// </remarks>
internal sealed class LatestStartThresholds
{
    private readonly CpModel _model;
    private readonly ExactModelData _data;
    private readonly long[] _thresholds;              // µs, ascending
    private readonly BoolVar?[,] _late;               // user × threshold (null: its latest start never reaches it)
    private readonly BoolVar[,] _first;               // threshold × model
    private readonly List<(int Threshold, long Deadline, int Model, BoolVar Enter)> _enter = [];

    private LatestStartThresholds(CpModel model, ExactModelData data, long[] thresholds)
    {
        _model = model;
        _data = data;
        _thresholds = thresholds;
        _late = new BoolVar?[data.UserCount, thresholds.Length];
        _first = new BoolVar[thresholds.Length, data.ModelCount];
    }

    /// <summary>Adds the thresholds, the bandwidth levels and the capacity rows; none when <paramref name="count"/> is 0.</summary>
    public static LatestStartThresholds Add(CpModel model, ExactModelData data, BoolVar[] served, IntVar[] userLatest, IntVar[] bandwidth, int count)
    {
        var thresholds = new LatestStartThresholds(model, data, Choose(data, count));
        thresholds.AddLevels(served, userLatest, bandwidth);
        thresholds.AddCapacities();
        return thresholds;
    }

    /// <summary>Thresholds at evenly spaced quantiles of the users' own latest starts T − c, µs.</summary>
    public static long[] Choose(ExactModelData data, int count)
    {
        if (count <= 0 || data.UserCount == 0)
        {
            return [];
        }

        double[] own = [.. Enumerable.Range(0, data.UserCount).Select(data.OwnLatestStart).Order()];
        var chosen = new SortedSet<long>();
        for (int b = 1; b <= count; b++)
        {
            long t = CpModelScale.Ceil(own[(int)((long)b * (own.Length - 1) / (count + 1))]);
            if (t > 0)
            {
                chosen.Add(t);
            }
        }

        return [.. chosen];
    }

    /// <summary>Hints the thresholds' literals for a schedule (local users in order).</summary>
    public void Hint(IReadOnlyList<int> order)
    {
        OrderPlan plan = OrderPlanner.Plan(_data.Instance, [.. order.Select(k => _data.Users[k])]);
        var latest = new long?[_data.UserCount];
        for (int n = 0; n < order.Count; n++)
        {
            latest[order[n]] = CpModelScale.Ceil(plan.LatestStartsSeconds[n] * ExactModelData.UnitsPerSecond);
        }

        var firstModel = new int?[_thresholds.Length];
        for (int b = 0; b < _thresholds.Length; b++)
        {
            firstModel[b] = order.Where(k => latest[k] >= _thresholds[b]).Select(k => (int?)_data.UserModel[k]).FirstOrDefault();
            for (int k = 0; k < _data.UserCount; k++)
            {
                if (_late[k, b] is BoolVar late)
                {
                    _model.AddHint(late, latest[k] >= _thresholds[b] ? 1 : 0);
                }
            }

            for (int i = 0; i < _data.ModelCount; i++)
            {
                _model.AddHint(_first[b, i], firstModel[b] == i ? 1 : 0);
            }
        }

        foreach ((int b, long deadline, int i, BoolVar enter) in _enter)
        {
            bool entered = i != firstModel[b]
                && order.Any(k => _data.UserModel[k] == i && latest[k] >= _thresholds[b] && CpModelScale.Ceil(_data.Deadline[k]) <= deadline);
            _model.AddHint(enter, entered ? 1 : 0);
        }
    }

    private void AddLevels(BoolVar[] served, IntVar[] userLatest, IntVar[] bandwidth)
    {
        long cap = CpModelScale.BudgetHz(_data) + 1;
        for (int k = 0; k < _data.UserCount; k++)
        {
            long own = CpModelScale.Ceil(_data.OwnLatestStart(k));
            var levels = new List<long>();
            BoolVar? previous = null;
            for (int b = 0; b < _thresholds.Length && _thresholds[b] <= own; b++)
            {
                BoolVar late = _model.NewBoolVar($"late_{k}_{b}");
                _late[k, b] = late;
                _model.AddImplication(late, previous ?? served[k]);
                _model.Add(userLatest[k] >= _thresholds[b]).OnlyEnforceIf(late);
                _model.Add(userLatest[k] <= _thresholds[b] - 1).OnlyEnforceIf([served[k], late.Not()]);
                levels.Add(Floor(k, _thresholds[b], cap)); // below t_b: at least β(t_b)
                previous = late;
            }

            levels.Add(Floor(k, _data.OwnLatestStart(k) * CpModelScale.TicksPerUnit, cap));

            // b_k ≥ levels[ℓ] where ℓ is the number of thresholds k is late at (the late literals form a chain).
            var terms = new List<BoolVar> { served[k] };
            var coefficients = new List<long> { levels[0] };
            for (int b = 0; b + 1 < levels.Count; b++)
            {
                terms.Add(_late[k, b]!);
                coefficients.Add(levels[b + 1] - levels[b]);
            }

            _model.Add(bandwidth[k] >= LinearExpr.WeightedSum(terms, coefficients));
        }
    }

    /// <summary>⌊β_k(t)⌋ for t in µs, capped just above the budget (β = ∞ below the upload's pole).</summary>
    private long Floor(int k, double ticks, long cap)
    {
        double hz = _data.LeastBandwidthHz(k, ticks / CpModelScale.TicksPerUnit);
        return double.IsFinite(hz) ? Math.Min(cap, (long)Math.Floor(hz)) : cap;
    }

    private void AddCapacities()
    {
        long[] entry = [.. CheapestEntryFromAnotherModel(_data).Select(CpModelScale.Floor)];
        long[] deadlines = [.. _data.Deadline.Select(CpModelScale.Ceil).Distinct().Order()];
        for (int b = 0; b < _thresholds.Length; b++)
        {
            for (int i = 0; i < _data.ModelCount; i++)
            {
                _first[b, i] = _model.NewBoolVar($"first_{b}_{i}");
            }

            _model.AddAtMostOne([.. Enumerable.Range(0, _data.ModelCount).Select(i => _first[b, i])]);
            foreach (long deadline in deadlines)
            {
                long window = deadline - _thresholds[b] + 1;
                if (window < 0)
                {
                    continue; // nobody with such a deadline reaches the threshold (no late literal exists for them)
                }

                int[] users = [.. Enumerable.Range(0, _data.UserCount).Where(k => _late[k, b] is not null && CpModelScale.Ceil(_data.Deadline[k]) <= deadline)];
                int[] models = [.. users.Select(k => _data.UserModel[k]).Distinct()];
                long inference(int k) => CpModelScale.Floor(_data.Inference[_data.UserModel[k]]);
                if (users.Sum(inference) + models.Sum(i => entry[i]) <= window)
                {
                    continue; // never binding
                }

                var terms = new List<BoolVar>();
                var coefficients = new List<long>();
                foreach (int k in users)
                {
                    terms.Add(_late[k, b]!);
                    coefficients.Add(inference(k));
                }

                foreach (int i in models)
                {
                    if (entry[i] == 0)
                    {
                        continue;
                    }

                    BoolVar enter = _model.NewBoolVar($"enter_{b}_{deadline}_{i}");
                    _enter.Add((b, deadline, i, enter));
                    foreach (int k in users.Where(k => _data.UserModel[k] == i))
                    {
                        _model.AddBoolOr([_late[k, b]!.Not(), enter, _first[b, i]]);
                    }

                    terms.Add(enter);
                    coefficients.Add(entry[i]);
                }

                _model.Add(LinearExpr.WeightedSum(terms, coefficients) <= window);
            }
        }
    }

    /// <summary>min over other local models h of L(h, i), ms (0 when there is no other model).</summary>
    private static double[] CheapestEntryFromAnotherModel(ExactModelData data)
    {
        var entry = new double[data.ModelCount];
        for (int i = 0; i < data.ModelCount; i++)
        {
            double best = double.PositiveInfinity;
            for (int h = 0; h < data.ModelCount; h++)
            {
                if (h != i)
                {
                    best = Math.Min(best, data.Loading[h, i]);
                }
            }

            entry[i] = double.IsFinite(best) ? best : 0.0;
        }

        return entry;
    }
}
