using System.Collections.Immutable;

namespace PartialLoading.Core.Model;

/// <summary>An AI model: a set of parameter blocks and the inference time of one request.</summary>
/// <remarks>Named <c>AiModel</c> so that it does not clash with the <c>Model</c> namespace.</remarks>
public sealed class AiModel
{
    internal AiModel(string id, double inferenceSeconds, ImmutableArray<int> blocks, double sizeMb)
    {
        Id = id;
        InferenceSeconds = inferenceSeconds;
        Blocks = blocks;
        SizeMb = sizeMb;
    }

    /// <summary>The model's id as written in the instance files.</summary>
    public string Id { get; }

    /// <summary>Inference time of one request in seconds (c_i ≥ 0).</summary>
    public double InferenceSeconds { get; }

    /// <summary>Indices of the model's blocks into <see cref="Instance.Blocks"/>, ascending and distinct (non-empty).</summary>
    public ImmutableArray<int> Blocks { get; }

    /// <summary>Total size of the model's blocks in MB, summed in ascending block order.</summary>
    public double SizeMb { get; }

    /// <inheritdoc/>
    public override string ToString() => $"model '{Id}'";
}
