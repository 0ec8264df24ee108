using System.Collections.Concurrent;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Library;

namespace PartialLoading.Benchmarks.Support;

/// <summary>The instance library under <c>instances/</c>: its folders by name, read once per process, and its <c>results.csv</c>.</summary>
public static class LibraryInstances
{
    private static readonly ConcurrentDictionary<string, Instance> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyDictionary<string, LibraryResult>> Results = new(() =>
        LibraryResults.Read(Path.Combine(Directory, LibraryResults.FileName)).ToDictionary(r => r.Instance, StringComparer.Ordinal));

    /// <summary>The library folder.</summary>
    public static string Directory => Path.Combine(RepositoryRoot.Find(), "instances");

    /// <summary>The instance names (folder names), in order.</summary>
    public static IEnumerable<string> Names() => LibraryRefresh.InstanceFolders(Directory).Select(d => Path.GetFileName(d));

    /// <summary>The instance called <paramref name="name"/>, read from its folder on first use.</summary>
    public static Instance Read(string name) => Cache.GetOrAdd(name, n => InstanceReader.Read(Path.Combine(Directory, n)));

    /// <summary>The row of <c>results.csv</c> for the instance, or null when the table has none.</summary>
    public static LibraryResult? Result(string name) => Results.Value.GetValueOrDefault(name);
}
