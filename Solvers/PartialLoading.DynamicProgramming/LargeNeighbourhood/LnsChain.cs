using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// One walk of <see cref="LnsSolver"/>: its current and best schedules, its random stream, operator weights, window
/// size and window search. Chains share nothing mutable, so several run on their own threads; they meet only when the
/// solver hands each the best of all (<see cref="Adopt"/>) between runs of iterations.
/// </summary>
internal sealed class LnsChain
{
    // Window searches expand at most this many labels.
    private const int NodeLimit = 1500;

    private const double SmallestWindow = 8.0;
    private const double LargestWindow = 40.0;
    private const double ValueEpsilon = 1e-9;

    // Share of iterations that look for a sideways move (another filling of the same value), to leave plateaus.
    private const double SidewaysShare = 0.1;

    // Iterations without a new best (at least; twice the served count when that is more) after which the chain goes
    // back to its best schedule with a run of it removed.
    private const int RestartAfter = 50;

    // Share of the served positions the perturbation removes at most, and the most it removes.
    private const double PerturbedShare = 0.6;
    private const int PerturbedMost = 40;

    private readonly Instance _instance;
    private readonly WindowPicker _picker;
    private readonly Random _random;
    private readonly OperatorWeights _weights = new(Enum.GetValues<DestroyOperator>().Length);
    private readonly WindowSearch _search = new(NodeLimit);
    private readonly Action<PlannedSequence> _newBest;
    private PlannedSequence _current;
    private double _size = 20.0;
    private int _sinceBest;

    /// <param name="instance">The instance.</param>
    /// <param name="start">The schedule to start from.</param>
    /// <param name="seed">The seed of this chain's random stream.</param>
    /// <param name="newBest">Called with each new best schedule (on the chain's thread).</param>
    public LnsChain(Instance instance, PlannedSequence start, int seed, Action<PlannedSequence> newBest)
    {
        _instance = instance;
        _picker = new WindowPicker(instance);
        _random = new Random(seed);
        _newBest = newBest;
        _current = start;
        Best = start;
    }

    /// <summary>The best schedule this chain has seen (its own or adopted).</summary>
    public PlannedSequence Best { get; private set; }

    /// <summary>Windows re-solved.</summary>
    public int Iterations { get; private set; }

    /// <summary>Moves kept.</summary>
    public int Accepted { get; private set; }

    /// <summary>The window size (candidates) it has adapted to.</summary>
    public double WindowSize => _size;

    /// <summary>Runs up to <paramref name="iterations"/> iterations, fewer when <paramref name="stop"/> says so or <paramref name="complete"/> is reached.</summary>
    public void Run(int iterations, Func<bool> stop, double complete)
    {
        for (int i = 0; i < iterations && Best.Value < complete - ValueEpsilon && !stop(); i++)
        {
            Step();
        }
    }

    /// <summary>Takes <paramref name="other"/> as current and best schedule when it is better than this chain's best.</summary>
    public void Adopt(PlannedSequence other)
    {
        if (Better(other, Best))
        {
            Best = other;
            _current = other;
            _sinceBest = 0;
        }
    }

    /// <summary>More value, or as much with less Σβ.</summary>
    public static bool Better(PlannedSequence a, PlannedSequence b)
        => a.Value > b.Value + ValueEpsilon || (a.Value >= b.Value - ValueEpsilon && a.TotalLeastHz < b.TotalLeastHz);

    private void Step()
    {
        Iterations++;
        var op = (DestroyOperator)_weights.Choose(_random);
        WindowChoice choice = _picker.Pick(op, _current, _random, (int)_size);
        var problem = new WindowProblem(_instance, _current, choice.Start, choice.End, choice.Candidates);
        double takenValue = choice.Taken.Sum(k => _instance.Users[k].Weight);
        bool sideways = _random.NextDouble() < SidewaysShare;
        WindowSolution? solution = _search.Solve(problem, problem.CurrentValue + takenValue, sideways ? double.PositiveInfinity : problem.CurrentNeedHz, firstOfBest: sideways);
        _size = _search.Completed ? Math.Min(LargestWindow, _size + 0.25) : Math.Max(SmallestWindow, _size - 1.0);
        double score = 0.0;
        if (solution is not null && Refill(choice, solution) is { IsFeasible: true } plan)
        {
            bool improves = Improves(plan);
            if (improves || (sideways && Value(plan) >= _current.Value - ValueEpsilon))
            {
                _current = new PlannedSequence(_instance, plan);
                Accepted++;
                score = improves ? OperatorWeights.Improved : OperatorWeights.Sideways;
            }

            if (_current.Value > Best.Value + ValueEpsilon)
            {
                score = OperatorWeights.NewBest;
                _sinceBest = -1;
            }

            if (Better(_current, Best))
            {
                bool more = _current.Value > Best.Value + ValueEpsilon;
                Best = _current;
                if (more)
                {
                    _newBest(Best);
                }
            }
        }

        // Back to the best schedule, shaken, after a walk without a new best: iterated local search (Lourenço,
        // Martin & Stützle 2003). Small schedules are otherwise stuck in the first optimum their windows reach.
        if (++_sinceBest >= Math.Max(RestartAfter, 2 * Best.Count))
        {
            _current = Perturbed(Best);
            _sinceBest = 0;
        }

        _weights.Record((int)op, score);
    }

    /// <summary>
    /// <paramref name="best"/> without a random run of its positions (a third to all of 60 % of them, at most 40): removing
    /// users never breaks a schedule (docs/model.md §4), and the windows then refill the gap, often differently.
    /// </summary>
    private PlannedSequence Perturbed(PlannedSequence best)
    {
        int n = best.Count;
        if (n < 2)
        {
            return best;
        }

        int most = Math.Clamp((int)(PerturbedShare * n), 1, PerturbedMost);
        int length = _random.Next(Math.Max(1, most / 3), most + 1);
        int from = _random.Next(n - length + 1);
        int[] kept = [.. best.Order.AsSpan(0, from), .. best.Order.AsSpan(from + length)];
        OrderPlan plan = OrderPlanner.Replan(_instance, kept, best.Plan);
        return plan.IsFeasible ? new PlannedSequence(_instance, plan) : best;
    }

    /// <summary>The order with the window refilled and the users it took from elsewhere removed, planned.</summary>
    private OrderPlan Refill(WindowChoice choice, WindowSolution solution)
    {
        var taken = new HashSet<int>(choice.Taken);
        var order = new List<int>(_current.Count + solution.Order.Length);
        for (int p = 0; p < choice.Start; p++)
        {
            if (!taken.Contains(_current.Order[p]))
            {
                order.Add(_current.Order[p]);
            }
        }

        order.AddRange(solution.Order);
        for (int p = choice.End; p < _current.Count; p++)
        {
            if (!taken.Contains(_current.Order[p]))
            {
                order.Add(_current.Order[p]);
            }
        }

        return OrderPlanner.Replan(_instance, order, _current.Plan);
    }

    private double Value(OrderPlan plan) => plan.Order.Sum(k => _instance.Users[k].Weight);

    /// <summary>More value, or as much with less Σβ by more than rounding.</summary>
    private bool Improves(OrderPlan plan)
    {
        double value = Value(plan);
        return value > _current.Value + ValueEpsilon
            || (value >= _current.Value - ValueEpsilon && plan.TotalLeastBandwidthHz < _current.TotalLeastHz - (1e-12 * plan.BudgetHz));
    }
}
