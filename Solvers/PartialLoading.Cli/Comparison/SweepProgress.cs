using System.Diagnostics;
using System.Globalization;
using PartialLoading.Cli.Output;

namespace PartialLoading.Cli.Comparison;

/// <summary>How a sweep shows its progress on stderr.</summary>
internal enum SweepProgressMode
{
    /// <summary>Nothing (<c>--quiet</c>).</summary>
    Off,

    /// <summary>One line per finished instance, for logs (stderr redirected, e.g. a batch job's output file).</summary>
    Lines,

    /// <summary>A bar redrawn in place every second (stderr is a terminal), erased at the end.</summary>
    Bar,
}

/// <summary>
/// Progress of a sweep on stderr, never on stdout (so the table and <c>--out -</c> stay clean). On a terminal a bar
/// (solves done of all, the instance and solver under way, time elapsed) is redrawn once a second; in a log one
/// line per finished instance with each solver's value.
/// </summary>
internal sealed class SweepProgress : IDisposable
{
    private const int BarWidth = 24;

    private readonly TextWriter _error;
    private readonly SweepProgressMode _mode;
    private readonly Stopwatch _elapsed = new();
    private readonly Lock _gate = new();
    private Timer? _timer;
    private int _instances;
    private int _solvers;
    private int _solvesDone;
    private string _current = string.Empty;
    private int _drawnLength;

    public SweepProgress(TextWriter error, SweepProgressMode mode)
    {
        _error = error;
        _mode = mode;
    }

    /// <summary>The mode for a run: a bar only when stderr is this process's own, not redirected console.</summary>
    public static SweepProgressMode ModeFor(TextWriter error, bool quiet)
        => quiet ? SweepProgressMode.Off
            : ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? SweepProgressMode.Bar
            : SweepProgressMode.Lines;

    public void Begin(int instances, int solvers)
    {
        _instances = instances;
        _solvers = solvers;
        _elapsed.Start();
        if (_mode == SweepProgressMode.Bar)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Solver number <paramref name="solver"/> (0-based) starts on the instance at <paramref name="instance"/> (0-based) of the shard.</summary>
    public void Solving(int instance, string name, int solver, string solverName)
    {
        lock (_gate)
        {
            _solvesDone = (instance * _solvers) + solver;
            _current = $"{instance + 1}/{_instances} {name} · {solverName}";
        }

        Draw();
    }

    public void InstanceDone(int instance, string name, int users, IEnumerable<ComparisonRow> rows)
    {
        if (_mode != SweepProgressMode.Lines)
        {
            return;
        }

        string results = string.Join(", ", rows.Select(r => $"{r.Solver} {(r.Value is double v ? Formats.Value(v) + (r.Status == "optimal" ? "*" : string.Empty) : r.Status)}"));
        lock (_gate)
        {
            _error.WriteLine($"[{instance + 1}/{_instances}] {name} ({users} users): {results}  ({Clock(_elapsed.Elapsed)} elapsed)");
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (_drawnLength > 0)
            {
                _error.Write("\r" + new string(' ', _drawnLength) + "\r");
                _error.Flush();
                _drawnLength = 0;
            }
        }
    }

    public void Dispose() => End();

    private void Draw()
    {
        if (_mode != SweepProgressMode.Bar)
        {
            return;
        }

        lock (_gate)
        {
            if (_timer is null)
            {
                return;
            }

            int total = Math.Max(1, _instances * _solvers);
            int done = Math.Min(_solvesDone, total);
            int filled = done * BarWidth / total;
            string line = $"compare [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total} solves  {_current}  {Clock(_elapsed.Elapsed)}";
            _error.Write("\r" + line.PadRight(_drawnLength));
            _error.Flush();
            _drawnLength = line.Length;
        }
    }

    private static string Clock(TimeSpan elapsed) => elapsed.ToString(elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
}
