using System.Runtime.InteropServices;
using PartialLoading.Core.Csv;

namespace PartialLoading.Cli.Output;

/// <summary>
/// Replaces files in an output folder all in one step, so that a run killed at any moment leaves either every old file
/// or every new one (docs/model.md §8): the new files are written into a fresh sibling folder, with the folder's other
/// files linked in, and the two folders are swapped by one <c>renameat2(RENAME_EXCHANGE)</c> (Linux 3.15+).
/// </summary>
/// <remarks>
/// A folder that does not exist yet is written beside it under a temporary name and renamed into place. Where the swap is not possible, the files are renamed one right after another in the order given
/// (<see cref="AtomicFile.WriteTogether"/>; put the file that names the others last): on another system, when the folder
/// is a link or holds a subfolder or anything but plain files, when it is the current directory (a shell inside it would be left in a
/// deleted folder), or when its parent cannot be written or the file system refuses the swap. A staging folder left by a
/// killed run is removed by the next run that writes beside it.
/// </remarks>
internal static partial class AtomicFolder
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint Exchange = 2; // RENAME_EXCHANGE

    /// <summary>Writes <paramref name="files"/> into <paramref name="folder"/> (created if missing) together.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="files">File names (no folders) and their bytes.</param>
    /// <param name="step">Told the name of each step as it is about to run (tests pause or kill the process there).</param>
    public static void Write(string folder, IReadOnlyList<(string Name, byte[] Bytes)> files, Action<string>? step = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(files);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full) && TryCreate(full, files, step))
        {
            return;
        }

        Directory.CreateDirectory(full);
        if (!TrySwap(full, files, step))
        {
            AtomicFile.WriteTogether([.. files.Select(f => (Path.Combine(full, f.Name), (Action<Stream>)(stream => stream.Write(f.Bytes))))], step);
        }
    }

    /// <summary>
    /// A folder that does not exist yet is written as a staging folder beside it and renamed into place, so a failure
    /// (a full disk) leaves no folder rather than an empty or partial one. False, with nothing left behind, when the
    /// parent cannot be written or the folder appeared meanwhile: the caller then creates it and swaps.
    /// </summary>
    private static bool TryCreate(string full, IReadOnlyList<(string Name, byte[] Bytes)> files, Action<string>? step)
    {
        string? parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            return false;
        }

        string name = Path.GetFileName(full);
        string staging = Path.Combine(parent, AtomicFile.TemporaryName(name));
        try
        {
            Directory.CreateDirectory(parent);
            RemoveStale(parent, name);
            step?.Invoke("staging");
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            return false;
        }

        try
        {
            WriteFiles(staging, files, step);
            step?.Invoke("renaming the folder");
            Directory.Move(staging, full);
            return true;
        }
        catch (IOException) when (Directory.Exists(full))
        {
            TryDelete(staging);
            return false; // another writer created it first
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static void WriteFiles(string staging, IReadOnlyList<(string Name, byte[] Bytes)> files, Action<string>? step)
    {
        foreach ((string file, byte[] bytes) in files)
        {
            step?.Invoke($"writing {file}");
            using var stream = new FileStream(Path.Combine(staging, file), FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
    }

    private static bool TrySwap(string full, IReadOnlyList<(string Name, byte[] Bytes)> files, Action<string>? step)
    {
        string? parent = Path.GetDirectoryName(full);
        string cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Environment.CurrentDirectory));
        if (!OperatingSystem.IsLinux() || parent is null || (File.GetAttributes(full) & FileAttributes.ReparsePoint) != 0
            || cwd.Equals(full, StringComparison.Ordinal) || cwd.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Directory.EnumerateFileSystemEntries(full).Any(e => (File.GetAttributes(e) & (FileAttributes.Directory | FileAttributes.ReparsePoint)) != 0))
        {
            return false;
        }

        string name = Path.GetFileName(full);
        string staging = Path.Combine(parent, AtomicFile.TemporaryName(name));
        try
        {
            RemoveStale(parent, name);
            AtomicFile.RemoveStale(full);
            step?.Invoke("staging");
            Directory.CreateDirectory(staging);
            File.SetUnixFileMode(staging, File.GetUnixFileMode(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            return false; // the parent is not ours to write: rename file by file inside the folder instead
        }

        try
        {
            step?.Invoke("carrying");
            var names = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            foreach (string other in Directory.EnumerateFiles(full).Where(f => !names.Contains(Path.GetFileName(f))))
            {
                string copy = Path.Combine(staging, Path.GetFileName(other));
                if (Link(other, copy) != 0)
                {
                    File.Copy(other, copy);
                }
            }

            WriteFiles(staging, files, step);
            step?.Invoke("exchanging");
            if (!TryExchange(staging, full))
            {
                TryDelete(staging);
                return false; // EINVAL or ENOSYS: this file system cannot swap
            }
        }
        catch
        {
            TryDelete(staging);
            throw;
        }

        step?.Invoke("removing the old files");
        TryDelete(staging); // now the old folder; a kill before this leaves it to the next run's RemoveStale
        return true;
    }

    private static bool TryExchange(string one, string other)
    {
        try
        {
            return RenameAt2(CurrentDirectory, one, CurrentDirectory, other, Exchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library without renameat2 (glibc before 2.28)
        }
    }

    /// <summary>Removes the staging folders beside <c>name</c> whose writer is gone.</summary>
    private static void RemoveStale(string parent, string name)
    {
        foreach (string stale in Directory.EnumerateDirectories(parent, $".{name}.*.tmp").Where(d => AtomicFile.IsOrphan(Path.GetFileName(d), name)))
        {
            TryDelete(stale);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // left for the next run's RemoveStale
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string link);
}
