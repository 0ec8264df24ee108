using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>
/// The CP-SAT model of the joint problem: a circuit through a depot and the served users, an unserved user on its
/// self-loop, times in integer microseconds.
/// </summary>
/// <remarks>
/// <para>
/// Rounding is made safe by making the model a relaxation: loading and inference times are rounded down and
/// deadlines up, so every truly feasible schedule stays feasible here, and the model's optimum is an upper bound.
/// Its schedule is then checked by the exact evaluator; one that only the rounding admitted is cut off by a no-good
/// on its arcs (see <see cref="ExcludeSequence"/>) and the model is solved again. The depot keeps its own self-loop
/// so that the empty schedule stays feasible.
/// </para>
/// <para>
/// Along an arc k → j: end_j ≥ end_k + L + c_j (instant uploads) and λ_k ≤ λ_j − L − c_k (latest starts), each
/// enforced by the arc's literal; the deadline knapsacks and the tangent cuts of β are the same as the MILP's.
/// </para>
/// </remarks>
internal sealed class CpCircuitModel : ICpModel
{
    private readonly CpModel _model = new();
    private readonly ExactModelData _data;
    private readonly long _horizon;
    private BoolVar[] _served = null!;
    private Dictionary<(int From, int To), ILiteral> _arcs = null!; // node 0 is the depot, user k is node k + 1
    private IntVar[] _end = null!;
    private IntVar[] _latest = null!;
    private IntVar[] _bandwidth = null!;

    private CpCircuitModel(ExactModelData data)
    {
        _data = data;
        _horizon = Ceil(data.Horizon);
    }

    public CpModel Model => _model;

    /// <summary>Builds the model; null when <paramref name="stop"/> (out of time, cancelled) says so between two stages.</summary>
    public static CpCircuitModel? Build(ExactModelData data, Func<bool> stop)
    {
        var model = new CpCircuitModel(data);
        Action[] stages =
        [
            model.AddVariables,
            model.AddCircuit,
            model.AddTimeline,
            model.AddLatestStarts,
            model.AddBandwidthBudget,
            () => CpModelScale.AddDeadlineKnapsacks(model._model, model._data, model._served),
            () => CpModelScale.Maximize(model._model, model._data, model._served),
        ];
        return BuildStages.Run(stages, stop) ? model : null;
    }

    public void AddTangent(TangentCut cut) => CpModelScale.AddTangent(_model, cut, _bandwidth[cut.User], _latest[cut.User], _served[cut.User]);

    /// <summary>Forbids exactly this sequence of arcs (local users in order), which the exact evaluator rejected.</summary>
    public void ExcludeSequence(IReadOnlyList<int> order)
    {
        var literals = new List<ILiteral>();
        int previous = 0;
        foreach (int k in order)
        {
            literals.Add(_arcs[(previous, k + 1)].Not());
            previous = k + 1;
        }

        literals.Add(_arcs[(previous, 0)].Not());
        _model.AddBoolOr(literals);
    }

    public void Hint(IReadOnlyList<int> order)
    {
        CpModelScale.AtLeast(_model, _data, _served, order);
        var position = new Dictionary<int, int>();
        for (int n = 0; n < order.Count; n++)
        {
            position[order[n] + 1] = n;
        }

        foreach (((int from, int to), ILiteral arc) in _arcs)
        {
            if (from == to && from > 0)
            {
                _model.AddHint(_served[from - 1], position.ContainsKey(from) ? 1 : 0);
            }
            else if (arc is BoolVar variable)
            {
                bool used = from == to ? order.Count == 0 : Follows(order, from, to);
                _model.AddHint(variable, used ? 1 : 0);
            }
        }
    }

    /// <summary>The served local users in order, following the arcs from the depot.</summary>
    public int[] ExtractOrder(CpSolver solver)
    {
        var order = new List<int>();
        int node = 0;
        for (int steps = 0; steps <= _data.UserCount; steps++)
        {
            int next = -1;
            for (int to = 0; to <= _data.UserCount; to++)
            {
                if (to != node && _arcs.TryGetValue((node, to), out ILiteral? arc) && solver.BooleanValue(arc))
                {
                    next = to;
                    break;
                }
            }

            if (next <= 0)
            {
                break;
            }

            order.Add(next - 1);
            node = next;
        }

        return [.. order];
    }

    private static bool Follows(IReadOnlyList<int> order, int from, int to)
    {
        if (order.Count == 0)
        {
            return false;
        }

        if (from == 0)
        {
            return order[0] + 1 == to;
        }

        for (int n = 0; n < order.Count; n++)
        {
            if (order[n] + 1 == from)
            {
                return n + 1 < order.Count ? order[n + 1] + 1 == to : to == 0;
            }
        }

        return false;
    }

    private void AddVariables()
    {
        int users = _data.UserCount;
        _served = [.. Enumerable.Range(0, users).Select(k => _model.NewBoolVar($"served_{k}"))];
        _end = [.. Enumerable.Range(0, users).Select(k => _model.NewIntVar(0, Ceil(_data.Deadline[k]), $"end_{k}"))];
        _latest = [.. Enumerable.Range(0, users).Select(k => _model.NewIntVar(0, Ceil(_data.OwnLatestStart(k)), $"latest_{k}"))];
        _bandwidth = [.. Enumerable.Range(0, users).Select(k => _model.NewIntVar(0, CpModelScale.BudgetHz(_data), $"b_{k}"))];
        _arcs = [];
    }

    private void AddCircuit()
    {
        int users = _data.UserCount;
        CircuitConstraint circuit = _model.AddCircuit();
        BoolVar depotLoop = _model.NewBoolVar("empty");
        _arcs[(0, 0)] = depotLoop;
        circuit.AddArc(0, 0, depotLoop);
        for (int k = 0; k < users; k++)
        {
            int node = k + 1;
            _arcs[(node, node)] = _served[k].Not();
            circuit.AddArc(node, node, _served[k].Not());
            foreach (int to in Enumerable.Range(0, users + 1).Where(to => to != node))
            {
                BoolVar arc = _model.NewBoolVar($"arc_{node}_{to}");
                _arcs[(node, to)] = arc;
                circuit.AddArc(node, to, arc);
            }

            BoolVar first = _model.NewBoolVar($"arc_0_{node}");
            _arcs[(0, node)] = first;
            circuit.AddArc(0, node, first);
        }
    }

    /// <summary>end_j ≥ L(i0, m_j) + c_j after the depot and end_j ≥ end_k + L + c_j after user k.</summary>
    private void AddTimeline()
    {
        for (int j = 0; j < _data.UserCount; j++)
        {
            long own = Floor(_data.Inference[_data.UserModel[j]]);
            _model.Add(_end[j] >= Floor(_data.FromInitial[_data.UserModel[j]]) + own).OnlyEnforceIf(_arcs[(0, j + 1)]);
            for (int k = 0; k < _data.UserCount; k++)
            {
                if (k != j)
                {
                    long step = Floor(_data.Loading[_data.UserModel[k], _data.UserModel[j]] + _data.Inference[_data.UserModel[j]]);
                    _model.Add(_end[j] >= _end[k] + step).OnlyEnforceIf(_arcs[(k + 1, j + 1)]);
                }
            }
        }
    }

    /// <summary>λ_k ≤ λ_j − L − c_k along an arc k → j (the domain already bounds λ_k by T_k − c_k).</summary>
    private void AddLatestStarts()
    {
        for (int k = 0; k < _data.UserCount; k++)
        {
            for (int j = 0; j < _data.UserCount; j++)
            {
                if (k != j)
                {
                    // Rounded up so that the constraint only weakens (the true λ_k satisfies it).
                    long gap = Floor(_data.Loading[_data.UserModel[k], _data.UserModel[j]] + _data.Inference[_data.UserModel[k]]);
                    _model.Add(_latest[k] <= _latest[j] - gap).OnlyEnforceIf(_arcs[(k + 1, j + 1)]);
                }
            }

            // A served user's upload cannot end before its upload with the whole budget.
            _model.Add(_latest[k] >= Floor(_data.UploadWithWholeBudget(k))).OnlyEnforceIf(_served[k]);
            _model.Add(_bandwidth[k] == 0).OnlyEnforceIf(_served[k].Not());
        }
    }

    private void AddBandwidthBudget()
    {
        _model.Add(LinearExpr.Sum(_bandwidth) <= CpModelScale.BudgetHz(_data));
        CpModelScale.AddBandwidthFloor(_model, _data, _served);
    }

    private static long Floor(double milliseconds) => CpModelScale.Floor(milliseconds);

    private static long Ceil(double milliseconds) => CpModelScale.Ceil(milliseconds);
}
