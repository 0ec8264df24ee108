using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>
/// The visit formulation (see <see cref="MpVisitModel"/> for why it is strong) as a CP-SAT model in exact integers:
/// microseconds and Hz, rounded into a relaxation by <see cref="CpModelScale"/>, every schedule re-checked exactly.
/// </summary>
/// <remarks>
/// Deadlines and latest starts are enforced by the literal of the user at a position (reified constraints) instead
/// of big-M rows; the slot-to-slot transitions stay a linear flow, which is what gives CP-SAT's linear relaxation
/// real loading costs.
/// </remarks>
internal sealed class CpVisitModel : ICpModel
{
    private readonly CpModel _model = new();
    private readonly ExactModelData _data;
    private readonly VisitLayout _layout;
    private readonly int _slots;
    private readonly int _width;

    private BoolVar[,] _z = null!;          // slot × model
    private BoolVar[][,] _y = null!;        // slot v ≥ 1: [from, to], from ≠ to
    private BoolVar?[,,] _q = null!;        // user × slot × position (null where unreachable)
    private BoolVar[,] _occupied = null!;   // slot × position
    private BoolVar[] _served = null!;
    private IntVar[] _load = null!;         // slot: loading before it, µs
    private IntVar[] _start = null!;        // slot: start of its first inference, µs
    private IntVar[] _end = null!;          // slot: end of its last inference, µs
    private IntVar[,] _latest = null!;      // slot × position, µs
    private IntVar[] _userLatest = null!;   // user, µs
    private IntVar[] _bandwidth = null!;    // user, Hz

    private CpVisitModel(VisitLayout layout)
    {
        _data = layout.Data;
        _layout = layout;
        _slots = layout.Slots;
        _width = layout.Width;
    }

    public CpModel Model => _model;

    /// <summary>Builds the model; null when <paramref name="stop"/> (out of time, cancelled) says so between two stages.</summary>
    public static CpVisitModel? Build(VisitLayout layout, Func<bool>? stop = null)
    {
        var model = new CpVisitModel(layout);
        Action[] stages =
        [
            model.AddVariables,
            model.AddSlotStructure,
            model.AddTransitions,
            model.AddTimeline,
            model.AddLatestStarts,
            model.AddBandwidth,
            () => CpModelScale.AddDeadlineKnapsacks(model._model, model._data, model._served),
            () => CpModelScale.AddConflicts(model._model, layout.Conflicts, model._served),
            () => CpModelScale.Maximize(model._model, model._data, model._served),
        ];
        return BuildStages.Run(stages, stop ?? (() => false)) ? model : null;
    }

    public void AddTangent(TangentCut cut) => CpModelScale.AddTangent(_model, cut, _bandwidth[cut.User], _userLatest[cut.User], _served[cut.User]);

    public void ExcludeSequence(IReadOnlyList<int> order)
    {
        var places = _layout.Places(order);
        if (places.Count == 0 && order.Count > 0)
        {
            return; // not representable, so not a solution of this model either
        }

        var clause = new List<ILiteral>();
        foreach ((int k, int v, int j) in places)
        {
            clause.Add(_q[k, v, j]!.Not());
        }

        if (places.Count > 0)
        {
            (_, int lastSlot, int lastPosition) = places[^1];
            if (lastPosition + 1 < _width)
            {
                clause.Add(_occupied[lastSlot, lastPosition + 1]);
            }

            if (lastSlot + 1 < _slots)
            {
                clause.Add(_occupied[lastSlot + 1, 0]);
            }
        }
        else
        {
            clause.Add(_occupied[0, 0]);
        }

        _model.AddBoolOr(clause);
    }

    public void Hint(IReadOnlyList<int> order)
    {
        CpModelScale.AtLeast(_model, _data, _served, order);
        var places = _layout.Places(order);
        if (places.Count != order.Count)
        {
            return;
        }

        var at = places.ToHashSet();
        for (int k = 0; k < _data.UserCount; k++)
        {
            _model.AddHint(_served[k], places.Any(p => p.User == k) ? 1 : 0);
            for (int v = 0; v < _slots; v++)
            {
                for (int j = 0; j < _width; j++)
                {
                    if (_q[k, v, j] is BoolVar q)
                    {
                        _model.AddHint(q, at.Contains((k, v, j)) ? 1 : 0);
                    }
                }
            }
        }

        for (int v = 0; v < _slots; v++)
        {
            int? model = places.Where(p => p.Slot == v).Select(p => (int?)_data.UserModel[p.User]).FirstOrDefault();
            for (int i = 0; i < _data.ModelCount; i++)
            {
                _model.AddHint(_z[v, i], model == i ? 1 : 0);
            }
        }
    }

    public int[] ExtractOrder(CpSolver solver)
    {
        var order = new List<int>();
        for (int v = 0; v < _slots; v++)
        {
            for (int j = 0; j < _width; j++)
            {
                for (int k = 0; k < _data.UserCount; k++)
                {
                    if (_q[k, v, j] is BoolVar q && solver.BooleanValue(q))
                    {
                        order.Add(k);
                        break;
                    }
                }
            }
        }

        return [.. order];
    }

    private void AddVariables()
    {
        int users = _data.UserCount;
        int models = _data.ModelCount;
        long horizon = CpModelScale.Ceil(_data.Horizon);
        _z = new BoolVar[_slots, models];
        for (int v = 0; v < _slots; v++)
        {
            for (int i = 0; i < models; i++)
            {
                _z[v, i] = _model.NewBoolVar($"z_{v}_{i}");
                if (!_layout.Reachable(v, i))
                {
                    _model.Add(_z[v, i] == 0);
                }
            }
        }

        _q = new BoolVar?[users, _slots, _width];
        for (int k = 0; k < users; k++)
        {
            for (int v = 0; v < _slots; v++)
            {
                for (int j = 0; j < _width; j++)
                {
                    _q[k, v, j] = _layout.Reachable(k, v, j) ? _model.NewBoolVar($"q_{k}_{v}_{j}") : null;
                }
            }
        }

        _occupied = new BoolVar[_slots, _width];
        for (int v = 0; v < _slots; v++)
        {
            for (int j = 0; j < _width; j++)
            {
                _occupied[v, j] = _model.NewBoolVar($"occupied_{v}_{j}");
            }
        }

        _served = [.. Enumerable.Range(0, users).Select(k => _model.NewBoolVar($"served_{k}"))];
        _load = [.. Enumerable.Range(0, _slots).Select(v => _model.NewIntVar(0, horizon, $"load_{v}"))];
        _start = [.. Enumerable.Range(0, _slots).Select(v => _model.NewIntVar(0, horizon, $"start_{v}"))];
        _end = [.. Enumerable.Range(0, _slots).Select(v => _model.NewIntVar(0, horizon, $"end_{v}"))];
        _latest = new IntVar[_slots, _width];
        for (int v = 0; v < _slots; v++)
        {
            for (int j = 0; j < _width; j++)
            {
                _latest[v, j] = _model.NewIntVar(-horizon, horizon, $"latest_{v}_{j}");
            }
        }

        _userLatest = [.. Enumerable.Range(0, users).Select(k => _model.NewIntVar(0, CpModelScale.Ceil(_data.OwnLatestStart(k)), $"userLatest_{k}"))];
        _bandwidth = [.. Enumerable.Range(0, users).Select(k => _model.NewIntVar(0, CpModelScale.BudgetHz(_data), $"b_{k}"))];
    }

    private IEnumerable<(int User, BoolVar Literal)> At(int v, int j)
    {
        for (int k = 0; k < _data.UserCount; k++)
        {
            if (_q[k, v, j] is BoolVar q)
            {
                yield return (k, q);
            }
        }
    }

    private void AddSlotStructure()
    {
        for (int v = 0; v < _slots; v++)
        {
            BoolVar[] models = [.. Enumerable.Range(0, _data.ModelCount).Select(i => _z[v, i])];
            _model.AddAtMostOne(models);
            if (v + 1 < _slots)
            {
                _model.Add(LinearExpr.Sum([.. Enumerable.Range(0, _data.ModelCount).Select(i => _z[v + 1, i])]) <= LinearExpr.Sum(models));
            }

            // A used slot serves someone first.
            _model.Add(LinearExpr.Sum(models) <= _occupied[v, 0]);
            for (int j = 0; j < _width; j++)
            {
                // occupied = Σ_k q (at most one user per position)
                _model.Add(LinearExpr.Sum([.. At(v, j).Select(a => a.Literal)]) == _occupied[v, j]);
                if (j + 1 < _width)
                {
                    _model.AddImplication(_occupied[v, j + 1], _occupied[v, j]);
                }

                foreach ((int k, BoolVar q) in At(v, j))
                {
                    _model.AddImplication(q, _z[v, _data.UserModel[k]]);
                }
            }
        }

        for (int k = 0; k < _data.UserCount; k++)
        {
            var places = new List<BoolVar>();
            for (int v = 0; v < _slots; v++)
            {
                for (int j = 0; j < _width; j++)
                {
                    if (_q[k, v, j] is BoolVar q)
                    {
                        places.Add(q);
                    }
                }
            }

            _model.Add(LinearExpr.Sum(places) == _served[k]);
        }
    }

    /// <summary>A flow between consecutive slots that never stays on a model; the load of a slot is its arc's.</summary>
    private void AddTransitions()
    {
        int models = _data.ModelCount;
        _model.Add(_load[0] == LinearExpr.WeightedSum([.. Enumerable.Range(0, models).Select(i => _z[0, i])], [.. Enumerable.Range(0, models).Select(i => CpModelScale.Floor(_data.FromInitial[i]))]));
        _y = new BoolVar[_slots][,];
        for (int v = 1; v < _slots; v++)
        {
            _y[v] = new BoolVar[models, models];
            var arcs = new List<BoolVar>();
            var costs = new List<long>();
            for (int h = 0; h < models; h++)
            {
                for (int i = 0; i < models; i++)
                {
                    if (h != i)
                    {
                        _y[v][h, i] = _model.NewBoolVar($"y_{v}_{h}_{i}");
                        arcs.Add(_y[v][h, i]);
                        costs.Add(CpModelScale.Floor(_data.Loading[h, i]));
                    }
                }
            }

            for (int i = 0; i < models; i++)
            {
                _model.Add(LinearExpr.Sum([.. Enumerable.Range(0, models).Where(h => h != i).Select(h => _y[v][h, i])]) == _z[v, i]);
                _model.Add(LinearExpr.Sum([.. Enumerable.Range(0, models).Where(j => j != i).Select(j => _y[v][i, j])]) <= _z[v - 1, i]);
            }

            _model.Add(_load[v] == LinearExpr.WeightedSum(arcs, costs));
        }
    }

    private void AddTimeline()
    {
        for (int v = 0; v < _slots; v++)
        {
            if (v > 0)
            {
                _model.Add(_start[v] >= _end[v - 1] + _load[v]);
            }
            else
            {
                _model.Add(_start[v] >= _load[v]);
            }
            var inference = new List<BoolVar>();
            var durations = new List<long>();
            for (int j = 0; j < _width; j++)
            {
                foreach ((int k, BoolVar q) in At(v, j))
                {
                    inference.Add(q);
                    long c = CpModelScale.Floor(_data.Inference[_data.UserModel[k]]);
                    durations.Add(c);

                    // Deadline of whoever is at (v, j): start_v + (j + 1)·c ≤ T_k.
                    _model.Add(_start[v] + ((j + 1) * c) <= CpModelScale.Ceil(_data.Deadline[k])).OnlyEnforceIf(q);
                }
            }

            _model.Add(_end[v] >= _start[v] + LinearExpr.WeightedSum(inference, durations));
            for (int i = 0; i < _data.ModelCount; i++)
            {
                if (double.IsFinite(_layout.EarliestStart(v, i)))
                {
                    _model.Add(_start[v] >= CpModelScale.Floor(_layout.EarliestStart(v, i))).OnlyEnforceIf(_z[v, i]);
                }
            }
        }
    }

    /// <summary>The latest-start recursion of docs/model.md §4 over positions and slots; empty positions pass it through.</summary>
    private void AddLatestStarts()
    {
        for (int v = 0; v < _slots; v++)
        {
            for (int j = 0; j < _width; j++)
            {
                var inference = new List<BoolVar>();
                var durations = new List<long>();
                foreach ((int k, BoolVar q) in At(v, j))
                {
                    _model.Add(_latest[v, j] <= CpModelScale.Ceil(_data.OwnLatestStart(k))).OnlyEnforceIf(q);
                    _model.Add(_userLatest[k] <= _latest[v, j]).OnlyEnforceIf(q);
                    inference.Add(q);
                    durations.Add(CpModelScale.Floor(_data.Inference[_data.UserModel[k]]));
                }

                LinearExpr ownInference = LinearExpr.WeightedSum(inference, durations);
                if (j + 1 < _width)
                {
                    _model.Add(_latest[v, j] <= _latest[v, j + 1] - ownInference);
                }
                else if (v + 1 < _slots)
                {
                    _model.Add(_latest[v, j] <= _latest[v + 1, 0] - _load[v + 1] - ownInference);
                }
            }
        }
    }

    private void AddBandwidth()
    {
        _model.Add(LinearExpr.Sum(_bandwidth) <= CpModelScale.BudgetHz(_data));
        for (int k = 0; k < _data.UserCount; k++)
        {
            _model.Add(_bandwidth[k] == 0).OnlyEnforceIf(_served[k].Not());
            _model.Add(_userLatest[k] >= CpModelScale.Floor(_data.UploadWithWholeBudget(k))).OnlyEnforceIf(_served[k]);
        }

        CpModelScale.AddBandwidthFloor(_model, _data, _served);
    }
}
