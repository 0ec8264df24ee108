namespace PartialLoading.Benchmarks.Support;

/// <summary>
/// The repository's root folder (the one holding PartialLoadingSolvers.sln), found upwards from the current directory
/// or, in a BenchmarkDotNet child process (which runs from its own build folder under Benchmarks/bin), from the
/// assembly's folder.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The root's full path.</summary>
    /// <exception cref="InvalidOperationException">Neither folder lies inside the repository.</exception>
    public static string Find()
        => Upwards(Environment.CurrentDirectory) ?? Upwards(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Run from inside the repository (PartialLoadingSolvers.sln not found above the current directory).");

    private static string? Upwards(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartialLoadingSolvers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }
}
