using System.Diagnostics;
using System.Globalization;
using PartialLoading.Cli.Output;
using PartialLoading.Comparison;

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
internal sealed class SweepProgress : IComparisonObserver, IDisposable
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

    private readonly Action<IReadOnlyList<ComparisonRow>> _instanceDone;

    /// <param name="error">Where progress goes.</param>
    /// <param name="mode">How it is shown.</param>
    /// <param name="instanceDone">Called with all rows so far after each instance (to write the file as the sweep goes).</param>
    public SweepProgress(TextWriter error, SweepProgressMode mode, Action<IReadOnlyList<ComparisonRow>> instanceDone)
    {
        _error = error;
        _mode = mode;
        _instanceDone = instanceDone;
    }

    /// <summary>The mode for a run: a bar only when stderr is this process's own, not redirected console.</summary>
    public static SweepProgressMode ModeFor(TextWriter error, bool quiet)
        => quiet ? SweepProgressMode.Off
            : ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? SweepProgressMode.Bar
            : SweepProgressMode.Lines;

    public void Begin(int instances, int solvesPerInstance)
    {
        _instances = instances;
        _solvers = solvesPerInstance;
        _elapsed.Start();
        if (_mode == SweepProgressMode.Bar)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public void Solving(int instance, string instanceName, int solve, string solver, int seed)
    {
        lock (_gate)
        {
            _solvesDone = (instance * _solvers) + solve;
            _current = $"{instance + 1}/{_instances} {instanceName} · {solver} · seed {seed}";
        }

        Draw();
    }

    public void InstanceDone(int instance, string instanceName, int users, IReadOnlyList<ComparisonRow> instanceRows, IReadOnlyList<ComparisonRow> allRows)
    {
        _instanceDone(allRows);
        if (_mode != SweepProgressMode.Lines)
        {
            return;
        }

        bool seeds = instanceRows.Select(r => r.Seed).Distinct().Count() > 1;
        string results = string.Join(", ", instanceRows.Select(r => $"{r.Solver}{(seeds ? $"@{r.Seed}" : string.Empty)} {(r.Value is double v ? Formats.Value(v) + (r.Status == "optimal" ? "*" : string.Empty) : r.Status)}"));
        lock (_gate)
        {
            _error.WriteLine($"[{instance + 1}/{_instances}] {instanceName} ({users} users): {results}  ({Clock(_elapsed.Elapsed)} elapsed)");
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

    public void Finished() => End();

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
