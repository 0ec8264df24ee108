using System.Text;
using System.Text.Json;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Output;

/// <summary>The <c>summary.json</c> object of docs/model.md §8, which <c>--json</c> also prints alone on stdout.</summary>
internal static class SummaryJson
{
    public static string Create(SolveReport report, TimeSpan readTime, SolverOptions options)
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
            json.WriteNumber("value", report.Value);
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

            json.WriteNumber("bound_s", report.BoundTime.TotalSeconds);
            json.WriteNumber("makespan_s", evaluation.MakespanSeconds);
            json.WriteNumber("bandwidth_used_hz", evaluation.BandwidthUsedHz);
            json.WriteNumber("bandwidth_hz", instance.Server.BandwidthHz);
            json.WriteNumber("runtime_s", report.Runtime.TotalSeconds);
            WriteNullable(json, "warm_start_s", report.WarmStart?.Runtime.TotalSeconds);
            json.WriteNumber("read_s", readTime.TotalSeconds);
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

            json.WriteStartArray("schedule");
            foreach (TimelineEntry entry in evaluation.Timeline)
            {
                json.WriteStartObject();
                json.WriteNumber("position", entry.Position);
                json.WriteString("user_id", instance.Users[entry.User].Id);
                json.WriteString("model_id", instance.Models[entry.Model].Id);
                json.WriteNumber("bandwidth_hz", entry.BandwidthHz);
                json.WriteNumber("load_start_s", entry.LoadStartSeconds);
                json.WriteNumber("load_s", entry.LoadSeconds);
                json.WriteNumber("upload_end_s", entry.UploadEndSeconds);
                json.WriteNumber("inference_start_s", entry.InferenceStartSeconds);
                json.WriteNumber("end_s", entry.EndSeconds);
                json.WriteNumber("deadline_s", entry.DeadlineSeconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

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
