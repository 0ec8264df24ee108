using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PartialLoading.Tests.Support;

/// <summary>
/// The built plsolve run as a child process, for what an in-process run never sees: signals, kills, native output.
/// Every wait is capped at a minute, a guard against a hung child, never a timing assertion.
/// </summary>
internal sealed class PlsolveProcess : IDisposable
{
    private static readonly string Plsolve = Path.Combine(AppContext.BaseDirectory, "plsolve.dll");
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private Task<string?> _nextLine;

    private PlsolveProcess(IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Plsolve);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        _process = Process.Start(info)!;
        Stdout = _process.StandardOutput.ReadToEndAsync();
        _nextLine = _process.StandardError.ReadLineAsync();
    }

    /// <summary>Everything the child writes on stdout, complete once it has ended.</summary>
    public Task<string> Stdout { get; }

    /// <summary>The stderr lines read so far (by <see cref="WaitForLine"/> and <see cref="WaitForExit"/>).</summary>
    public string Stderr => _stderr.ToString();

    public int Id => _process.Id;

    public static PlsolveProcess Start(params string[] args) => new(null, args);

    public static PlsolveProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => new(environment, args);

    /// <summary>Reads stderr until a line matches; false when the child ended (or a minute passed) first.</summary>
    public bool WaitForLine(Func<string, bool> match)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Guard)
        {
            if (!_nextLine.Wait(Guard) || _nextLine.Result is not string line)
            {
                return false;
            }

            _stderr.AppendLine(line);
            _nextLine = _process.StandardError.ReadLineAsync();
            if (match(line))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt()
    {
        var info = new ProcessStartInfo("kill") { RedirectStandardError = true, UseShellExecute = false }; // quiet when the child ended first
        info.ArgumentList.Add("-INT");
        info.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using Process kill = Process.Start(info)!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the child gets no chance to clean up.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Waits (at most a minute, then kills and fails) for the end; the exit code, stdout and all of stderr.</summary>
    public (int Code, string Stdout, string Stderr) WaitForExit()
    {
        if (!_process.WaitForExit(Guard))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"plsolve did not end within a minute: {Stderr}");
        }

        while (_nextLine.Wait(Guard) && _nextLine.Result is string line)
        {
            _stderr.AppendLine(line);
            _nextLine = _process.StandardError.ReadLineAsync();
        }

        return (_process.ExitCode, Stdout.Result, Stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
