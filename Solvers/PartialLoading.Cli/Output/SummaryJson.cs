using System.Text;
using System.Text.Json;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Output;

/// <summary>The <c>summary.json</c> object of docs/model.md §8, which <c>--json</c> also prints alone on stdout.</summary>
internal static class SummaryJson
{
    /// <param name="report">The verified solve.</param>
    /// <param name="readTime">Time to read the instance.</param>
    /// <param name="options">The options the solver ran with.</param>
    /// <param name="scheduleCsv">The bytes of the schedule.csv written beside it, or null: its SHA-256 ties the pair.</param>
    public static string Create(SolveReport report, TimeSpan readTime, SolverOptions options, byte[]? scheduleCsv = null)
    {
        Instance instance = report.Instance;
        ScheduleEvaluation evaluation = report.Evaluation;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("instance", instance.Name);
            json.WriteString("solver", report.Solver);
            json.WriteString("status", report.Status.ToWord());
            json.WriteString("termination", report.Termination.ToWord());
            WriteNullable(json, "value", report.Value);
            json.WriteNumber("served", evaluation.Served);
            json.WriteNumber("users", instance.Users.Length);
            WriteNullable(json, "bound", report.Bound);
            WriteNullable(json, "gap", report.Gap);
            if (report.BoundSource is string boundBy)
            {
                json.WriteString("bound_by", boundBy);
            }
            else
            {
                json.WriteNull("bound_by");
            }

            WriteNullable(json, "bound_s", report.BoundTime.TotalSeconds);
            WriteNullable(json, "makespan_s", evaluation.MakespanSeconds);
            WriteNullable(json, "bandwidth_used_hz", evaluation.BandwidthUsedHz);
            WriteNullable(json, "bandwidth_hz", instance.Server.BandwidthHz);
            WriteNullable(json, "runtime_s", report.Runtime.TotalSeconds);
            WriteNullable(json, "warm_start_s", report.WarmStart?.Runtime.TotalSeconds);
            WriteNullable(json, "read_s", readTime.TotalSeconds);
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("threads", options.Threads);
            WriteNullable(json, "time_limit_s", options.TimeLimit?.TotalSeconds);
            if (report.Result.Note is string note)
            {
                json.WriteString("note", note);
            }
            else
            {
                json.WriteNull("note");
            }

            if (scheduleCsv is not null)
            {
                json.WriteString("schedule_sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scheduleCsv)));
            }

            json.WriteStartArray("schedule");
            foreach (TimelineEntry entry in evaluation.Timeline)
            {
                json.WriteStartObject();
                json.WriteNumber("position", entry.Position);
                json.WriteString("user_id", instance.Users[entry.User].Id);
                json.WriteString("model_id", instance.Models[entry.Model].Id);
                WriteNullable(json, "bandwidth_hz", entry.BandwidthHz);
                WriteNullable(json, "load_start_s", entry.LoadStartSeconds);
                WriteNullable(json, "load_s", entry.LoadSeconds);
                WriteNullable(json, "upload_end_s", entry.UploadEndSeconds);
                WriteNullable(json, "inference_start_s", entry.InferenceStartSeconds);
                WriteNullable(json, "end_s", entry.EndSeconds);
                WriteNullable(json, "deadline_s", entry.DeadlineSeconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A number, or null when absent or not finite (JSON has no Infinity or NaN; docs/model.md §8).</summary>
    public static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
