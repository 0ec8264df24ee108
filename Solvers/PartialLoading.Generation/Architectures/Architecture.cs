namespace PartialLoading.Generation.Architectures;

/// <summary>A named group of parameters that is loaded as one block (a ResNet stage, a transformer layer).</summary>
/// <param name="Name">Short name used in block ids (<c>layer3</c>, <c>enc07</c>).</param>
/// <param name="Parameters">Number of parameters.</param>
public sealed record ArchitectureLayer(string Name, long Parameters);

/// <summary>
/// A published network as a stack of blocks, bottom (input) to top, with the parameter count its authors publish,
/// so a test can check that the blocks add up (within 1 %). Sizes follow from the parameter counts and the number
/// format the network is served in.
/// </summary>
public sealed class Architecture
{
    internal Architecture(string name, IReadOnlyList<ArchitectureLayer> body, Func<int, long>? head, int publishedClasses, long publishedParameters, int bytesPerParameter, string source)
    {
        Name = name;
        Body = body;
        _head = head;
        PublishedClasses = publishedClasses;
        PublishedParameters = publishedParameters;
        BytesPerParameter = bytesPerParameter;
        Source = source;
    }

    private readonly Func<int, long>? _head;

    /// <summary>The network's name.</summary>
    public string Name { get; }

    /// <summary>Everything below the task head, bottom to top.</summary>
    public IReadOnlyList<ArchitectureLayer> Body { get; }

    /// <summary>Number of classes of the head in the published count (0 when the count excludes a classifier).</summary>
    public int PublishedClasses { get; }

    /// <summary>The published parameter count (see <see cref="Source"/>).</summary>
    public long PublishedParameters { get; }

    /// <summary>Bytes per parameter in the format the network is served in (4 for fp32, 2 for bf16).</summary>
    public int BytesPerParameter { get; }

    /// <summary>Where <see cref="PublishedParameters"/> comes from.</summary>
    public string Source { get; }

    /// <summary>Parameters of the task head for <paramref name="classes"/> classes.</summary>
    public long HeadParameters(int classes) => _head is null
        ? throw new InvalidOperationException($"{Name} has no task head.")
        : _head(classes);

    /// <summary>Σ of the body and, when there is one, the head with <see cref="PublishedClasses"/> classes: what the published count counts.</summary>
    public long CountedParameters => Body.Sum(l => l.Parameters) + (_head is null ? 0 : _head(PublishedClasses));

    /// <summary>Size in MB (10⁶ bytes) of <paramref name="parameters"/> parameters in this network's number format.</summary>
    public double SizeMb(long parameters) => parameters * (double)BytesPerParameter / 1e6;
}
