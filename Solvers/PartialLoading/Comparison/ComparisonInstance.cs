using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;

namespace PartialLoading.Comparison;

/// <summary>
/// An instance of a comparison: its name (rows are keyed by it), how to read it (read when its turn comes, so a
/// large library is not held in memory at once), and the bounds known for it beforehand (<see cref="KnownBounds"/>).
/// </summary>
public sealed class ComparisonInstance
{
    private readonly Func<Instance> _read;

    /// <summary>An instance already in memory.</summary>
    /// <param name="instance">The instance; its <see cref="Instance.Name"/> names its rows.</param>
    public ComparisonInstance(Instance instance)
        : this(instance?.Name ?? throw new ArgumentNullException(nameof(instance)), () => instance, [])
    {
    }

    /// <summary>An instance read when its turn comes (e.g. from a folder of a library).</summary>
    /// <param name="name">The name its rows carry (a folder's name).</param>
    /// <param name="read">Reads the instance; its exceptions stop the comparison.</param>
    /// <param name="knownBounds">Bounds known beforehand (besides Σ w, which every instance has).</param>
    public ComparisonInstance(string name, Func<Instance> read, IEnumerable<KnownBound> knownBounds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(knownBounds);
        Name = name;
        _read = read;
        KnownBounds = [.. knownBounds];
    }

    /// <summary>The name the rows carry.</summary>
    public string Name { get; }

    /// <summary>
    /// Bounds known before the comparison runs, besides Σ w. This is the one place where a bound computed elsewhere
    /// (a relaxation, a bound of another tool) enters: see <see cref="WithBound"/>.
    /// </summary>
    public IReadOnlyList<KnownBound> KnownBounds { get; }

    /// <summary>
    /// This instance with <paramref name="library"/>'s best bound among its known bounds (used only when the
    /// library's row is for an instance of the same size: a stale row is ignored).
    /// </summary>
    /// <param name="library">The row of the library's <c>results.csv</c> for this instance, or null.</param>
    public ComparisonInstance WithLibrary(LibraryResult? library)
        => library is null ? this : WithBound(new KnownBound(library.BestBound, BestBounds.Library, library.Users));

    /// <summary>This instance with one more known bound (e.g. one computed by a bounding procedure).</summary>
    public ComparisonInstance WithBound(KnownBound bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        return new ComparisonInstance(Name, _read, [.. KnownBounds, bound]);
    }

    /// <summary>Reads the instance.</summary>
    public Instance Read() => _read();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
