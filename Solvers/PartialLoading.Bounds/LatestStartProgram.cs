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
    private readonly int[] _finalLimit;   // per cluster: the most cells a whole schedule fronted by it may have
    private readonly float[] _beta;       // [k·P + ℓ]: a floor on β_k at level ℓ (+∞: not servable there)
    private readonly double[] _value;     // [g·(C+1) + q]: best suffix value (−∞: unreachable); q = C the empty suffix
    private readonly int[] _from;         // [g·(C+1) + q]: the source state
    private readonly int[] _step;         // [g·(C+1) + q]: model·(K+1) + x of the batch put in front
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
        _finalLimit = new int[_clusters.Length];
        int? initialCluster = initial is int i0 ? structure.ClusterOf[i0] : null;
        for (int q = 0; q < _clusters.Length; q++)
        {
            bool first = structure.ClusterOf[models[_clusters[q][0]]] == initialCluster;
            _finalLimit[q] = first ? cells + bonus : cells - _backbone[q];
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

        int states = (_top + 1) * (_clusters.Length + 1);
        _value = new double[states];
        _from = new int[states];
        _step = new int[states];
        _prefix = [.. _usersOf.Select(u => new double[u.Length + 1])];
        _order = [.. _usersOf.Select(u => (int[])u.Clone())];
        _positive = new int[models.Count];
        _profit = new double[data.Count];
    }

    /// <summary>The cells G of the work axis.</summary>
    public int CellCount => _cells;

    /// <summary>The program, or null with the reason when a batch could take no time (the program would have a cycle).</summary>
    public static LatestStartProgram? Create(RelaxationData data, BackboneLayout layout, int cells, int levels, out string? whyNot)
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
        double capacity = RelaxationData.Capacity(layout.Deadline);
        double needed = Math.Ceiling(capacity / shortest * (1.0 + 1e-9));
        if (!(shortest > 0.0) || needed > 1 << 22)
        {
            whyNot = "some model loads and infers in (almost) no time";
            return null;
        }

        whyNot = null;
        return new LatestStartProgram(data, layout, structure, (int)Math.Max(cells, needed), levels);
    }

    /// <summary>
    /// The maximum for multipliers <paramref name="mu"/> (per user) and <paramref name="perHz"/> (λ), and the path that
    /// attains it: how often each user is served on it (<paramref name="visits"/>) and its Σβ.
    /// </summary>
    public double Solve(double[] mu, double perHz, int[] visits, out double bandwidth)
    {
        int width = _clusters.Length + 1;
        int empty = _clusters.Length;
        Array.Fill(_value, double.NegativeInfinity);
        _value[empty] = 0.0;
        int level = -1;
        for (int g = 0; g <= _cells; g++)
        {
            if (g / _stride != level)
            {
                level = g / _stride;
                Price(level, mu, perHz);
            }

            // The best source for a batch whose users see g cells of work after them: the front cluster q pays its
            // backbone in between unless the batch is of the same cluster (top two over q ≠ the batch's cluster).
            double best1 = double.NegativeInfinity, best2 = double.NegativeInfinity;
            int at1 = -1, at2 = -1, q1 = -1;
            for (int q = 0; q <= empty; q++)
            {
                int source = q == empty ? g : g - _backbone[q];
                if (source < 0)
                {
                    continue;
                }

                double v = _value[(source * width) + q];
                if (v > best1)
                {
                    (best2, at2) = (best1, at1);
                    (best1, at1, q1) = (v, (source * width) + q, q);
                }
                else if (v > best2)
                {
                    (best2, at2) = (v, (source * width) + q);
                }
            }

            for (int q = 0; q < _clusters.Length; q++)
            {
                double same = _value[(g * width) + q];
                (double source, int sourceAt) = q1 != q ? (best1, at1) : (best2, at2);
                if (same > source)
                {
                    (source, sourceAt) = (same, (g * width) + q);
                }

                if (double.IsNegativeInfinity(source))
                {
                    continue;
                }

                foreach (int m in _clusters[q])
                {
                    double[] prefix = _prefix[m];
                    int[] advance = _advance[m];
                    for (int x = 1; x <= _positive[m]; x++)
                    {
                        int to = g + advance[x];
                        if (to > _top)
                        {
                            break;
                        }

                        int slot = (to * width) + q;
                        double candidate = source + prefix[x];
                        if (candidate > _value[slot])
                        {
                            _value[slot] = candidate;
                            _from[slot] = sourceAt;
                            _step[slot] = (m * (_data.Count + 1)) + x;
                        }
                    }
                }
            }
        }

        // A whole schedule: its front cluster's backbone (or the initial memory's bonus) must fit too.
        double best = 0.0;
        int end = -1;
        for (int q = 0; q < _clusters.Length; q++)
        {
            for (int g = 0; g <= Math.Min(_top, _finalLimit[q]); g++)
            {
                if (_value[(g * width) + q] > best)
                {
                    best = _value[(g * width) + q];
                    end = (g * width) + q;
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
        int width = _clusters.Length + 1;
        var chosen = new List<(int Model, int Count, int Level)>();
        for (int at = end; at >= 0 && at != _clusters.Length;)
        {
            int step = _step[at];
            int source = _from[at];
            int sourceCluster = source % width;
            int sourceCells = source / width;
            int m = step / (_data.Count + 1);
            int seen = sourceCluster == _clusters.Length || sourceCluster == _clusterOf[m] ? sourceCells : sourceCells + _backbone[sourceCluster];
            chosen.Add((m, step % (_data.Count + 1), seen / _stride));
            at = source;
        }

        foreach ((int m, int x, int level) in chosen)
        {
            // The same top x the program summed: re-rank the model's users at that level.
            int[] ranked = [.. _usersOf[m].OrderByDescending(k => Profit(k, level, mu, perHz)).ThenBy(k => k).Take(x)];
            foreach (int k in ranked)
            {
                visits[k]++;
                bandwidth += _beta[(k * _levels) + level];
            }
        }
    }
}
