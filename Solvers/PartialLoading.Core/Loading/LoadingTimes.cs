using PartialLoading.Core.Model;

namespace PartialLoading.Core.Loading;

/// <summary>
/// L(h, i), the time to load model i right after model h (docs/model.md §2): <c>Σ_{j ∈ S_i \ S_h} s_j / R</c>, with
/// <see cref="EmptyMemory"/> standing for "no model loaded".
/// </summary>
/// <remarks>
/// <para>
/// Under <see cref="LoadingRule.SharedBlocks"/> the times are kept in a dense (|M| + 1) × |M| matrix, built
/// through the block-to-model incidence: row h accumulates, for each block j of h and each model i holding j,
/// the shared size; <c>L(h, i) = (|S_i| − shared(h, i)) / R</c>. That costs Σ_h Σ_{j∈S_h} deg(j) rather than
/// |M|²·|S|, and lookups are one array read (the benchmark <c>LoadingTimesBenchmarks</c> compares it with merging
/// sorted block lists on every call; the matrix wins at every size measured, up to |M| = 2,000). When S_i ⊆ S_h the
/// shared size is summed over the same blocks in the same order as |S_i|, so the difference is exactly 0.
/// </para>
/// <para>
/// Above <see cref="DenseModelLimit"/> models the matrix would not fit comfortably in memory, and times are computed
/// on demand by merging the sorted block lists.
/// </para>
/// </remarks>
public sealed class LoadingTimes
{
    /// <summary>The "model" in memory before anything is loaded.</summary>
    public const int EmptyMemory = -1;

    /// <summary>Largest model count for which the dense matrix is built (4,096² doubles = 128 MiB).</summary>
    public const int DenseModelLimit = 4096;

    private readonly Instance _instance;
    private readonly double[] _fullLoadSeconds;
    private readonly double[]? _matrix; // row-major, row |M| is the empty memory
    private readonly int _modelCount;

    private LoadingTimes(Instance instance, LoadingRule rule, bool dense)
    {
        _instance = instance;
        Rule = rule;
        _modelCount = instance.Models.Length;
        double rate = instance.Server.LoadRateMbPerSecond;
        _fullLoadSeconds = [.. instance.Models.Select(m => m.SizeMb / rate)];
        if (rule == LoadingRule.SharedBlocks && dense)
        {
            _matrix = BuildMatrix(instance);
        }
    }

    /// <summary>The rule these times follow.</summary>
    public LoadingRule Rule { get; }

    /// <summary>Loading times of <paramref name="instance"/> under <paramref name="rule"/>.</summary>
    public static LoadingTimes Create(Instance instance, LoadingRule rule)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new LoadingTimes(instance, rule, instance.Models.Length <= DenseModelLimit);
    }

    /// <summary>Like <see cref="Create"/>, but never builds the matrix (for benchmarks and very large instances).</summary>
    public static LoadingTimes CreateOnDemand(Instance instance, LoadingRule rule)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new LoadingTimes(instance, rule, dense: false);
    }

    /// <summary>L(h, i) in seconds; <paramref name="from"/> may be <see cref="EmptyMemory"/>. L(i, i) = 0.</summary>
    public double Seconds(int from, int to)
    {
        if (from == to)
        {
            return 0.0;
        }

        if (Rule == LoadingRule.FullModel)
        {
            return _fullLoadSeconds[to];
        }

        if (_matrix is not null)
        {
            int row = from == EmptyMemory ? _modelCount : from;
            return _matrix[(row * _modelCount) + to];
        }

        return from == EmptyMemory ? _fullLoadSeconds[to] : MissingSizeMb(from, to) / _instance.Server.LoadRateMbPerSecond;
    }

    /// <summary>L(i0, i): loading model i first, from the initial memory of the server.</summary>
    public double FromInitial(int to) => Seconds(_instance.Server.InitialModel ?? EmptyMemory, to);

    /// <summary>The row L(h, ·) when the matrix is dense, else an empty span (use <see cref="Seconds"/>).</summary>
    public ReadOnlySpan<double> Row(int from)
    {
        if (_matrix is null)
        {
            return [];
        }

        int row = from == EmptyMemory ? _modelCount : from;
        return _matrix.AsSpan(row * _modelCount, _modelCount);
    }

    /// <summary>The size in MB that models h and i share (0 from <see cref="EmptyMemory"/>).</summary>
    public double SharedMb(int from, int to)
    {
        if (from == EmptyMemory)
        {
            return 0.0;
        }

        return from == to ? _instance.Models[to].SizeMb : _instance.Models[to].SizeMb - MissingSizeMb(from, to);
    }

    /// <summary>Σ s_j over the blocks of <paramref name="to"/> that <paramref name="from"/> lacks, by a sorted merge.</summary>
    private double MissingSizeMb(int from, int to)
    {
        ReadOnlySpan<int> have = _instance.Models[from].Blocks.AsSpan();
        ReadOnlySpan<int> need = _instance.Models[to].Blocks.AsSpan();
        var blocks = _instance.Blocks;
        double missing = 0.0;
        int h = 0;
        foreach (int block in need)
        {
            while (h < have.Length && have[h] < block)
            {
                h++;
            }

            if (h >= have.Length || have[h] != block)
            {
                missing += blocks[block].SizeMb;
            }
        }

        return missing;
    }

    private static double[] BuildMatrix(Instance instance)
    {
        int models = instance.Models.Length;
        int blocks = instance.Blocks.Length;
        double rate = instance.Server.LoadRateMbPerSecond;

        // Incidence: for each block, the models that hold it (ascending model index).
        var holderCount = new int[blocks + 1];
        foreach (AiModel model in instance.Models)
        {
            foreach (int block in model.Blocks)
            {
                holderCount[block + 1]++;
            }
        }

        for (int j = 0; j < blocks; j++)
        {
            holderCount[j + 1] += holderCount[j];
        }

        var holders = new int[holderCount[blocks]];
        var fill = (int[])holderCount.Clone();
        for (int i = 0; i < models; i++)
        {
            foreach (int block in instance.Models[i].Blocks)
            {
                holders[fill[block]++] = i;
            }
        }

        var matrix = new double[(models + 1) * models];
        var shared = new double[models];
        for (int h = 0; h < models; h++)
        {
            Array.Clear(shared);
            foreach (int block in instance.Models[h].Blocks)
            {
                double size = instance.Blocks[block].SizeMb;
                for (int k = holderCount[block]; k < holderCount[block + 1]; k++)
                {
                    shared[holders[k]] += size;
                }
            }

            Span<double> row = matrix.AsSpan(h * models, models);
            for (int i = 0; i < models; i++)
            {
                row[i] = i == h ? 0.0 : (instance.Models[i].SizeMb - shared[i]) / rate;
            }
        }

        Span<double> empty = matrix.AsSpan(models * models, models);
        for (int i = 0; i < models; i++)
        {
            empty[i] = instance.Models[i].SizeMb / rate;
        }

        return matrix;
    }
}
