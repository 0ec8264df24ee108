using System.Runtime.InteropServices;

namespace PartialLoading.Milp;

/// <summary>
/// Sends what native code prints on the process's standard output to /dev/null while it is alive (Linux and macOS;
/// elsewhere it does nothing).
/// </summary>
/// <remarks>
/// HiGHS 1.12, as built into OR-Tools 9.15, prints its banner ("Running HiGHS …") on stdout when MPSolver creates it,
/// before any option can silence it, and CBC answers options it lacks there ("No match for threads"); such lines
/// would corrupt <c>plsolve … --json</c>. Nothing else writes to stdout
/// while a round solves (progress goes to stderr), and the C runtime's buffers are flushed before stdout is restored,
/// so the banner cannot surface later either.
/// </remarks>
internal sealed partial class NativeStdoutMute : IDisposable
{
    private const int StdoutDescriptor = 1;
    private const int WriteOnly = 1;
    private readonly int _saved = -1;

    public NativeStdoutMute()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return;
        }

        Console.Out.Flush();
        int devNull = Open("/dev/null", WriteOnly);
        if (devNull < 0)
        {
            return;
        }

        _saved = Dup(StdoutDescriptor);
        if (_saved >= 0)
        {
            _ = Flush(IntPtr.Zero);
            _ = Dup2(devNull, StdoutDescriptor);
        }

        _ = Close(devNull);
    }

    public void Dispose()
    {
        if (_saved < 0)
        {
            return;
        }

        _ = Flush(IntPtr.Zero); // what the C runtime still buffers goes to /dev/null, not to the restored stdout
        _ = Dup2(_saved, StdoutDescriptor);
        _ = Close(_saved);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int Dup(int descriptor);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "fflush")]
    private static partial int Flush(IntPtr stream);
}
