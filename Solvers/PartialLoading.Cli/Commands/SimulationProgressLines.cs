using System.Diagnostics;
using PartialLoading.Cli.Output;
using PartialLoading.Simulation;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// A simulation's progress on stderr: at most one line a second while it runs (policy, simulated time of the horizon,
/// epochs, served, missed), and one line per policy when it ends.
/// </summary>
internal sealed class SimulationProgressLines(TextWriter error, bool enabled) : IProgress<SimulationProgress>
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;

    public void Report(SimulationProgress value)
    {
        if (!enabled || _watch.Elapsed - _last < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _last = _watch.Elapsed;
        double share = Math.Min(1.0, value.TimeSeconds / value.HorizonSeconds);
        error.WriteLine($"[{_watch.Elapsed.TotalSeconds,6:F1} s] {value.Policy}: t = {Formats.Number(value.TimeSeconds)} of {Formats.Number(value.HorizonSeconds)} s ({Formats.Percent(share)}), epoch {value.Epoch + 1}, served {value.Served}, missed {value.Missed}");
    }

    public void Done(SimulationResult result)
    {
        if (!enabled)
        {
            return;
        }

        SimulationSummary s = result.Summary;
        string state = result.Interrupted ? "interrupted" : "done";
        error.WriteLine($"[{_watch.Elapsed.TotalSeconds,6:F1} s] {s.Policy}: {state}, {s.Epochs} epochs, served {s.Served} of {s.Arrivals}, missed {s.Missed}, pending {s.Pending}");
    }
}
