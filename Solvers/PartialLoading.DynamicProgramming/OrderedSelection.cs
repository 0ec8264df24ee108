using PartialLoading.Bandwidth;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// Chooses which users each batch serves for a FIXED sequence of batches, pricing every user at the latest start it
/// gets there (docs/model.md §4, §5): a dynamic program from the back over the work after a batch, cut into cells, whose
/// step gives one batch of the sequence 0..K_i users, each worth w_k − λ·β_k(T − W − c_i); λ is searched by bisection so
/// that the exact re-planned order fits the budget. Every order it proposes is re-planned exactly
/// (<see cref="OrderPlanner"/>); one that misses the budget is repaired by <see cref="BandwidthRepair"/>; the best
/// feasible plan is kept.
/// </summary>
/// <remarks>
/// <para>
/// The sequence comes from a reference plan: its batches in its order, whose clusters are contiguous (the DP's orders
/// are). State: (cells of work after, whether the current cluster run already serves somebody after); an empty batch
/// costs nothing, a served one its head and x inferences, and a cluster run that serves somebody its backbone where
/// the run before it ends. The program is a pricing heuristic, not a bound: cells round the work down, and a batch's
/// users are all priced at its last place, so only the exact plan decides.
/// </para>
/// <para>Cost per price: O(P·K log K + G·K) for P price levels and G cells; at most <see cref="MaxTries"/> prices.</para>
/// </remarks>
internal static class OrderedSelection
{
    /// <summary>Prices tried by the bisection (log λ to within 3·10⁻⁴ of the threshold).</summary>
    public const int MaxTries = 16;

    /// <summary>Users up to which the solver tries a second batch sequence (each costs <see cref="MaxTries"/> runs).</summary>
    public const int SecondSequenceUpTo = 3000;

    /// <summary>Users above which the work axis is cut into <see cref="CoarseCells"/> instead of <see cref="FineCells"/>.</summary>
    private const int FineUpTo = 3000;
    private const int FineCells = 2048;
    private const int CoarseCells = 1024;
    private const int Levels = 256;


    /// <summary>The best feasible plan found for the batch sequence of <paramref name="reference"/>, or null.</summary>
    public static OrderPlan? Search(BottomLayerProblem problem, OrderPlan reference, Func<bool> stop)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(stop);
        Instance instance = problem.Instance;
        // Building the program is a pass over every user (seconds at 100,000): not begun when the time is already up.
        if (reference.Order.Length == 0 || !double.IsFinite(problem.DeadlineSeconds) || stop())
        {
            return null;
        }

        var program = new Program(problem, reference);
        double scale = program.Scale();
        if (!(scale > 0.0))
        {
            return null;
        }

        // Bisection on log λ over [scale/10⁴, scale·10⁴]: a feasible plan asks for a smaller price (serve more).
        double low = Math.Log(scale) - 9.2, high = Math.Log(scale) + 9.2;
        OrderPlan? best = null;
        double bestValue = double.NegativeInfinity;
        for (int t = 0; t < MaxTries && !stop(); t++)
        {
            double lambda = Math.Exp((low + high) / 2);
            OrderPlan plan = OrderPlanner.Plan(instance, program.Order(lambda));
            bool passed = plan.IsFeasible;
            if (!passed && plan.MeetsDeadlinesWithInstantUploads)
            {
                plan = BandwidthRepair.DropUntilFeasible(instance, plan, stop).Plan;
            }

            double value = PricedSelection.Value(instance, plan);
            if (plan.IsFeasible && value > bestValue)
            {
                (best, bestValue) = (plan, value);
            }

            if (passed)
            {
                high = (low + high) / 2;
            }
            else
            {
                low = (low + high) / 2;
            }
        }

        return best;
    }

    /// <summary>The program for one batch sequence.</summary>
    private sealed class Program
    {
        private readonly Instance _instance;
        private readonly int _cells;         // G: cells of the work axis
        private readonly int[][] _users;      // per batch: its model's users
        private readonly int[] _runEnd;       // per batch: 1 when it is the first of its cluster run (the run's backbone goes in front of it)
        private readonly double[] _backbone;  // per batch: its cluster's backbone seconds
        private readonly double[] _head;      // per batch
        private readonly double[] _inference; // per batch
        private readonly double _deadline;
        private readonly double _cell;
        private readonly int _stride;
        private readonly double[][] _beta;    // per batch, [u·L + ℓ]: β of its u-th user at price level ℓ

        public Program(BottomLayerProblem problem, OrderPlan reference)
        {
            _instance = problem.Instance;
            _cells = problem.Users.Length <= FineUpTo ? FineCells : CoarseCells;
            _deadline = problem.DeadlineSeconds;
            _cell = _deadline / _cells;
            _stride = Math.Max(1, _cells / Levels);
            var dpModel = new Dictionary<int, int>();
            var clusterOf = new int[problem.ModelCount];
            for (int q = 0; q < problem.ClusterCount; q++)
            {
                for (int m = problem.ClusterStart[q]; m < problem.ClusterStart[q + 1]; m++)
                {
                    dpModel[problem.Models[m]] = m;
                    clusterOf[m] = q;
                }
            }

            var batches = new List<int>();
            foreach (int user in reference.Order)
            {
                int m = dpModel[_instance.Users[user].Model];
                if (batches.Count == 0 || batches[^1] != m)
                {
                    batches.Add(m);
                }
            }

            int n = batches.Count;
            _users = [.. batches.Select(m => problem.UsersOf(m).ToArray())];
            _runEnd = [.. batches.Select((m, b) => b == 0 || clusterOf[batches[b - 1]] != clusterOf[m] ? 1 : 0)];
            _backbone = [.. batches.Select(m => problem.BackboneSeconds[clusterOf[m]])];
            _head = [.. batches.Select(m => problem.HeadSeconds[m])];
            _inference = [.. batches.Select(m => problem.InferenceSeconds[m])];
            int levels = (_cells / _stride) + 1;
            _beta = new double[n][];
            for (int b = 0; b < n; b++)
            {
                _beta[b] = new double[_users[b].Length * levels];
                for (int u = 0; u < _users[b].Length; u++)
                {
                    User user = _instance.Users[_users[b][u]];
                    for (int l = 0; l < levels; l++)
                    {
                        double latest = _deadline - (l * _stride * _cell) - _inference[b];
                        _beta[b][(u * levels) + l] = latest > 0.0 ? LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest) : double.PositiveInfinity;
                    }
                }
            }
        }

        /// <summary>The median of w/β at the last place over the sequence's users: the natural price per hertz.</summary>
        public double Scale()
        {
            int levels = (_cells / _stride) + 1;
            double[] ratios = [.. _users.SelectMany((users, b) => users.Select((k, u) => _instance.Users[k].Weight / _beta[b][u * levels])).Where(r => r > 0.0 && double.IsFinite(r)).Order()];
            return ratios.Length == 0 ? 0.0 : ratios[ratios.Length / 2];
        }

        /// <summary>The order the program chooses at price <paramref name="lambda"/>: each batch's users by D/a, largest last.</summary>
        public int[] Order(double lambda)
        {
            int n = _users.Length;
            int levels = (_cells / _stride) + 1;
            int width = 2 * (_cells + 1);

            // value[s·(G+1) + g]: best Σ(w − λβ) of the suffix with g cells of work after, s = its run serves somebody.
            var value = new double[width];
            Array.Fill(value, double.NegativeInfinity);
            value[0] = 0.0;
            var choice = new int[n][]; // per batch, [s·(G+1) + g]: x·width + the source state (x = 0: skipped)
            var profit = new double[_users.Max(u => u.Length)];
            var ranked = new int[profit.Length];
            for (int b = n - 1; b >= 0; b--)
            {
                var next = (double[])value.Clone();
                choice[b] = new int[width];
                for (int i = 0; i < width; i++)
                {
                    choice[b][i] = i; // skipped: the same state
                }

                int users = _users[b].Length;
                int level = -1;
                for (int g = 0; g <= _cells; g++)
                {
                    for (int s = 0; s < 2; s++)
                    {
                        double from = value[(s * (_cells + 1)) + g];
                        if (double.IsNegativeInfinity(from))
                        {
                            continue;
                        }

                        if (g / _stride != level)
                        {
                            level = g / _stride;
                            for (int u = 0; u < users; u++)
                            {
                                // Negated, so that the default ascending sort ranks the best first.
                                profit[u] = (lambda * _beta[b][(u * levels) + level]) - _instance.Users[_users[b][u]].Weight;
                                ranked[u] = u;
                            }

                            Array.Sort(profit, ranked, 0, users);
                        }

                        double sum = 0.0;
                        for (int x = 1; x <= users && profit[x - 1] < 0.0; x++)
                        {
                            sum -= profit[x - 1];
                            int to = g + (int)Math.Floor((_head[b] + (x * _inference[b])) / _cell);
                            if (to > _cells)
                            {
                                break;
                            }

                            int slot = _cells + 1 + to;
                            if (from + sum > next[slot])
                            {
                                next[slot] = from + sum;
                                choice[b][slot] = (x * width) + (s * (_cells + 1)) + g;
                            }
                        }
                    }
                }

                // Where a cluster run begins, a run that serves somebody needs its backbone before it.
                if (_runEnd[b] == 1)
                {
                    Array.Fill(value, double.NegativeInfinity);
                    var moved = new int[width];
                    for (int g = 0; g <= _cells; g++)
                    {
                        Carry(next[g], g, g, moved, value);
                        int to = g + (int)Math.Floor(_backbone[b] / _cell);
                        if (to <= _cells)
                        {
                            Carry(next[_cells + 1 + g], _cells + 1 + g, to, moved, value);
                        }
                    }

                    // A run boundary maps state i of next to moved[...]; remember it in the batch's choices.
                    choice[b] = Compose(choice[b], moved, width);
                }
                else
                {
                    value = next;
                }
            }

            int end = Array.IndexOf(value, value.Max());
            return Trace(choice, end, width, lambda, levels);
        }

        private static void Carry(double v, int fromSlot, int to, int[] moved, double[] value)
        {
            if (v > value[to])
            {
                value[to] = v;
                moved[to] = fromSlot + 1; // +1: 0 means "nothing arrived here"
            }
        }

        /// <summary>Choices indexed by the state after the run boundary.</summary>
        private static int[] Compose(int[] choices, int[] moved, int width)
        {
            var composed = new int[width];
            for (int i = 0; i < width; i++)
            {
                composed[i] = moved[i] == 0 ? -1 : choices[moved[i] - 1];
            }

            return composed;
        }

        private int[] Trace(int[][] choice, int at, int width, double lambda, int levels)
        {
            var order = new List<int>();
            for (int b = 0; b < choice.Length && at >= 0; b++)
            {
                int c = choice[b][at];
                if (c < 0)
                {
                    break;
                }

                int x = c / width;
                int source = c % width;
                if (x > 0)
                {
                    int g = source % (_cells + 1);
                    int level = g / _stride;
                    int[] users = _users[b];
                    IEnumerable<int> chosen = Enumerable.Range(0, users.Length)
                        .OrderByDescending(u => _instance.Users[users[u]].Weight - (lambda * _beta[b][(u * levels) + level]))
                        .ThenBy(u => u)
                        .Take(x)
                        .Select(u => users[u]);
                    order.AddRange(chosen.Select(k => ServiceOrder.Demand(_instance, k)).Order().Select(d => d.User));
                }

                at = source;
            }

            return [.. order];
        }
    }
}
