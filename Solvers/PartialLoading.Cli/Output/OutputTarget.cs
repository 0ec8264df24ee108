namespace PartialLoading.Cli.Output;

/// <summary>
/// Checks, before any solving, that an output path can be written, so a run of minutes is not lost to a typo
/// (docs/model.md §9). The check writes and deletes a probe file beside the target; the target itself is untouched,
/// so an existing file keeps its contents until new results replace it.
/// </summary>
internal static class OutputTarget
{
    /// <summary>A file is to be written at <paramref name="path"/>: its folder must exist or be creatable, and be writable.</summary>
    /// <exception cref="UsageException">The path is a folder, or its folder cannot be created or written.</exception>
    public static void CheckFile(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{path}: is a folder, expected a file name");
        }

        Probe(path, Path.GetDirectoryName(full) ?? ".");
    }

    /// <summary>Files are to be written into the folder <paramref name="path"/>: it must exist or be creatable, and be writable.</summary>
    /// <exception cref="UsageException">The path is a file, or the folder cannot be created or written.</exception>
    public static void CheckFolder(string path)
    {
        if (File.Exists(path))
        {
            throw new UsageException($"{path}: is a file, expected a folder");
        }

        Probe(path, path);
    }

    private static void Probe(string path, string folder)
    {
        // A file where a folder of the path should be (nb/afile/x.svg) would otherwise read "The file … already exists".
        for (string? up = Path.GetFullPath(folder); up is not null; up = Path.GetDirectoryName(up))
        {
            if (File.Exists(up))
            {
                throw new UsageException($"{path}: cannot be written ({up} is a file, not a folder)");
            }

            if (Directory.Exists(up))
            {
                break;
            }
        }

        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".plsolve-probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be written ({e.Message.ReplaceLineEndings(" ")})");
        }
    }
}
