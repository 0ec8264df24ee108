using System.Diagnostics;
using System.Globalization;

namespace PartialLoading.Core.Csv;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside it, then renamed over the target. A temporary
/// carries the writer's process id, so one left by a killed process is removed by the next write into its folder.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; on any failure the target is untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        WriteTogether([(path, write)]);
    }

    /// <summary>
    /// Writes several files as nearly together as a file system allows: every temporary is written and flushed
    /// first, then all are renamed one right after another, in the order given (put the file that describes the
    /// others last). On a failure before the renames no target is touched.
    /// </summary>
    /// <param name="files">The targets and what to write into each.</param>
    /// <param name="step">Told the name of each rename as it is about to run (tests kill the process there).</param>
    public static void WriteTogether(IReadOnlyList<(string Path, Action<Stream> Write)> files, Action<string>? step = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var written = new List<(string Temporary, string Target)>();
        try
        {
            foreach ((string path, Action<Stream> write) in files)
            {
                string full = System.IO.Path.GetFullPath(path);
                string directory = System.IO.Path.GetDirectoryName(full) ?? ".";
                Directory.CreateDirectory(directory);
                RemoveStale(directory);
                string temporary = System.IO.Path.Combine(directory, TemporaryName(System.IO.Path.GetFileName(full)));
                written.Add((temporary, full));
                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            foreach ((string temporary, string target) in written)
            {
                step?.Invoke($"renaming {System.IO.Path.GetFileName(target)}");
                File.Move(temporary, target, overwrite: true);
            }
        }
        catch
        {
            foreach ((string temporary, _) in written)
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no byte order mark) whole or not at all.</summary>
    public static void WriteText(string path, string text)
        => Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>
    /// Deletes the temporaries in <paramref name="directory"/> whose writer is gone (killed between writing and
    /// renaming). A temporary of a live process, or of one that cannot be asked, is left alone.
    /// </summary>
    internal static void RemoveStale(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            if (!IsOrphan(System.IO.Path.GetFileName(file)))
            {
                continue;
            }

            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another process removed it first, or it is not ours to remove
            }
        }
    }

    /// <summary>The name of a temporary for <paramref name="name"/>: <c>.name.PID.GUID.tmp</c>, beside it.</summary>
    internal static string TemporaryName(string name) => $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    /// <summary>
    /// True when <paramref name="temporary"/> is a <see cref="TemporaryName"/> (of <paramref name="name"/>, when given)
    /// whose writing process is gone.
    /// </summary>
    internal static bool IsOrphan(string temporary, string? name = null)
    {
        // ".name.ext.PID.GUID.tmp" splits into "", name parts…, PID, GUID, "tmp".
        string[] parts = temporary.Split('.');
        return parts.Length >= 5 && parts[^1] == "tmp" && parts[^2].Length == 32
            && (name is null || string.Join('.', parts[1..^3]) == name)
            && int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
