using Google.OrTools.LinearSolver;

namespace PartialLoading.Milp;

/// <summary>
/// The visit formulation of the joint problem for MPSolver: the schedule is a sequence of batches (slots), each
/// running one model; q[k, v, j] = 1 when user k is served at position j of slot v.
/// </summary>
/// <remarks>
/// <para>
/// Why visits: two consecutive batches of the same model merge into one without loss, so consecutive slots run
/// different models. The slot-to-slot transitions then form a layered network whose linear relaxation is a convex
/// combination of real walks over models, each paying its real loading. (In a formulation over user positions the
/// relaxation instead stays on every model at once for free, and pays almost no loading.) Slots are few: at most
/// <see cref="VisitBounds.MaxVisits"/>.
/// </para>
/// <para>
/// Inside a slot the users take positions, so deadlines are "whoever is at (v, j)" (linear) and the latest starts
/// follow the exact recursion of docs/model.md §4 in any order within the batch: ordering a batch by deadline loses nothing
/// for the deadlines but can cost bandwidth, so it is not imposed. Empty positions pass the latest start through.
/// </para>
/// </remarks>
internal sealed class MpVisitModel : IMpModel
{
    /// <summary>The unit of bandwidth inside the model (see <see cref="MpServedUserConstraints.HzPerUnit"/>).</summary>
    private const double HzPerUnit = MpServedUserConstraints.HzPerUnit;

    private readonly Solver _solver;
    private readonly ExactModelData _data;
    private readonly VisitLayout _layout;
    private readonly int _slots;
    private readonly int _width;
    private readonly double _bigTime;

    private Variable[,] _model = null!;        // slot × model
    private Variable[][,] _transition = null!; // slot v ≥ 1: [from model, to model], from ≠ to
    private Variable[,,] _q = null!;           // user × slot × position
    private Variable[] _served = null!;
    private Variable[] _start = null!;         // slot: start of its first inference, ms
    private Variable[] _end = null!;           // slot: end of its last inference, ms
    private Variable[,] _latest = null!;       // slot × position: latest start, ms
    private Variable[] _userLatest = null!;
    private Variable[] _bandwidth = null!;

    private MpVisitModel(Solver solver, VisitLayout layout)
    {
        _solver = solver;
        _data = layout.Data;
        _layout = layout;
        _slots = layout.Slots;
        _width = layout.Width;
        ExactModelData data = layout.Data;
        _bigTime = data.Horizon + data.Inference.DefaultIfEmpty(0).Max() + 1.0;
    }

    /// <summary>Builds the model into <paramref name="solver"/>; null when <paramref name="stop"/> says so between two stages.</summary>
    /// <param name="solver">The MPSolver to build into.</param>
    /// <param name="layout">Slots and positions.</param>
    /// <param name="stop">Asked between stages (out of time, cancelled): building a large model takes seconds.</param>
    public static MpVisitModel? Build(Solver solver, VisitLayout layout, Func<bool> stop)
    {
        var model = new MpVisitModel(solver, layout);
        Action[] stages =
        [
            model.AddVariables,
            model.FixUnreachable,
            model.AddSlotStructure,
            model.AddTransitions,
            model.AddTimeline,
            model.AddLatestStarts,
            () => MpServedUserConstraints.AddBandwidthBudget(model._solver, model._data, model._served, model._bandwidth),
            () => MpServedUserConstraints.AddDeadlineKnapsacks(model._solver, model._data, model._served),
            model.AddConflicts,
            model.SetObjective,
        ];
        return BuildStages.Run(stages, stop) ? model : null;
    }

    /// <inheritdoc/>
    public void AddTangent(TangentCut cut) => MpServedUserConstraints.AddTangent(_solver, _data, cut, _served, _bandwidth, _userLatest);

    /// <summary>Forbids exactly this sequence (its batches in slots, positions filled from the front).</summary>
    public void ExcludeSequence(IReadOnlyList<int> order)
    {
        var places = _layout.Places(order);
        Constraint c = _solver.MakeConstraint(double.NegativeInfinity, order.Count - 0.5);
        foreach ((int k, int v, int j) in places)
        {
            c.SetCoefficient(_q[k, v, j], 1);
        }

        if (places.Count > 0)
        {
            // "exactly": a schedule that goes on (in the same batch or a next one) stays allowed.
            (_, int lastSlot, int lastPosition) = places[^1];
            if (lastPosition + 1 < _width)
            {
                AddOccupied(c, lastSlot, lastPosition + 1, -1);
            }

            if (lastSlot + 1 < _slots)
            {
                AddOccupied(c, lastSlot + 1, 0, -1);
            }
        }
    }

    public void Hint(IReadOnlyList<int> order)
    {
        var places = _layout.Places(order).ToHashSet();
        var variables = new List<Variable>();
        var values = new List<double>();
        for (int k = 0; k < _data.UserCount; k++)
        {
            for (int v = 0; v < _slots; v++)
            {
                for (int j = 0; j < _width; j++)
                {
                    variables.Add(_q[k, v, j]);
                    values.Add(places.Contains((k, v, j)) ? 1.0 : 0.0);
                }
            }
        }

        _solver.SetHint([.. variables], [.. values]);
    }

    public int[] ExtractOrder()
    {
        var order = new List<int>();
        for (int v = 0; v < _slots; v++)
        {
            for (int j = 0; j < _width; j++)
            {
                for (int k = 0; k < _data.UserCount; k++)
                {
                    if (_q[k, v, j].SolutionValue() > 0.5)
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
        _model = new Variable[_slots, models];
        for (int v = 0; v < _slots; v++)
        {
            for (int i = 0; i < models; i++)
            {
                _model[v, i] = _solver.MakeBoolVar($"z_{v}_{i}");
            }
        }

        _transition = new Variable[_slots][,];
        for (int v = 1; v < _slots; v++)
        {
            _transition[v] = new Variable[models, models];
            for (int h = 0; h < models; h++)
            {
                for (int i = 0; i < models; i++)
                {
                    if (h != i)
                    {
                        _transition[v][h, i] = _solver.MakeNumVar(0, 1, $"y_{v}_{h}_{i}");
                    }
                }
            }
        }

        _q = new Variable[users, _slots, _width];
        for (int k = 0; k < users; k++)
        {
            for (int v = 0; v < _slots; v++)
            {
                for (int j = 0; j < _width; j++)
                {
                    _q[k, v, j] = _solver.MakeBoolVar($"q_{k}_{v}_{j}");
                }
            }
        }

        _served = [.. Enumerable.Range(0, users).Select(k => _solver.MakeNumVar(0, 1, $"served_{k}"))];
        _start = [.. Enumerable.Range(0, _slots).Select(v => _solver.MakeNumVar(0, _bigTime, $"start_{v}"))];
        _end = [.. Enumerable.Range(0, _slots).Select(v => _solver.MakeNumVar(0, _bigTime, $"end_{v}"))];
        _latest = new Variable[_slots, _width];
        for (int v = 0; v < _slots; v++)
        {
            for (int j = 0; j < _width; j++)
            {
                _latest[v, j] = _solver.MakeNumVar(-_bigTime, _bigTime, $"latest_{v}_{j}");
            }
        }

        _userLatest = [.. Enumerable.Range(0, users).Select(k => _solver.MakeNumVar(-_bigTime, _data.OwnLatestStart(k), $"userLatest_{k}"))];
        _bandwidth = [.. Enumerable.Range(0, users).Select(k => _solver.MakeNumVar(0, double.PositiveInfinity, $"b_{k}"))];
    }

    /// <summary>
    /// Valid fixings from the earliest ends of <see cref="VisitBounds.EarliestEnds"/>: no user in a slot or position
    /// it cannot reach by its deadline, no model in a slot none of its users can reach, and each slot starts no earlier
    /// than its model allows. Without them the relaxation spreads users into late slots at no cost.
    /// </summary>
    private void FixUnreachable()
    {
        for (int v = 0; v < _slots; v++)
        {
            for (int i = 0; i < _data.ModelCount; i++)
            {
                if (!_layout.Reachable(v, i))
                {
                    _model[v, i].SetUb(0);
                }
            }

            for (int k = 0; k < _data.UserCount; k++)
            {
                for (int j = 0; j < _width; j++)
                {
                    if (!_layout.Reachable(k, v, j))
                    {
                        _q[k, v, j].SetUb(0);
                    }
                }
            }

            // start_v ≥ Σ_i earliestStart[v, i]·z[v, i]
            Constraint start = _solver.MakeConstraint(0, double.PositiveInfinity);
            start.SetCoefficient(_start[v], 1);
            for (int i = 0; i < _data.ModelCount; i++)
            {
                if (double.IsFinite(_layout.EarliestStart(v, i)))
                {
                    start.SetCoefficient(_model[v, i], -_layout.EarliestStart(v, i));
                }
            }
        }
    }

    /// <summary>One model per slot, slots used from the first, positions filled from the front, users once.</summary>
    private void AddSlotStructure()
    {
        for (int v = 0; v < _slots; v++)
        {
            Constraint one = _solver.MakeConstraint(double.NegativeInfinity, 1);
            for (int i = 0; i < _data.ModelCount; i++)
            {
                one.SetCoefficient(_model[v, i], 1);
            }

            if (v + 1 < _slots)
            {
                Constraint contiguous = _solver.MakeConstraint(0, double.PositiveInfinity);
                for (int i = 0; i < _data.ModelCount; i++)
                {
                    contiguous.SetCoefficient(_model[v, i], 1);
                    contiguous.SetCoefficient(_model[v + 1, i], -1);
                }
            }

            // A used slot serves someone at its first position (an empty visit only costs loading).
            Constraint nonEmpty = _solver.MakeConstraint(0, double.PositiveInfinity);
            AddOccupied(nonEmpty, v, 0, 1);
            for (int i = 0; i < _data.ModelCount; i++)
            {
                nonEmpty.SetCoefficient(_model[v, i], -1);
            }

            for (int j = 0; j < _width; j++)
            {
                Constraint single = _solver.MakeConstraint(double.NegativeInfinity, 1);
                AddOccupied(single, v, j, 1);
                if (j + 1 < _width)
                {
                    Constraint front = _solver.MakeConstraint(0, double.PositiveInfinity);
                    AddOccupied(front, v, j, 1);
                    AddOccupied(front, v, j + 1, -1);
                }

                for (int k = 0; k < _data.UserCount; k++)
                {
                    // q[k, v, j] ≤ z[v, model of k]
                    Constraint sameModel = _solver.MakeConstraint(double.NegativeInfinity, 0);
                    sameModel.SetCoefficient(_q[k, v, j], 1);
                    sameModel.SetCoefficient(_model[v, _data.UserModel[k]], -1);
                }
            }
        }

        for (int k = 0; k < _data.UserCount; k++)
        {
            Constraint once = _solver.MakeConstraint(0, 0);
            once.SetCoefficient(_served[k], -1);
            for (int v = 0; v < _slots; v++)
            {
                for (int j = 0; j < _width; j++)
                {
                    once.SetCoefficient(_q[k, v, j], 1);
                }
            }
        }
    }

    /// <summary>A flow between consecutive slots that never stays on a model (equal neighbours would merge).</summary>
    private void AddTransitions()
    {
        int models = _data.ModelCount;
        for (int v = 1; v < _slots; v++)
        {
            for (int i = 0; i < models; i++)
            {
                Constraint into = _solver.MakeConstraint(0, 0);
                into.SetCoefficient(_model[v, i], -1);
                for (int h = 0; h < models; h++)
                {
                    if (h != i)
                    {
                        into.SetCoefficient(_transition[v][h, i], 1);
                    }
                }

                Constraint outOf = _solver.MakeConstraint(double.NegativeInfinity, 0);
                outOf.SetCoefficient(_model[v - 1, i], -1);
                for (int j = 0; j < models; j++)
                {
                    if (j != i)
                    {
                        outOf.SetCoefficient(_transition[v][i, j], 1);
                    }
                }
            }
        }
    }

    /// <summary>start_v ≥ end_{v−1} + ℓ_v; end_v ≥ start_v + Σ c; a deadline per occupied position.</summary>
    private void AddTimeline()
    {
        for (int v = 0; v < _slots; v++)
        {
            Constraint loaded = _solver.MakeConstraint(0, double.PositiveInfinity);
            loaded.SetCoefficient(_start[v], 1);
            if (v > 0)
            {
                loaded.SetCoefficient(_end[v - 1], -1);
            }

            AddLoading(loaded, v, -1);

            Constraint inferred = _solver.MakeConstraint(0, double.PositiveInfinity);
            inferred.SetCoefficient(_end[v], 1);
            inferred.SetCoefficient(_start[v], -1);
            for (int k = 0; k < _data.UserCount; k++)
            {
                for (int j = 0; j < _width; j++)
                {
                    inferred.SetCoefficient(_q[k, v, j], -_data.Inference[_data.UserModel[k]]);
                }
            }

            for (int j = 0; j < _width; j++)
            {
                // start_v + (j + 1)·c_v ≤ Σ_k T_k q[k, v, j] + M (1 − occupied), where M must also cover the
                // (j + 1)·c_v of an empty position: M = H' + (j + 1)·max c.
                double bigM = _bigTime + ((j + 1) * _data.Inference.DefaultIfEmpty(0).Max());
                Constraint deadline = _solver.MakeConstraint(double.NegativeInfinity, bigM);
                deadline.SetCoefficient(_start[v], 1);
                for (int i = 0; i < _data.ModelCount; i++)
                {
                    deadline.SetCoefficient(_model[v, i], (j + 1) * _data.Inference[i]);
                }

                for (int k = 0; k < _data.UserCount; k++)
                {
                    deadline.SetCoefficient(_q[k, v, j], bigM - _data.Deadline[k]);
                }
            }
        }
    }

    /// <summary>The latest-start recursion over positions, slot after slot; empty positions pass it through.</summary>
    private void AddLatestStarts()
    {
        for (int v = 0; v < _slots; v++)
        {
            for (int j = 0; j < _width; j++)
            {
                // λ ≤ Σ_k (T_k − c_k) q + H (1 − occupied)
                Constraint own = _solver.MakeConstraint(double.NegativeInfinity, _bigTime);
                own.SetCoefficient(_latest[v, j], 1);
                for (int k = 0; k < _data.UserCount; k++)
                {
                    own.SetCoefficient(_q[k, v, j], _bigTime - _data.OwnLatestStart(k));
                }

                bool lastInSlot = j + 1 == _width;
                if (!lastInSlot || v + 1 < _slots)
                {
                    // λ[v, j] ≤ λ[next] − (ℓ_{v+1} if next starts a slot) − c·occupied[v, j]
                    Constraint chain = _solver.MakeConstraint(double.NegativeInfinity, 0);
                    chain.SetCoefficient(_latest[v, j], 1);
                    chain.SetCoefficient(lastInSlot ? _latest[v + 1, 0] : _latest[v, j + 1], -1);
                    if (lastInSlot)
                    {
                        AddLoading(chain, v + 1, 1);
                    }

                    for (int k = 0; k < _data.UserCount; k++)
                    {
                        chain.SetCoefficient(_q[k, v, j], _data.Inference[_data.UserModel[k]]);
                    }
                }

                for (int k = 0; k < _data.UserCount; k++)
                {
                    Constraint take = _solver.MakeConstraint(double.NegativeInfinity, 2 * _bigTime);
                    take.SetCoefficient(_userLatest[k], 1);
                    take.SetCoefficient(_latest[v, j], -1);
                    take.SetCoefficient(_q[k, v, j], 2 * _bigTime);
                }
            }
        }
    }

    /// <summary>Σ_{k ∈ set} served_k ≤ |set| − 1 for every conflict (see <see cref="ConflictCuts"/>).</summary>
    private void AddConflicts()
    {
        foreach (int[] set in _layout.Conflicts)
        {
            Constraint c = _solver.MakeConstraint(double.NegativeInfinity, set.Length - 1);
            foreach (int k in set)
            {
                c.SetCoefficient(_served[k], 1);
            }
        }
    }

    private void SetObjective()
    {
        Objective objective = _solver.Objective();
        for (int k = 0; k < _data.UserCount; k++)
        {
            objective.SetCoefficient(_served[k], _data.Weight[k]);
        }

        objective.SetMaximization();
    }

    private void AddOccupied(Constraint constraint, int v, int j, double coefficient)
    {
        for (int k = 0; k < _data.UserCount; k++)
        {
            constraint.SetCoefficient(_q[k, v, j], constraint.GetCoefficient(_q[k, v, j]) + coefficient);
        }
    }

    /// <summary>coefficient·ℓ_v: from the initial memory into slot 0, through the transitions after.</summary>
    private void AddLoading(Constraint constraint, int v, double coefficient)
    {
        if (v == 0)
        {
            for (int i = 0; i < _data.ModelCount; i++)
            {
                constraint.SetCoefficient(_model[0, i], constraint.GetCoefficient(_model[0, i]) + (coefficient * _data.FromInitial[i]));
            }

            return;
        }

        for (int h = 0; h < _data.ModelCount; h++)
        {
            for (int i = 0; i < _data.ModelCount; i++)
            {
                if (h != i && _data.Loading[h, i] > 0)
                {
                    constraint.SetCoefficient(_transition[v][h, i], coefficient * _data.Loading[h, i]);
                }
            }
        }
    }
}
