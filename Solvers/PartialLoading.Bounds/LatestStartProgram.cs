using PartialLoading.Bandwidth;
using PartialLoading.Core.Sharing;

namespace PartialLoading.Bounds;

/// <summary>
/// The inner maximum of <see cref="LatestStartBound"/>: a dynamic program from the back over the work after a batch,
/// cut into cells and rounded down, whose step puts one batch of one model (x distinct users, priced at the latest
/// start the batch's last position would have) in front of the suffix built so far. State: (cells of work, cluster of
/// the front batch); value: the most Σ (w_k − μ_k − λ·β_k) a suffix can earn there.
/// </summary>
/// <remarks>
/// The validity argument is on <see cref="LatestStartBound"/>. Work here: per pass O(P·K log K + G·(K + C)) with P
/// price levels, G cells, K users, C clusters.
/// </remarks>
internal sealed class LatestStartProgram
{
    private const double BandwidthShrink = 1e-5;

    private readonly RelaxationData _data;
    private readonly int _cells;          // G: the capacity in cells
    private readonly int _stride;         // cells per price level
    private readonly int _levels;         // price levels 0..P−1: level ℓ prices at work ℓ·stride cells
    private readonly int _top;            // the largest cell index a state may have (G + the start bonus)
    private readonly int[][] _clusters;   // per cluster: local model indices
    private readonly int[] _clusterOf;    // per local model
    private readonly int[][] _usersOf;    // per local model: servable user indices
    private readonly int[][] _advance;    // per local model, [x]: cells of its head load and x inferences, rounded down
    private readonly int[] _backbone;     // per cluster: cells of its backbone load, rounded down
    private readonly int[] _finalLimit;   // per local model: the most cells a whole schedule fronted by it may have
    private readonly float[] _beta;       // [k·P + ℓ]: a floor on β_k at level ℓ (+∞: not servable there)
    private readonly double[] _value;     // [g·(M+1) + j]: best suffix value with front model j (−∞: unreachable); j = M the empty suffix
    private readonly int[] _from;         // [g·(M+1) + j]: the source state
    private readonly int[] _step;         // [g·(M+1) + j]: x, the users of the batch put in front
    private readonly int[] _seen;         // [g·(M+1) + j]: the cells of work that batch's users see after them
    private readonly double[] _clusterBest; // [g·C + q]: max over q's models of the value at g
    private readonly int[] _clusterAt;      // its state
    private readonly float[][] _spread;   // per local model, [ℓ·(n+1) + x]: a floor on the extra β of x users below the batch's last position, Hz
    private readonly double[][] _prefix;  // per local model: prefix sums of the sorted positive profits at the current level
    private readonly int[][] _order;      // per local model: its users by profit, descending, at the current level
    private readonly int[] _positive;     // per local model: how many positive profits at the current level
    private readonly double[] _profit;    // per user: its profit at the current level

    private LatestStartProgram(RelaxationData data, BackboneLayout layout, BottomLayerStructure structure, int cells, int levels)
    {
        _data = data;
        double rate = data.Instance.Server.LoadRateMbPerSecond;
        double capacity = RelaxationData.Capacity(layout.Deadline);
        double cell = capacity / cells;
        _cells = cells;
        _stride = Math.Max(1, cells / levels);
        _levels = (cells / _stride) + 1;
        int? initial = data.Instance.Server.InitialModel;

        var models = new List<int>();
        var clusters = new List<int[]>();
        foreach (int[] cluster in layout.Clusters)
        {
            clusters.Add([.. cluster.Select(m => { models.Add(m); return models.Count - 1; })]);
        }

        _clusters = [.. clusters];
        _clusterOf = new int[models.Count];
        for (int q = 0; q < _clusters.Length; q++)
        {
            foreach (int m in _clusters[q])
            {
                _clusterOf[m] = q;
            }
        }

        // Real loads (the layout's are 0 for the initial model and cluster): only a batch at time 0 is spared them,
        // which the start bonus below accounts for.
        _usersOf = [.. models.Select(m => layout.UsersOf[m].ToArray())];
        _advance = new int[models.Count][];
        int bonus = 0;
        for (int m = 0; m < models.Count; m++)
        {
            double head = structure.HeadMb[models[m]] / rate;
            double c = data.Instance.Models[models[m]].InferenceSeconds;
            _advance[m] = new int[_usersOf[m].Length + 1];
            for (int x = 1; x <= _usersOf[m].Length; x++)
            {
                _advance[m][x] = Cells(head + (x * c), cell);
            }

            if (models[m] == initial)
            {
                bonus = (int)Math.Ceiling((head / cell) * (1.0 + 1e-12));
            }
        }

        _backbone = [.. _clusters.Select(c => Cells(structure.BackboneMb[structure.ClusterOf[models[c[0]]]] / rate, cell))];
        _finalLimit = new int[models.Count];
        int? initialCluster = initial is int i0 ? structure.ClusterOf[i0] : null;
        for (int m = 0; m < models.Count; m++)
        {
            int q = _clusterOf[m];
            _finalLimit[m] = models[m] == initial ? cells + bonus : structure.ClusterOf[models[m]] == initialCluster ? cells : cells - _backbone[q];
        }

        _top = cells + bonus;
        _beta = new float[data.Count * _levels];
        for (int m = 0; m < models.Count; m++)
        {
            double c = data.Instance.Models[models[m]].InferenceSeconds;
            foreach (int k in _usersOf[m])
            {
                PartialLoading.Core.Model.User user = data.Instance.Users[data.Users[k]];
                for (int l = 0; l < _levels; l++)
                {
                    // The batch's last user starts by capacity − work − c; every other one earlier (β decreases).
                    double latest = capacity - (l * _stride * cell) - c;
                    double beta = latest > 0.0 ? LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest) : double.PositiveInfinity;
                    _beta[(k * _levels) + l] = double.IsFinite(beta) ? (float)(beta * (1.0 - BandwidthShrink)) : float.PositiveInfinity;
                }
            }
        }

        _spread = [.. Enumerable.Range(0, models.Count).Select(m => Spread(m, data.Instance.Models[models[m]].InferenceSeconds, _stride * cell))];
        int states = (_top + 1) * (models.Count + 1);
        _value = new double[states];
        _from = new int[states];
        _step = new int[states];
        _seen = new int[states];
        _clusterBest = new double[(cells + 1) * _clusters.Length];
        _clusterAt = new int[(cells + 1) * _clusters.Length];
        _prefix = [.. _usersOf.Select(u => new double[u.Length + 1])];
        _order = [.. _usersOf.Select(u => (int[])u.Clone())];
        _positive = new int[models.Count];
        _profit = new double[data.Count];
    }

    /// <summary>
    /// The cells G the program would use (at least <paramref name="cells"/>, more when the shortest batch needs them), or
    /// null with the reason when a batch could take (almost) no time and the program would have a cycle.
    /// </summary>
    public static int? CellsFor(RelaxationData data, BackboneLayout layout, int cells, out string? whyNot)
    {
        BottomLayerStructure structure = BottomLayerStructure.Detect(data.Instance, out _)!;
        double rate = data.Instance.Server.LoadRateMbPerSecond;
        double shortest = double.PositiveInfinity;
        foreach (int[] cluster in layout.Clusters)
        {
            foreach (int m in cluster)
            {
                shortest = Math.Min(shortest, (structure.HeadMb[m] / rate) + data.Instance.Models[m].InferenceSeconds);
            }
        }

        // Every batch must advance at least one cell, so the cells are at most the shortest batch (a hair less).
        double needed = Math.Ceiling(RelaxationData.Capacity(layout.Deadline) / shortest * (1.0 + 1e-9));
        if (!(shortest > 0.0) || needed > 1 << 22)
        {
            whyNot = "some model loads and infers in (almost) no time";
            return null;
        }

        whyNot = null;
        return (int)Math.Max(cells, needed);
    }

    /// <summary>The program with <paramref name="cells"/> cells (from <see cref="CellsFor"/>).</summary>
    public static LatestStartProgram Create(RelaxationData data, BackboneLayout layout, int cells, int levels)
        => new(data, layout, BottomLayerStructure.Detect(data.Instance, out _)!, cells, levels);

    /// <summary>
    /// The maximum for multipliers <paramref name="mu"/> (per user) and <paramref name="perHz"/> (λ), and the path that
    /// attains it: how often each user is served on it (<paramref name="visits"/>) and its Σβ.
    /// </summary>
    public double Solve(double[] mu, double perHz, int[] visits, out double bandwidth)
    {
        int models = _order.Length;
        int width = models + 1;
        int clusters = _clusters.Length;
        Array.Fill(_value, double.NegativeInfinity);
        _value[models] = 0.0; // the empty suffix
        int level = -1;
        for (int g = 0; g <= _cells; g++)
        {
            if (g / _stride != level)
            {
                level = g / _stride;
                Price(level, mu, perHz);
            }

            // Each cluster's best front at g (every source of g is final: batches advance at least one cell).
            for (int q = 0; q < clusters; q++)
            {
                double top = double.NegativeInfinity;
                int at = -1;
                foreach (int j in _clusters[q])
                {
                    if (_value[(g * width) + j] > top)
                    {
                        (top, at) = (_value[(g * width) + j], (g * width) + j);
                    }
                }

                _clusterBest[(g * clusters) + q] = top;
                _clusterAt[(g * clusters) + q] = at;
            }

            // Fronts of another cluster pay its backbone between the batch and them: the top two over clusters
            // (the empty suffix counts as a cluster of its own).
            double other1 = g == 0 ? 0.0 : double.NegativeInfinity, other2 = double.NegativeInfinity;
            int otherAt1 = g == 0 ? models : -1, otherAt2 = -1, otherQ1 = -1;
            for (int q = 0; q < clusters; q++)
            {
                int source = g - _backbone[q];
                if (source < 0)
                {
                    continue;
                }

                double v = _clusterBest[(source * clusters) + q];
                if (v > other1)
                {
                    (other2, otherAt2) = (other1, otherAt1);
                    (other1, otherAt1, otherQ1) = (v, _clusterAt[(source * clusters) + q], q);
                }
                else if (v > other2)
                {
                    (other2, otherAt2) = (v, _clusterAt[(source * clusters) + q]);
                }
            }

            for (int q = 0; q < clusters; q++)
            {
                (double other, int otherAt) = otherQ1 != q ? (other1, otherAt1) : (other2, otherAt2);
                foreach (int m in _clusters[q])
                {
                    if (_positive[m] == 0)
                    {
                        continue;
                    }

                    // A front of the same cluster but another model pays only its head, already in its cells.
                    (double source, int sourceAt) = (other, otherAt);
                    foreach (int j in _clusters[q])
                    {
                        if (j != m && _value[(g * width) + j] > source)
                        {
                            (source, sourceAt) = (_value[(g * width) + j], (g * width) + j);
                        }
                    }

                    if (double.IsNegativeInfinity(source))
                    {
                        continue;
                    }

                    double[] prefix = _prefix[m];
                    int[] advance = _advance[m];
                    ReadOnlySpan<float> spread = _spread[m].AsSpan(level * (_usersOf[m].Length + 1), _usersOf[m].Length + 1);
                    for (int x = 1; x <= _positive[m]; x++)
                    {
                        int to = g + advance[x];
                        if (to > _top)
                        {
                            break;
                        }

                        int slot = (to * width) + m;
                        double candidate = source + prefix[x] - (perHz * spread[x]);
                        if (candidate > _value[slot])
                        {
                            _value[slot] = candidate;
                            _from[slot] = sourceAt;
                            _step[slot] = x;
                            _seen[slot] = g;
                        }
                    }
                }
            }
        }

        // A whole schedule: its front's backbone must fit too, or the initial model's head is spared.
        double best = 0.0;
        int end = -1;
        for (int m = 0; m < models; m++)
        {
            for (int g = 0; g <= Math.Min(_top, _finalLimit[m]); g++)
            {
                if (_value[(g * width) + m] > best)
                {
                    best = _value[(g * width) + m];
                    end = (g * width) + m;
                }
            }
        }

        Trace(end, mu, perHz, visits, out bandwidth);
        return best;
    }

    private static int Cells(double seconds, double cell) => (int)Math.Min(int.MaxValue / 4, Math.Floor(seconds / cell * (1.0 - 1e-12)));

    /// <summary>Each model's users sorted by profit at <paramref name="level"/>, with prefix sums of the positive ones.</summary>
    private void Price(int level, double[] mu, double perHz)
    {
        double[] profit = _profit;
        for (int m = 0; m < _order.Length; m++)
        {
            int[] order = _order[m];
            double[] prefix = _prefix[m];
            foreach (int k in order)
            {
                profit[k] = Profit(k, level, mu, perHz);
            }

            // Insertion sort: the order changes little from one level to the next.
            for (int i = 1; i < order.Length; i++)
            {
                int k = order[i];
                double p = profit[k];
                int j = i - 1;
                while (j >= 0 && profit[order[j]] < p)
                {
                    order[j + 1] = order[j];
                    j--;
                }

                order[j + 1] = k;
            }

            int n = 0;
            while (n < order.Length && profit[order[n]] > 0.0)
            {
                prefix[n + 1] = prefix[n] + profit[order[n]];
                n++;
            }

            _positive[m] = n;
        }
    }

    /// <summary>
    /// Per level ℓ and count x, a floor on Σ_k (β_k(LS_k) − β_k(t_ℓ)) over any x of model m's users in one batch, t_ℓ the
    /// level's time: the user p places before the batch's last starts by t_ℓ − p·c, and β is convex and decreasing, so it
    /// pays at least p·c·|β_k′(t_ℓ)| more, and |β_k′(t_ℓ)| is at least the secant to the next later level. Whatever x users
    /// are chosen, pairing the x smallest secants of all the model's users with the places, smallest with the farthest,
    /// gives no more: Σ_{p&lt;x} p·s↑_{x−1−p}·c = c·((x − 1)·S_x − R_x), S_x = Σ_{r&lt;x} s↑_r, R_x = Σ_{r&lt;x} r·s↑_r.
    /// </summary>
    private float[] Spread(int m, double c, double levelSeconds)
    {
        int[] users = _usersOf[m];
        int n = users.Length;
        var spread = new float[_levels * (n + 1)];
        var slopes = new double[n];
        for (int l = 1; l < _levels; l++)
        {
            for (int i = 0; i < n; i++)
            {
                double here = _beta[(users[i] * _levels) + l];
                double later = _beta[(users[i] * _levels) + l - 1];

                // Less a relative 2e-7 of β: the table's float rounding must not steepen the secant.
                slopes[i] = double.IsFinite(here) ? Math.Max(0.0, here - later - (2e-7 * here)) / levelSeconds : double.PositiveInfinity;
            }

            Array.Sort(slopes);
            double sum = 0.0, ranked = 0.0;
            for (int x = 1; x <= n && double.IsFinite(slopes[x - 1]); x++)
            {
                sum += slopes[x - 1];
                ranked += (x - 1) * slopes[x - 1];
                spread[(l * (n + 1)) + x] = (float)(c * (((x - 1) * sum) - ranked) * (1.0 - 1e-6));
            }
        }

        return spread;
    }

    private double Profit(int k, int level, double[] mu, double perHz)
    {
        float beta = _beta[(k * _levels) + level];
        return float.IsPositiveInfinity(beta) ? double.NegativeInfinity : _data.Weight[k] - mu[k] - (perHz * beta);
    }

    /// <summary>Walks the maximum's path back: which users it serves and their bandwidth floors.</summary>
    private void Trace(int end, double[] mu, double perHz, int[] visits, out double bandwidth)
    {
        Array.Clear(visits);
        bandwidth = 0.0;
        int width = _order.Length + 1;
        for (int at = end; at >= 0 && at != _order.Length; at = _from[at])
        {
            int m = at % width;
            int level = _seen[at] / _stride;

            // The same top x the program summed: re-rank the model's users at that level.
            foreach (int k in _usersOf[m].OrderByDescending(k => Profit(k, level, mu, perHz)).ThenBy(k => k).Take(_step[at]))
            {
                visits[k]++;
                bandwidth += _beta[(k * _levels) + level];
            }

            bandwidth += _spread[m][(level * (_usersOf[m].Length + 1)) + _step[at]];
        }
    }
}
