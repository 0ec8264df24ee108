using System.Runtime.InteropServices;

namespace PartialLoading.Milp;

/// <summary>
/// Keeps the process's own SIGINT handler (.NET's, which turns Ctrl-C into cancellation) in place while native code
/// that replaces it runs: it notes the handler when created and puts it back whenever it finds another one, every
/// <see cref="Period"/> and when disposed (Linux; elsewhere it does nothing).
/// </summary>
/// <remarks>
/// CBC's driver (<c>CbcMain1</c>, libCbcSolver, called by MPSolver's CBC interface) installs its own SIGINT handler with
/// <c>signal()</c>, which only asks the branch and bound to stop — not its root LP — and tells .NET nothing: a Ctrl-C
/// during a CBC round was lost and the solve ran 180 s to its limit. With .NET's handler back, Ctrl-C cancels the
/// round as for the other backends, and the caller stops waiting for CBC (see <see cref="DetachedCall"/>).
/// </remarks>
internal sealed partial class SigintKeeper : IDisposable
{
    /// <summary>How often the handler is checked: how long a foreign handler can hold SIGINT, at most.</summary>
    internal static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private const int Sigint = 2;

    /// <summary>Larger than <c>struct sigaction</c> on every Linux ABI (152 bytes on x86-64 and arm64 glibc).</summary>
    private const int ActionBytes = 512;

    private readonly Lock _gate = new();
    private readonly IntPtr _saved;
    private readonly IntPtr _current;
    private readonly Timer? _timer;
    private bool _disposed;

    /// <summary>Notes SIGINT's handler and puts it back every <see cref="Period"/> until disposed.</summary>
    public SigintKeeper()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _saved = Marshal.AllocHGlobal(ActionBytes);
        _current = Marshal.AllocHGlobal(ActionBytes);
        if (SigAction(Sigint, IntPtr.Zero, _saved) != 0)
        {
            _disposed = true;
            Free();
            return;
        }

        _timer = new Timer(_ => Restore(), null, Period, Period);
    }

    /// <summary>Puts the noted handler back if another one has replaced it; true when it did.</summary>
    private bool Restore()
    {
        lock (_gate)
        {
            if (_disposed || _saved == IntPtr.Zero || SigAction(Sigint, IntPtr.Zero, _current) != 0)
            {
                return false;
            }

            // The handler is the struct's first field on Linux (a union of sa_handler and sa_sigaction).
            if (Marshal.ReadIntPtr(_current) == Marshal.ReadIntPtr(_saved))
            {
                return false;
            }

            return SigAction(Sigint, _saved, IntPtr.Zero) == 0;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        Restore();
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                Free();
            }
        }
    }

    private void Free()
    {
        if (_saved != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_saved);
            Marshal.FreeHGlobal(_current);
        }
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int SigAction(int signal, IntPtr action, IntPtr previous);
}
