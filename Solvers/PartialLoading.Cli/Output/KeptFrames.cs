using System.Globalization;
using PartialLoading.Core.Csv;
using PartialLoading.Simulation;

namespace PartialLoading.Cli.Output;

/// <summary>
/// The folder of <c>simulate --keep-frames</c>: each planned frame as <c>POLICY/epoch-N/</c>, its instance and its
/// <c>schedule.csv</c> for <c>plsolve verify</c> (docs/model.md §11). Each epoch folder is written whole or not at all
/// (<see cref="AtomicFolder"/>): a folder with the instance but no schedule would pass for a frame that planned nothing.
/// </summary>
/// <remarks>
/// A disk that fills up costs the frames, not the simulation: the first failure is kept as one line, and no later frame
/// is written (a gap in the middle of the epochs would look like frames that were empty).
/// </remarks>
internal sealed class KeptFrames(string directory)
{
    /// <summary>The one line that says which frame could not be written and why; null while every frame was.</summary>
    public string? Failure { get; private set; }

    /// <summary>Writes <paramref name="frame"/> of <paramref name="policy"/>, unless an earlier frame failed.</summary>
    public void Keep(string policy, PlannedFrame frame)
    {
        if (Failure is not null)
        {
            return;
        }

        string folder = Path.Combine(directory, policy, $"epoch-{frame.Epoch.ToString("D6", CultureInfo.InvariantCulture)}");
        try
        {
            using var schedule = new MemoryStream();
            ScheduleFile.Write(schedule, frame.Report.Instance, frame.Report.Evaluation);
            AtomicFolder.Write(folder, [.. InstanceWriter.Files(frame.Report.Instance), ("schedule.csv", schedule.ToArray())]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failure = $"plsolve: {folder}: cannot be written ({e.Message.ReplaceLineEndings(" ")}); this and later frames are not kept";
        }
    }
}
