using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>time-window</c>: prices each served user's bandwidth by <i>when</i> it starts, not as if it were served last
/// (docs/model.md §10). Time [0, H] is cut into P blocks; a user that starts its inference in block b needs at least
/// β_k(end of b). What keeps users from all starting late is a family of suffix windows (the users that start at or
/// after s_b, with one load per model and cluster they use, fit between s_b and the latest deadline); deadline windows
/// (the users with T_k ≤ d_j, with their loads, fit in [0, d_j]) add the time knapsacks. Windows and budget are priced
/// by multipliers π, ρ, Λ ≥ 0 set by subgradient steps; the inner maximum separates by cluster and is solved exactly.
/// </summary>
/// <remarks>
/// <para>
/// <b>Validity.</b> Take a feasible schedule; user k starts its inference at σ_k ≤ T_k − c_k + tol and its upload ends
/// by σ_k, so b_k ≥ β_k(min(e_b, T_k − c_k + tol)) when σ_k lies in block b = [s_b, e_b) (β decreases; the floor is
/// shrunk by a relative 1e-5 for β's error), and Σ b ≤ B′ = B(1 + 1e-9). Loads: every batch of model m loads at least
/// h_m (its own head for bottom-layer sharing, else L_min(m) of <see cref="RelaxationData.LeastIncomingLoad"/>) and,
/// for bottom-layer sharing, every visit of cluster q its backbone a_q (docs/model.md §5).
/// Suffix window b: the users with σ_k ≥ s_b run their inferences inside [s_b, T_max + tol]; every model and cluster
/// among them except the one in memory at s_b is loaded after s_b, but for at most one load that straddles s_b; all
/// disjoint in time, so Σ_{σ_k ≥ s_b} c_k + Σ_{models used at or after s_b} h_m + Σ_{clusters used} a_q ≤
/// T_max + tol − s_b + 2·(max h + max a). Deadline window j: the users with T_k ≤ d_j end by d_j + tol, and each of
/// their models and clusters was loaded before, except the initial one at time 0: Σ c + Σ h + Σ a ≤ d_j + tol + max h
/// + max a. For multipliers ≥ 0 the schedule's value is at most Λ + Σ_w y_w·C_w + (the inner objective of its own
/// choices: each user's block and class, each model's and cluster's last block ℓ and earliest class e), every term
/// added being ≥ 0. The program maximises that objective over all choices exactly — per cluster over (ℓ, e), per model
/// over (ℓ′ ≤ ℓ, e′ ≥ e), per user over blocks ≤ ℓ′ (a larger ℓ or smaller e only adds charges) — so every U
/// evaluated bounds the optimum, and the least is kept.
/// </para>
/// <para>
/// <b>Strength.</b> With a common or similar deadline the windows say "only the users whose work fits in the last
/// τ seconds can start after T − τ", so most served users pay the high β of an early start; loading is priced once
/// per model, cluster and window (like the time knapsacks), not per visit, so repeated visits are not seen.
/// </para>
/// </remarks>
public sealed class TimeWindowBound : IRelaxation
{
    private const double BandwidthShrink = 1e-5;
    private readonly int _blocks;
    private readonly int _iterations;
    private readonly int _deadlineWindows;
    private readonly double _maxWork;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="blocks">Time blocks P (price levels and windows).</param>
    /// <param name="iterations">Subgradient steps.</param>
    /// <param name="deadlineWindows">Deadline windows D (thresholds spread over the users by deadline).</param>
    /// <param name="maxWork">Most (user, block) evaluations over all steps: large instances take fewer steps (at least 20).</param>
    public TimeWindowBound(int blocks = 48, int iterations = 300, int deadlineWindows = 16, double maxWork = 4e8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(deadlineWindows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWork, 1.0);
        (_blocks, _iterations, _deadlineWindows, _maxWork) = (blocks, iterations, deadlineWindows, maxWork);
    }

    /// <inheritdoc/>
    public string Name => "time-window";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            var program = new Program(data, _blocks, _deadlineWindows);
            int iterations = (int)Math.Min(_iterations, Math.Max(20.0, _maxWork / ((double)data.Count * _blocks)));
            (double value, int steps) = program.Minimize(iterations, budget);

            // U sums up to K·P terms: a relative 1e-10 covers their rounding before OutwardRounding floors it.
            value += 1e-10 * Math.Abs(value);
            return new RelaxationRun.Outcome(value, steps >= iterations || !budget.IsSpent, FormattableString.Invariant($"{steps} steps, {_blocks} blocks of {program.BlockSeconds:G4} s"));
        });

    /// <summary>The inner maximum and the multiplier search of one instance.</summary>
    private sealed class Program
    {
        private readonly RelaxationData _data;
        private readonly int _p;               // suffix windows (time blocks)
        private readonly int _d;               // deadline windows
        private readonly int[] _lastBlock;     // per user
        private readonly int[] _class;         // per user: the first deadline window that holds it
        private readonly double[] _price;      // [k·P + b]: bandwidth floor in block b
        private readonly int[][] _usersOf;     // per requested model, by deadline class descending
        private readonly double[] _load;       // per requested model: the least load every batch of it needs
        private readonly int[][] _clusters;    // requested models per cluster (one model each for general sharing)
        private readonly double[] _backbone;   // per cluster: the load every visit of it needs (0 for general sharing)
        private readonly double[] _capacity;   // P suffix windows then D deadline windows, in horizon units
        private readonly double _horizon;
        private readonly double[] _late;       // Π_b = Σ_{b' ≤ b} π_b'
        private readonly double[] _early;      // R_j = Σ_{j' ≥ j} ρ_j'
        private readonly double[] _running;    // per ℓ: Σ of users' best values with blocks ≤ ℓ
        private readonly double[][] _table;    // per model, [e·P + ℓ]: max(0, best with last block ≤ ℓ, earliest class ≥ e)
        private readonly int[][] _tableAt;     // its argmax as e·P + ℓ (−1: unused)

        public Program(RelaxationData data, int blocks, int deadlineWindows)
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

            // Deadline windows: thresholds evenly spread over the users by deadline, the last one the latest deadline.
            double[] sorted = [.. data.Deadline.Order()];
            double[] thresholds = [.. Enumerable.Range(1, deadlineWindows).Select(j => sorted[Math.Max(0, (int)(((long)j * n / deadlineWindows) - 1))]).Distinct()];
            _d = thresholds.Length;
            _class = new int[n];
            for (int k = 0; k < n; k++)
            {
                int j = Array.BinarySearch(thresholds, data.Deadline[k]);
                _class[k] = j >= 0 ? j : ~j;
            }

            int[] requested = data.RequestedModels();
            var local = new Dictionary<int, int>();
            for (int m = 0; m < requested.Length; m++)
            {
                local[requested[m]] = m;
            }

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

            _usersOf = [.. lists.Select(l => l.OrderByDescending(k => _class[k]).ToArray())];
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

            // A suffix window may exempt the model and cluster in memory at its start and one load that straddles it;
            // a deadline window (from time 0) the initial model and its cluster.
            double exempt = _load.Max() + _backbone.Max();
            _capacity = new double[blocks + _d];
            for (int b = 0; b < blocks; b++)
            {
                double start = b * BlockSeconds * (1.0 - 1e-12); // rounded down: never shorter than the true window
                _capacity[b] = (lastDeadline - start + (2.0 * exempt)) / _horizon;
            }

            for (int j = 0; j < _d; j++)
            {
                _capacity[blocks + j] = (RelaxationData.Capacity(thresholds[j]) + exempt) / _horizon;
            }

            _late = new double[blocks];
            _early = new double[_d];
            _running = new double[blocks];
            _table = [.. requested.Select(_ => new double[blocks * _d])];
            _tableAt = [.. requested.Select(_ => new int[blocks * _d])];
        }

        public double BlockSeconds { get; }

        /// <summary>The least U over the subgradient steps and how many steps ran.</summary>
        public (double Value, int Steps) Minimize(int iterations, BoundBudget budget)
        {
            int n = _data.Count;
            int windows = _p + _d;
            var y = new double[windows]; // π then ρ, in weight per horizon length
            double lambda = 0.0;         // Λ: weight per whole budget
            var blockOf = new int[n];
            var modelAt = new int[_usersOf.Length];
            var clusterAt = new int[_clusters.Length];
            var g = new double[windows];
            double best = double.PositiveInfinity;
            double gap = double.NaN;
            int stale = 0;
            int steps = 0;
            while (steps < iterations && !budget.IsSpent)
            {
                double u = lambda + Solve(y, lambda, blockOf, modelAt, clusterAt, out double bandwidth);
                for (int w = 0; w < windows; w++)
                {
                    u += y[w] * _capacity[w];
                }

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

                // Subgradients: each window's unused capacity and the budget's unused share.
                Array.Copy(_capacity, g, windows);
                for (int k = 0; k < n; k++)
                {
                    if (blockOf[k] >= 0)
                    {
                        Use(g, blockOf[k], _class[k], _data.Inference[k]);
                    }
                }

                for (int m = 0; m < modelAt.Length; m++)
                {
                    if (modelAt[m] >= 0)
                    {
                        Use(g, modelAt[m] % _p, modelAt[m] / _p, _load[m]);
                    }
                }

                for (int q = 0; q < clusterAt.Length; q++)
                {
                    if (clusterAt[q] >= 0)
                    {
                        Use(g, clusterAt[q] % _p, clusterAt[q] / _p, _backbone[q]);
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
                for (int w = 0; w < windows; w++)
                {
                    y[w] = Math.Max(0.0, y[w] - (step * g[w]));
                }

                lambda = Math.Max(0.0, lambda - (step * gLambda));
            }

            return (best, steps);
        }

        /// <summary>Takes <paramref name="seconds"/> from the suffix windows b ≤ <paramref name="last"/> and the deadline windows j ≥ <paramref name="first"/>.</summary>
        private void Use(double[] g, int last, int first, double seconds)
        {
            double share = seconds / _horizon;
            for (int b = 0; b <= last; b++)
            {
                g[b] -= share;
            }

            for (int j = first; j < _d; j++)
            {
                g[_p + j] -= share;
            }
        }

        /// <summary>
        /// The inner maximum for multipliers <paramref name="y"/> (π then ρ) and Λ: per cluster the best (last block ℓ,
        /// earliest deadline class e) or none, per model the best (ℓ′ ≤ ℓ, e′ ≥ e) or none, per user the best block ≤ ℓ′
        /// (users of classes below e′ left out). Writes each user's block (−1: out) and each model's and cluster's
        /// choice as e·P + ℓ (−1: unused), and the chosen users' bandwidth floors.
        /// </summary>
        private double Solve(double[] y, double lambda, int[] blockOf, int[] modelAt, int[] clusterAt, out double bandwidth)
        {
            double perHz = lambda / _data.BudgetHz;
            double run = 0.0;
            for (int b = 0; b < _p; b++)
            {
                run += y[b];
                _late[b] = run;
            }

            run = 0.0;
            for (int j = _d - 1; j >= 0; j--)
            {
                run += y[_p + j];
                _early[j] = run;
            }

            for (int m = 0; m < _usersOf.Length; m++)
            {
                FillTable(m, perHz);
            }

            double total = 0.0;
            bandwidth = 0.0;
            for (int q = 0; q < _clusters.Length; q++)
            {
                double chosen = 0.0;
                int at = -1;
                double backbone = _backbone[q] / _horizon;
                for (int e = 0; e < _d; e++)
                {
                    for (int b = 0; b < _p; b++)
                    {
                        double value = -(backbone * (_late[b] + _early[e]));
                        foreach (int m in _clusters[q])
                        {
                            value += _table[m][(e * _p) + b];
                        }

                        if (value > chosen)
                        {
                            chosen = value;
                            at = (e * _p) + b;
                        }
                    }
                }

                clusterAt[q] = at;
                total += chosen;
                foreach (int m in _clusters[q])
                {
                    modelAt[m] = at < 0 ? -1 : _tableAt[m][at];
                    foreach (int k in _usersOf[m])
                    {
                        blockOf[k] = modelAt[m] < 0 || _class[k] < modelAt[m] / _p ? -1 : BestBlock(k, modelAt[m] % _p, perHz, out _);
                        if (blockOf[k] >= 0)
                        {
                            bandwidth += _price[(k * _p) + blockOf[k]];
                        }
                    }
                }
            }

            return total;
        }

        /// <summary>Model m's table: for each (e, ℓ), max(0, best value over choices with last block ≤ ℓ and earliest class ≥ e).</summary>
        private void FillTable(int m, double perHz)
        {
            double[] table = _table[m];
            int[] tableAt = _tableAt[m];
            double load = _load[m] / _horizon;
            Array.Fill(_running, 0.0);
            int[] users = _usersOf[m];
            int i = 0;
            for (int e = _d - 1; e >= 0; e--)
            {
                // Users of class e join: each adds its best value at blocks ≤ ℓ, for every ℓ.
                for (; i < users.Length && _class[users[i]] == e; i++)
                {
                    int k = users[i];
                    double top = 0.0;
                    int last = _lastBlock[k];
                    double w = _data.Weight[k];
                    double c = _data.Inference[k] / _horizon;
                    double early = _early[e];
                    for (int b = 0; b < _p; b++)
                    {
                        if (b <= last)
                        {
                            top = Math.Max(top, Value(k, b, w, c, early, perHz));
                        }

                        _running[b] += top;
                    }
                }

                // Exactly earliest class e (charged for the deadline windows ≥ e), then the best over classes ≥ e and blocks ≤ ℓ.
                for (int b = 0; b < _p; b++)
                {
                    int slot = (e * _p) + b;
                    double value = _running[b] - (load * (_late[b] + _early[e]));
                    double previous = b > 0 ? table[slot - 1] : 0.0;
                    double above = e < _d - 1 ? table[slot + _p] : 0.0;
                    (double bestValue, int bestAt) = value > 0.0 ? (value, slot) : (0.0, -1);
                    if (previous > bestValue)
                    {
                        (bestValue, bestAt) = (previous, tableAt[slot - 1]);
                    }

                    if (above > bestValue)
                    {
                        (bestValue, bestAt) = (above, tableAt[slot + _p]);
                    }

                    table[slot] = bestValue;
                    tableAt[slot] = bestAt;
                }
            }
        }

        private double Value(int k, int b, double w, double c, double early, double perHz)
        {
            double beta = _price[(k * _p) + b];
            double bandwidth = perHz > 0.0 ? perHz * beta : (double.IsFinite(beta) ? 0.0 : double.PositiveInfinity);
            return w - (c * (_late[b] + early)) - bandwidth;
        }

        private int BestBlock(int k, int ell, double perHz, out double top)
        {
            top = 0.0;
            int at = -1;
            int last = Math.Min(ell, _lastBlock[k]);
            double c = _data.Inference[k] / _horizon;
            double early = _early[_class[k]];
            for (int b = 0; b <= last; b++)
            {
                double value = Value(k, b, _data.Weight[k], c, early, perHz);
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
