using System.Diagnostics;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// Progress lines on stderr (objective, bound, time) for runs longer than a second, at most one a second, so a
/// long solve shows it is alive without flooding the terminal or disturbing stdout.
/// </summary>
internal sealed class StderrProgress(TextWriter error) : IProgress<SolverProgress>
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public void Report(SolverProgress value)
    {
        lock (_gate)
        {
            if (value.Elapsed < TimeSpan.FromSeconds(1) || _sinceLast.Elapsed < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _sinceLast.Restart();
            string bound = value.Bound is double b ? Formats.Value(b) : "none";
            error.WriteLine($"[{value.Elapsed.TotalSeconds,7:F1} s] best {Formats.Value(value.Objective)}  bound {bound}");
        }
    }
}
