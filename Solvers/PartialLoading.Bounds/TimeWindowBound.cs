using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>time-window</c>: prices each served user's bandwidth by <i>when</i> it starts, not as if it were served last
/// (docs/model.md §10). Time [0, H] is cut into P blocks; a user that starts its inference in block b needs at least
/// β_k(end of b). What keeps users from all starting late is a family of suffix windows: the users that start at or
/// after s_b, with one load of each of their models, fit between s_b and the latest deadline. The windows and the
/// budget are priced by Lagrange multipliers π_b ≥ 0 and Λ ≥ 0, set by subgradient steps; the inner maximum
/// separates by model and is solved exactly.
/// </summary>
/// <remarks>
/// <para>
/// <b>Validity.</b> Take a feasible schedule; user k starts its inference at σ_k ≤ T_k − c_k + tol and its upload ends
/// by σ_k, so b_k ≥ β_k(min(e_b, T_k − c_k + tol)) when σ_k lies in block b = [s_b, e_b) (β decreases; the floor is
/// shrunk by a relative 1e-5 for β's error), and Σ b ≤ B′ = B(1 + 1e-9). For each window b, the users with σ_k ≥ s_b
/// run their inferences inside [s_b, T_max + tol]; every model among them other than the one in memory at s_b is
/// loaded after its predecessor ends, and of those loads at most one starts before s_b; each load takes at least
/// L_min(m) (<see cref="RelaxationData.LeastIncomingLoad"/>). All of it is disjoint in time, so
/// Σ_{σ_k ≥ s_b} c_k + Σ_{models m used at or after s_b} L_min(m) ≤ C_b := T_max + tol − s_b + 2·max L_min.
/// For μ = (π, Λ) ≥ 0 the schedule's value is then at most Λ + Σ_b π_b·C_b + Σ_k (w_k − Λ·β̂_k/B′ − c_k·Σ_{b ≤ b_k} π_b)
/// − Σ_m L_min(m)·Σ_{b ≤ ℓ_m} π_b (ℓ_m the last block model m is used in), every added term being ≥ 0. The inner
/// maximum over all choices of blocks per user and ℓ per model, which the program computes exactly per model
/// (ℓ larger than needed only adds charges), is at least that, so every U evaluated is a bound.
/// </para>
/// <para>
/// <b>Strength.</b> With a common or similar deadline the windows say "only the users whose work fits in the last
/// τ seconds can start after T − τ", so most served users pay the high β of an early start; loading is priced once
/// per model and window (like the time knapsacks), not per visit.
/// </para>
/// </remarks>
public sealed class TimeWindowBound : IRelaxation
{
    private const double BandwidthShrink = 1e-5;
    private readonly int _blocks;
    private readonly int _iterations;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="blocks">Time blocks P (price levels and windows).</param>
    /// <param name="iterations">Subgradient steps.</param>
    public TimeWindowBound(int blocks = 48, int iterations = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        _blocks = blocks;
        _iterations = iterations;
    }

    /// <inheritdoc/>
    public string Name => "time-window";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            var program = new Program(data, _blocks);
            (double value, int steps) = program.Minimize(_iterations, budget);
            return new RelaxationRun.Outcome(value, steps >= _iterations, FormattableString.Invariant($"{steps} steps, {_blocks} blocks of {program.BlockSeconds:G4} s"));
        });

    /// <summary>The inner maximum and the multiplier search of one instance.</summary>
    private sealed class Program
    {
        private readonly RelaxationData _data;
        private readonly int _p;
        private readonly int[] _lastBlock;     // per user
        private readonly double[] _price;      // [k·P + b]: bandwidth floor in block b
        private readonly int[][] _usersOf;     // per requested model
        private readonly double[] _load;       // per requested model: the least load every batch of it needs
        private readonly int[][] _clusters;    // requested models per cluster (one model each for general sharing)
        private readonly double[] _backbone;   // per cluster: the load every visit of it needs (0 for general sharing)
        private readonly double[][] _prefix;   // per requested model, per ℓ: max(0, best value with last block ≤ ℓ)
        private readonly int[][] _prefixAt;    // its argmax ℓ (−1: not used)
        private readonly double[] _capacity;   // C_b in horizon units
        private readonly double _horizon;
        private readonly double[] _charge;     // Σ_{b' ≤ b} π_{b'}
        private readonly double[] _modelValue; // per ℓ

        public Program(RelaxationData data, int blocks)
        {
            _data = data;
            _p = blocks;
            int n = data.Count;
            var latest = new double[n];
            double horizon = 0.0;
            double lastDeadline = 0.0;
            for (int k = 0; k < n; k++)
            {
                latest[k] = RelaxationData.Capacity(data.Deadline[k]) - data.Inference[k];
                horizon = Math.Max(horizon, latest[k]);
                lastDeadline = Math.Max(lastDeadline, RelaxationData.Capacity(data.Deadline[k]));
            }

            _horizon = Math.Max(horizon, 1e-9);
            BlockSeconds = _horizon / blocks;
            int[] requested = data.RequestedModels();
            var local = new Dictionary<int, int>();
            for (int m = 0; m < requested.Length; m++)
            {
                local[requested[m]] = m;
            }

            _usersOf = new int[requested.Length][];
            var lists = requested.Select(_ => new List<int>()).ToArray();
            _lastBlock = new int[n];
            _price = new double[n * blocks];
            for (int k = 0; k < n; k++)
            {
                lists[local[data.Model[k]]].Add(k);

                // The last block whose start is at most the latest start (block starts are rounded down).
                _lastBlock[k] = Math.Clamp((int)Math.Floor(latest[k] / BlockSeconds * (1.0 + 1e-12)), 0, blocks - 1);
                User user = data.Instance.Users[data.Users[k]];
                double upload = data.Deadline[k] - data.Inference[k] + ScheduleEvaluator.DeadlineToleranceSeconds;
                for (int b = 0; b <= _lastBlock[k]; b++)
                {
                    double end = b == blocks - 1 ? upload : Math.Min(upload, (b + 1) * BlockSeconds);
                    double beta = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, end);
                    _price[(k * blocks) + b] = double.IsFinite(beta) ? beta * (1.0 - BandwidthShrink) : double.PositiveInfinity;
                }
            }

            for (int m = 0; m < requested.Length; m++)
            {
                _usersOf[m] = [.. lists[m]];
            }

            BottomLayerStructure? structure = BottomLayerStructure.Detect(data.Instance, out _);
            double rate = data.Instance.Server.LoadRateMbPerSecond;
            if (structure is null)
            {
                _load = [.. requested.Select(m => data.LeastIncomingLoad[m])];
                _clusters = [.. Enumerable.Range(0, requested.Length).Select(m => new[] { m })];
                _backbone = new double[requested.Length];
            }
            else
            {
                // Every batch loads its model's own head and every visit of a cluster its backbone (docs/model.md §5).
                _load = [.. requested.Select(m => structure.HeadMb[m] / rate)];
                _clusters = [.. requested.Select((m, i) => (Cluster: structure.ClusterOf[m], Local: i)).GroupBy(x => x.Cluster).Select(g => g.Select(x => x.Local).ToArray())];
                _backbone = [.. _clusters.Select(c => structure.BackboneMb[structure.ClusterOf[requested[c[0]]]] / rate)];
            }

            double spare = 2.0 * (_load.Max() + _backbone.Max());
            _capacity = new double[blocks];
            for (int b = 0; b < blocks; b++)
            {
                // Block starts are rounded down, so the window is at least as long as the true one.
                double start = b * BlockSeconds * (1.0 - 1e-12);
                _capacity[b] = (lastDeadline - start + spare) / _horizon;
            }

            _charge = new double[blocks];
            _modelValue = new double[blocks];
            _prefix = [.. requested.Select(_ => new double[blocks])];
            _prefixAt = [.. requested.Select(_ => new int[blocks])];
        }

        public double BlockSeconds { get; }

        /// <summary>The least U over the subgradient steps and how many steps ran.</summary>
        public (double Value, int Steps) Minimize(int iterations, BoundBudget budget)
        {
            int n = _data.Count;
            var pi = new double[_p];  // per horizon: weight per horizon length
            double lambda = 0.0;      // Λ: weight per whole budget
            var blockOf = new int[n];
            var lastOf = new int[_usersOf.Length];
            var clusterLast = new int[_clusters.Length];
            var g = new double[_p];
            double best = double.PositiveInfinity;
            double gap = double.NaN;
            int stale = 0;
            int steps = 0;
            while (steps < iterations && !budget.IsSpent)
            {
                double inner = Solve(pi, lambda, blockOf, lastOf, clusterLast, out double bandwidth);
                double u = lambda;
                for (int b = 0; b < _p; b++)
                {
                    u += pi[b] * _capacity[b];
                }

                u += inner;
                steps++;
                if (double.IsNaN(gap))
                {
                    gap = 0.1 * u;
                }

                if (u < best - 1e-12)
                {
                    best = u;
                    stale = 0;
                }
                else if (++stale >= 5)
                {
                    gap /= 2;
                    stale = 0;
                }

                // Subgradients: the windows' unused capacity and the budget's unused share.
                Array.Copy(_capacity, g, _p);
                for (int k = 0; k < n; k++)
                {
                    if (blockOf[k] >= 0)
                    {
                        for (int b = 0; b <= blockOf[k]; b++)
                        {
                            g[b] -= _data.Inference[k] / _horizon;
                        }
                    }
                }

                for (int m = 0; m < lastOf.Length; m++)
                {
                    for (int b = 0; b <= lastOf[m]; b++)
                    {
                        g[b] -= _load[m] / _horizon;
                    }
                }

                for (int q = 0; q < clusterLast.Length; q++)
                {
                    for (int b = 0; b <= clusterLast[q]; b++)
                    {
                        g[b] -= _backbone[q] / _horizon;
                    }
                }

                double gLambda = 1.0 - (bandwidth / _data.BudgetHz);
                double norm = gLambda * gLambda;
                foreach (double d in g)
                {
                    norm += d * d;
                }

                if (norm <= 0.0)
                {
                    break;
                }

                double step = (u - (best - gap)) / norm;
                for (int b = 0; b < _p; b++)
                {
                    pi[b] = Math.Max(0.0, pi[b] - (step * g[b]));
                }

                lambda = Math.Max(0.0, lambda - (step * gLambda));
            }

            return (best, steps);
        }

        /// <summary>
        /// The inner maximum for (π, Λ): per model, the best last block ℓ (or none) and for each user the best block ≤ ℓ
        /// (or none). Writes each user's block (−1 for none), each model's ℓ (−1 for none) and the chosen users' floors.
        /// </summary>
        private double Solve(double[] pi, double lambda, int[] blockOf, int[] lastOf, int[] clusterLast, out double bandwidth)
        {
            double perHz = lambda / _data.BudgetHz;
            double run = 0.0;
            for (int b = 0; b < _p; b++)
            {
                run += pi[b];
                _charge[b] = run;
            }

            double total = 0.0;
            bandwidth = 0.0;
            for (int m = 0; m < _usersOf.Length; m++)
            {
                Array.Fill(_modelValue, 0.0);
                foreach (int k in _usersOf[m])
                {
                    // Prefix maxima over blocks of w − Λβ/B′ − c·charge, floored at 0 (the user left out).
                    double top = 0.0;
                    int last = _lastBlock[k];
                    double w = _data.Weight[k];
                    double c = _data.Inference[k] / _horizon;
                    for (int b = 0; b < _p; b++)
                    {
                        if (b <= last)
                        {
                            double beta = _price[(k * _p) + b];
                            double value = w - (c * _charge[b]) - (perHz > 0.0 ? perHz * beta : (double.IsFinite(beta) ? 0.0 : double.PositiveInfinity));
                            top = Math.Max(top, value);
                        }

                        _modelValue[b] += top;
                    }
                }

                // Best value of the model with its last block ≤ ℓ, after its own load charge (0: unused).
                double[] prefix = _prefix[m];
                int[] prefixAt = _prefixAt[m];
                double chosen = 0.0;
                int ell = -1;
                for (int b = 0; b < _p; b++)
                {
                    double value = _modelValue[b] - (_load[m] / _horizon * _charge[b]);
                    if (value > chosen)
                    {
                        chosen = value;
                        ell = b;
                    }

                    prefix[b] = chosen;
                    prefixAt[b] = ell;
                }
            }

            for (int q = 0; q < _clusters.Length; q++)
            {
                double chosen = 0.0;
                int ell = -1;
                for (int b = 0; b < _p; b++)
                {
                    double value = -(_backbone[q] / _horizon * _charge[b]);
                    foreach (int m in _clusters[q])
                    {
                        value += _prefix[m][b];
                    }

                    if (value > chosen)
                    {
                        chosen = value;
                        ell = b;
                    }
                }

                clusterLast[q] = ell;
                total += chosen;
                foreach (int m in _clusters[q])
                {
                    int modelLast = ell < 0 ? -1 : _prefixAt[m][ell];
                    lastOf[m] = modelLast;
                    foreach (int k in _usersOf[m])
                    {
                        blockOf[k] = modelLast < 0 ? -1 : BestBlock(k, modelLast, perHz);
                        if (blockOf[k] >= 0)
                        {
                            bandwidth += _price[(k * _p) + blockOf[k]];
                        }
                    }
                }
            }

            return total;
        }

        private int BestBlock(int k, int ell, double perHz)
        {
            double top = 0.0;
            int at = -1;
            int last = Math.Min(ell, _lastBlock[k]);
            for (int b = 0; b <= last; b++)
            {
                double beta = _price[(k * _p) + b];
                double value = _data.Weight[k] - (_data.Inference[k] / _horizon * _charge[b]) - (perHz > 0.0 ? perHz * beta : (double.IsFinite(beta) ? 0.0 : double.PositiveInfinity));
                if (value > top)
                {
                    top = value;
                    at = b;
                }
            }

            return at;
        }
    }
}
