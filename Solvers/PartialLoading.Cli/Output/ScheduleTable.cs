using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;

namespace PartialLoading.Cli.Output;

/// <summary>A schedule's timeline as an aligned table for people.</summary>
internal static class ScheduleTable
{
    public static void Write(TextWriter writer, Instance instance, ScheduleEvaluation evaluation, int maxRows)
    {
        var table = new TextTable("pos", "user", "model", "bandwidth_mhz", "load_start_s", "load_s", "upload_end_s", "start_s", "end_s", "deadline_s", "slack_s");
        int shown = maxRows > 0 ? Math.Min(maxRows, evaluation.Timeline.Length) : evaluation.Timeline.Length;
        for (int i = 0; i < shown; i++)
        {
            TimelineEntry e = evaluation.Timeline[i];
            table.Add(
                e.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                instance.Users[e.User].Id,
                instance.Models[e.Model].Id,
                Formats.Megahertz(e.BandwidthHz),
                Formats.Seconds(e.LoadStartSeconds),
                Formats.Seconds(e.LoadSeconds),
                Formats.Seconds(e.UploadEndSeconds),
                Formats.Seconds(e.InferenceStartSeconds),
                Formats.Seconds(e.EndSeconds),
                Formats.Seconds(e.DeadlineSeconds),
                Formats.Seconds(e.DeadlineSeconds - e.EndSeconds));
        }

        table.Write(writer, "  ");
        if (shown < evaluation.Timeline.Length)
        {
            writer.WriteLine($"  … {evaluation.Timeline.Length - shown} more rows (--max-rows 0 shows all; --out writes schedule.csv)");
        }
    }
}
