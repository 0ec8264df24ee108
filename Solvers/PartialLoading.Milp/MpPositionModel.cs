using Google.OrTools.LinearSolver;

namespace PartialLoading.Milp;

/// <summary>
/// The position formulation of the joint problem for MPSolver: x[k, p] = 1 when user k is served at position p.
/// </summary>
/// <remarks>
/// <para>
/// Why positions: the deadline of "whoever is at p" is the linear expression Σ_k T_k·x[k, p], so a deadline needs a
/// big-M only for empty positions; and the latest starts of docs/model.md §4 follow the linear recursion
/// λ_p ≤ d_p − c_p, λ_p ≤ λ_{p+1} − ℓ_{p+1} − c_p, so the bandwidth is modelled exactly, in any order within a batch
/// (ordering same-model users by deadline is not without loss once bandwidth binds).
/// </para>
/// <para>
/// Its weakness, shared by every sequencing MILP, is that the linear relaxation mixes models across positions and
/// pays no loading; the deadline knapsacks (<see cref="DeadlineKnapsack"/>) supply the bound instead.
/// </para>
/// </remarks>
internal sealed class MpPositionModel : IMpModel
{
    /// <summary>The unit of bandwidth inside the model (see <see cref="MpServedUserConstraints.HzPerUnit"/>).</summary>
    private const double HzPerUnit = MpServedUserConstraints.HzPerUnit;

    private readonly Solver _solver;
    private readonly ExactModelData _data;
    private readonly int _positions;
    private readonly double _bigTime;

    private Variable[,] _x = null!;          // user × position
    private Variable[] _served = null!;      // user: Σ_p x
    private Variable[][,] _transition = null!; // position p ≥ 1: [from model, to model]
    private Variable[] _end = null!;         // position: end with instant uploads, ms
    private Variable[] _latest = null!;      // position: latest start λ_p, ms
    private Variable[] _userLatest = null!;  // user: latest start of its position, ms
    private Variable[] _bandwidth = null!;   // user: bandwidth, Hz

    private MpPositionModel(Solver solver, ExactModelData data, int positions)
    {
        _solver = solver;
        _data = data;
        _positions = positions;
        _bigTime = data.Horizon + data.Inference.DefaultIfEmpty(0).Max() + 1.0;
    }

    public Solver Solver => _solver;

    /// <summary>Builds the model into <paramref name="solver"/>.</summary>
    /// <param name="solver">The MPSolver to build into.</param>
    /// <param name="data">The instance's users and models.</param>
    /// <param name="positions">Positions of the sequence.</param>
    /// <param name="stop">Asked between stages; null is returned when it says so.</param>
    public static MpPositionModel? Build(Solver solver, ExactModelData data, int positions, Func<bool> stop)
    {
        var model = new MpPositionModel(solver, data, positions);
        Action[] stages =
        [
            model.AddVariables,
            model.AddAssignment,
            model.AddTransitions,
            model.AddTimeline,
            model.AddLatestStarts,
            () => MpServedUserConstraints.AddBandwidthBudget(model._solver, model._data, model._served, model._bandwidth),
            () => MpServedUserConstraints.AddDeadlineKnapsacks(model._solver, model._data, model._served),
            model.SetObjective,
        ];
        return BuildStages.Run(stages, stop) ? model : null;
    }

    /// <inheritdoc/>
    public void AddTangent(TangentCut cut) => MpServedUserConstraints.AddTangent(_solver, _data, cut, _served, _bandwidth, _userLatest);

    /// <summary>Forbids exactly this sequence: Σ_p x[order_p, p] + [position |order| occupied] ≤ |order|.</summary>
    public void ExcludeSequence(IReadOnlyList<int> order)
    {
        Constraint c = _solver.MakeConstraint(double.NegativeInfinity, order.Count - 0.5);
        for (int p = 0; p < order.Count; p++)
        {
            c.SetCoefficient(_x[order[p], p], 1);
        }

        if (order.Count < _positions)
        {
            // "exactly": a longer sequence with this prefix is a different schedule and stays allowed.
            for (int k = 0; k < _data.UserCount; k++)
            {
                c.SetCoefficient(_x[k, order.Count], -1);
            }
        }
    }

    /// <summary>The served local users in position order.</summary>
    public int[] ExtractOrder()
    {
        var order = new List<int>();
        for (int p = 0; p < _positions; p++)
        {
            for (int k = 0; k < _data.UserCount; k++)
            {
                if (_x[k, p].SolutionValue() > 0.5)
                {
                    order.Add(k);
                    break;
                }
            }
        }

        return [.. order];
    }

    /// <summary>Hints a schedule (local users in order) to the solver.</summary>
    public void Hint(IReadOnlyList<int> order)
    {
        var variables = new List<Variable>();
        var values = new List<double>();
        for (int k = 0; k < _data.UserCount; k++)
        {
            for (int p = 0; p < _positions; p++)
            {
                variables.Add(_x[k, p]);
                values.Add(p < order.Count && order[p] == k ? 1.0 : 0.0);
            }
        }

        _solver.SetHint([.. variables], [.. values]);
    }

    private void AddVariables()
    {
        int users = _data.UserCount;
        int models = _data.ModelCount;
        _x = new Variable[users, _positions];
        for (int k = 0; k < users; k++)
        {
            for (int p = 0; p < _positions; p++)
            {
                _x[k, p] = _solver.MakeBoolVar($"x_{k}_{p}");
            }
        }

        _served = [.. Enumerable.Range(0, users).Select(k => _solver.MakeNumVar(0, 1, $"served_{k}"))];
        _transition = new Variable[_positions][,];
        for (int p = 1; p < _positions; p++)
        {
            _transition[p] = new Variable[models, models];
            for (int h = 0; h < models; h++)
            {
                for (int i = 0; i < models; i++)
                {
                    _transition[p][h, i] = _solver.MakeNumVar(0, 1, $"y_{p}_{h}_{i}");
                }
            }
        }

        _end = [.. Enumerable.Range(0, _positions).Select(p => _solver.MakeNumVar(0, _bigTime, $"end_{p}"))];
        _latest = [.. Enumerable.Range(0, _positions).Select(p => _solver.MakeNumVar(-_bigTime, _bigTime, $"latest_{p}"))];
        _userLatest = [.. Enumerable.Range(0, users).Select(k => _solver.MakeNumVar(-_bigTime, _data.OwnLatestStart(k), $"userLatest_{k}"))];
        _bandwidth = [.. Enumerable.Range(0, users).Select(k => _solver.MakeNumVar(0, double.PositiveInfinity, $"b_{k}"))];
    }

    /// <summary>Each user at most once, each position at most one user, positions filled from the front.</summary>
    private void AddAssignment()
    {
        for (int k = 0; k < _data.UserCount; k++)
        {
            Constraint once = _solver.MakeConstraint(0, 0);
            once.SetCoefficient(_served[k], -1);
            for (int p = 0; p < _positions; p++)
            {
                once.SetCoefficient(_x[k, p], 1);
            }
        }

        for (int p = 0; p < _positions; p++)
        {
            Constraint single = _solver.MakeConstraint(0, 1);
            for (int k = 0; k < _data.UserCount; k++)
            {
                single.SetCoefficient(_x[k, p], 1);
            }

            if (p + 1 < _positions)
            {
                Constraint contiguous = _solver.MakeConstraint(0, double.PositiveInfinity);
                for (int k = 0; k < _data.UserCount; k++)
                {
                    contiguous.SetCoefficient(_x[k, p], 1);
                    contiguous.SetCoefficient(_x[k, p + 1], -1);
                }
            }
        }
    }

    /// <summary>y_p[h, i] = 1 when position p − 1 runs model h and p runs model i (a flow between the two layers).</summary>
    private void AddTransitions()
    {
        int models = _data.ModelCount;
        for (int p = 1; p < _positions; p++)
        {
            for (int i = 0; i < models; i++)
            {
                // Σ_h y[h, i] = [model i at p]
                Constraint into = _solver.MakeConstraint(0, 0);
                for (int h = 0; h < models; h++)
                {
                    into.SetCoefficient(_transition[p][h, i], 1);
                }

                AddModelAt(into, i, p, -1);
            }

            for (int h = 0; h < models; h++)
            {
                // Σ_i y[h, i] ≤ [model h at p − 1]
                Constraint outOf = _solver.MakeConstraint(double.NegativeInfinity, 0);
                for (int i = 0; i < models; i++)
                {
                    outOf.SetCoefficient(_transition[p][h, i], 1);
                }

                AddModelAt(outOf, h, p - 1, -1);
            }
        }
    }

    /// <summary>end_p ≥ end_{p−1} + ℓ_p + c_p (instant uploads), and end_p ≤ deadline of the user at p.</summary>
    private void AddTimeline()
    {
        for (int p = 0; p < _positions; p++)
        {
            // end_p − end_{p−1} − ℓ_p − c_p ≥ 0
            Constraint time = _solver.MakeConstraint(0, double.PositiveInfinity);
            time.SetCoefficient(_end[p], 1);
            if (p > 0)
            {
                time.SetCoefficient(_end[p - 1], -1);
            }

            AddLoadingAndInference(time, p, -1);

            // end_p ≤ Σ_k T_k x[k, p] + H·(1 − occupied_p)  ⇔  end_p − Σ_k (T_k − H) x[k, p] ≤ H
            Constraint deadline = _solver.MakeConstraint(double.NegativeInfinity, _bigTime);
            deadline.SetCoefficient(_end[p], 1);
            for (int k = 0; k < _data.UserCount; k++)
            {
                deadline.SetCoefficient(_x[k, p], _bigTime - _data.Deadline[k]);
            }
        }
    }

    /// <summary>λ_p ≤ d_p − c_p and λ_p ≤ λ_{p+1} − ℓ_{p+1} − c_p (docs/model.md §4); each user takes its position's λ.</summary>
    private void AddLatestStarts()
    {
        for (int p = 0; p < _positions; p++)
        {
            // λ_p ≤ Σ_k (T_k − c_k) x[k, p] + H (1 − occupied_p)
            Constraint own = _solver.MakeConstraint(double.NegativeInfinity, _bigTime);
            own.SetCoefficient(_latest[p], 1);
            for (int k = 0; k < _data.UserCount; k++)
            {
                own.SetCoefficient(_x[k, p], _bigTime - _data.OwnLatestStart(k));
            }

            if (p + 1 < _positions)
            {
                // λ_p − λ_{p+1} + ℓ_{p+1} + c_p ≤ 0
                Constraint chain = _solver.MakeConstraint(double.NegativeInfinity, 0);
                chain.SetCoefficient(_latest[p], 1);
                chain.SetCoefficient(_latest[p + 1], -1);
                AddLoading(chain, p + 1, 1);
                for (int k = 0; k < _data.UserCount; k++)
                {
                    chain.SetCoefficient(_x[k, p], _data.Inference[_data.UserModel[k]]);
                }
            }

            for (int k = 0; k < _data.UserCount; k++)
            {
                // λ^u_k ≤ λ_p + 2H (1 − x[k, p])
                Constraint take = _solver.MakeConstraint(double.NegativeInfinity, 2 * _bigTime);
                take.SetCoefficient(_userLatest[k], 1);
                take.SetCoefficient(_latest[p], -1);
                take.SetCoefficient(_x[k, p], 2 * _bigTime);
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

    /// <summary>Adds coefficient·[model i at position p] = coefficient·Σ_{k of i} x[k, p].</summary>
    private void AddModelAt(Constraint constraint, int model, int p, double coefficient)
    {
        for (int k = 0; k < _data.UserCount; k++)
        {
            if (_data.UserModel[k] == model)
            {
                constraint.SetCoefficient(_x[k, p], coefficient);
            }
        }
    }

    /// <summary>Adds coefficient·ℓ_p: from the initial memory at p = 0, through the transitions after.</summary>
    private void AddLoading(Constraint constraint, int p, double coefficient)
    {
        if (p == 0)
        {
            for (int k = 0; k < _data.UserCount; k++)
            {
                constraint.SetCoefficient(_x[k, 0], constraint.GetCoefficient(_x[k, 0]) + (coefficient * _data.FromInitial[_data.UserModel[k]]));
            }

            return;
        }

        for (int h = 0; h < _data.ModelCount; h++)
        {
            for (int i = 0; i < _data.ModelCount; i++)
            {
                if (_data.Loading[h, i] > 0)
                {
                    constraint.SetCoefficient(_transition[p][h, i], coefficient * _data.Loading[h, i]);
                }
            }
        }
    }

    /// <summary>Adds coefficient·(ℓ_p + c_p).</summary>
    private void AddLoadingAndInference(Constraint constraint, int p, double coefficient)
    {
        AddLoading(constraint, p, coefficient);
        for (int k = 0; k < _data.UserCount; k++)
        {
            constraint.SetCoefficient(_x[k, p], constraint.GetCoefficient(_x[k, p]) + (coefficient * _data.Inference[_data.UserModel[k]]));
        }
    }
}
