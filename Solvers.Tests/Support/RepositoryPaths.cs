namespace PartialLoading.Tests.Support;

/// <summary>Paths of the repository's own files (the bundled instances), found from the test assembly upwards.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Instances => Path.Combine(Root, "instances");

    public static string Instance(string name) => Path.Combine(Instances, name);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartialLoadingSolvers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (PartialLoadingSolvers.sln) was not found above the test assembly.");
    }
}
