using PartialLoading.Comparison;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Library;

namespace PartialLoading.Cli.Comparison;

/// <summary>
/// An instance folder of a sweep, with the row its library's <c>results.csv</c> holds for it (when the folder sits
/// in a library that has one).
/// </summary>
internal sealed record SweepInstance(string Name, string Folder, LibraryResult? Library)
{
    /// <summary>
    /// The instance folders named by <paramref name="directories"/> (each an instance folder, or a library folder
    /// whose subfolders are instance folders), sorted by name so every machine of a sharded sweep sees one order.
    /// </summary>
    /// <exception cref="UsageException">A folder is neither, or two instances share a name (rows are keyed by name).</exception>
    /// <exception cref="InvalidInputException">A library's <c>results.csv</c> is malformed.</exception>
    public static IReadOnlyList<SweepInstance> Find(IEnumerable<string> directories)
    {
        var folders = new List<string>();
        foreach (string directory in directories)
        {
            if (File.Exists(directory))
            {
                throw new UsageException($"{directory}: is a file, not a folder (give the instance folder that holds it)");
            }

            if (!Directory.Exists(directory))
            {
                throw new UsageException($"{directory}: folder not found");
            }

            IReadOnlyList<string> found = IsInstance(directory) ? [directory] : LibraryRefresh.InstanceFolders(directory);
            if (found.Count == 0)
            {
                throw new UsageException($"{directory}: neither an instance folder (none of {string.Join(", ", InstanceWriter.FileNames)}) nor a folder of instance folders");
            }

            folders.AddRange(found);
        }

        var libraries = new Dictionary<string, IReadOnlyList<LibraryResult>>(StringComparer.Ordinal);
        var byName = new Dictionary<string, SweepInstance>(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            string name = Path.GetFileName(full);
            if (byName.TryGetValue(name, out SweepInstance? other))
            {
                if (Path.TrimEndingDirectorySeparator(Path.GetFullPath(other.Folder)) == full)
                {
                    continue; // the same folder named twice (as itself and through its library)
                }

                throw new UsageException($"two instances are named '{name}' ({other.Folder}, {folder}); rows are keyed by the folder's name, so rename one");
            }

            byName[name] = new SweepInstance(name, folder, LibraryRow(full, name, libraries));
        }

        return [.. byName.Values.OrderBy(i => i.Name, StringComparer.Ordinal)];
    }

    /// <summary>Reads the instance; problems name the file inside its folder, so a bad instance in a library is found.</summary>
    public Instance Read()
    {
        try
        {
            return InstanceReader.Read(Folder);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException([.. e.Problems.Select(p => p with { Source = Path.Combine(Folder, p.Source) })]);
        }
    }

    /// <summary>The instance as a comparison takes it: read when its turn comes, with its library's best bound.</summary>
    public ComparisonInstance ToComparison() => new ComparisonInstance(Name, Read, []).WithLibrary(Library);

    private static bool IsInstance(string directory) => LibraryRefresh.HoldsInstance(directory);

    private static LibraryResult? LibraryRow(string instanceFolder, string name, Dictionary<string, IReadOnlyList<LibraryResult>> libraries)
    {
        string? library = Path.GetDirectoryName(instanceFolder);
        if (library is null)
        {
            return null;
        }

        if (!libraries.TryGetValue(library, out IReadOnlyList<LibraryResult>? results))
        {
            string path = Path.Combine(library, LibraryResults.FileName);
            try
            {
                results = File.Exists(path) ? LibraryResults.Read(path) : [];
            }
            catch (InvalidInputException e)
            {
                throw new InvalidInputException([.. e.Problems.Select(p => p with { Source = Path.Combine(library, p.Source) })]);
            }

            libraries[library] = results;
        }

        return results.FirstOrDefault(r => r.Instance == name);
    }
}
