namespace PartialLoading.Core.Model;

/// <summary>A parameter block: a unit of model parameters that is loaded into GPU memory as a whole.</summary>
public sealed class Block
{
    internal Block(string id, double sizeMb)
    {
        Id = id;
        SizeMb = sizeMb;
    }

    /// <summary>The block's id as written in the instance files.</summary>
    public string Id { get; }

    /// <summary>Size in MB (positive).</summary>
    public double SizeMb { get; }

    /// <inheritdoc/>
    public override string ToString() => $"block '{Id}' ({SizeMb} MB)";
}
