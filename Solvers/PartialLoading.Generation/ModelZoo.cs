namespace PartialLoading.Generation;

/// <summary>
/// The models a scenario designs, before any user exists: parameter blocks, and for each model its blocks, its
/// inference time and the payload its requests upload. <see cref="InstanceComposer"/> turns it into an instance.
/// </summary>
internal sealed class ModelZoo
{
    private readonly List<ZooBlock> _blocks = [];
    private readonly Dictionary<string, int> _blockIndex = new(StringComparer.Ordinal);
    private readonly List<ZooModel> _models = [];

    /// <summary>The blocks, in the order added.</summary>
    public IReadOnlyList<ZooBlock> Blocks => _blocks;

    /// <summary>The models, in the order added.</summary>
    public IReadOnlyList<ZooModel> Models => _models;

    /// <summary>Adds a block.</summary>
    public ModelZoo AddBlock(string id, double sizeMb)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeMb);
        if (!_blockIndex.TryAdd(id, _blocks.Count))
        {
            throw new ArgumentException($"Block '{id}' is already in the zoo.", nameof(id));
        }

        _blocks.Add(new ZooBlock(id, sizeMb));
        return this;
    }

    /// <summary>Adds a model made of blocks already added.</summary>
    public ModelZoo AddModel(string id, double inferenceSeconds, PayloadRange payload, IReadOnlyList<string> blocks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfNegative(inferenceSeconds);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            throw new ArgumentException($"Model '{id}' has no blocks.", nameof(blocks));
        }

        int[] indices = [.. blocks.Select(b => _blockIndex.TryGetValue(b, out int j) ? j : throw new ArgumentException($"Model '{id}' names unknown block '{b}'.", nameof(blocks)))];
        if (indices.Distinct().Count() != indices.Length)
        {
            throw new ArgumentException($"Model '{id}' lists a block twice.", nameof(blocks));
        }

        _models.Add(new ZooModel(id, inferenceSeconds, payload, indices, indices.Sum(j => _blocks[j].SizeMb)));
        return this;
    }
}

/// <summary>A block of a <see cref="ModelZoo"/>.</summary>
/// <param name="Id">Block id.</param>
/// <param name="SizeMb">Size, MB.</param>
internal sealed record ZooBlock(string Id, double SizeMb);

/// <summary>A model of a <see cref="ModelZoo"/>.</summary>
/// <param name="Id">Model id.</param>
/// <param name="InferenceSeconds">Inference time of one request, s.</param>
/// <param name="Payload">The input its requests upload.</param>
/// <param name="Blocks">Indices into <see cref="ModelZoo.Blocks"/>.</param>
/// <param name="SizeMb">Total size of its blocks, MB.</param>
internal sealed record ZooModel(string Id, double InferenceSeconds, PayloadRange Payload, IReadOnlyList<int> Blocks, double SizeMb);
