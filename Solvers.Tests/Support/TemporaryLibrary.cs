namespace PartialLoading.Tests.Support;

/// <summary>A temporary library folder holding copies of bundled instances (no results.csv), deleted on dispose.</summary>
internal sealed class TemporaryLibrary : IDisposable
{
    public TemporaryLibrary(params string[] bundledInstances)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "plsolve-tests", "library-" + Guid.NewGuid().ToString("N"));
        foreach (string name in bundledInstances)
        {
            string target = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(target);
            foreach (string file in new[] { "server.csv", "blocks.csv", "models.csv", "users.csv" })
            {
                System.IO.File.Copy(System.IO.Path.Combine(RepositoryPaths.Instance(name), file), System.IO.Path.Combine(target, file));
            }
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
    }
}
