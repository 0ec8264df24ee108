using System.CommandLine;
using System.Text;
using System.Text.Json;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Cli.Commands;

/// <summary><c>plsolve verify DIR SCHEDULE.csv [--no-sharing] [--json]</c>: recompute a schedule from the instance alone (docs/model.md §8).</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        Argument<string> directory = CommonOptions.InstanceDirectory();
        Argument<string> schedule = CommonOptions.NonEmpty(new Argument<string>("SCHEDULE") { Description = "Schedule CSV: position, user_id and optionally bandwidth_hz are read; everything else is recomputed." });
        Option<bool> json = CommonOptions.Json("feasible, value, served and violations");
        var noSharing = new Option<bool>("--no-sharing")
        {
            Description = "Check on a server that does not exploit sharing: every model switch loads the whole model (how full-loading schedules are meant).",
        };
        var command = new Command("verify", "Recompute a schedule and check it: exit 0 when feasible, 1 with each violation otherwise.")
        {
            directory, schedule, noSharing, json,
        };
        command.SetAction(parsed => Execute(console, parsed.GetRequiredValue(directory), parsed.GetRequiredValue(schedule), parsed.GetValue(noSharing), parsed.GetValue(json)));
        return command;
    }

    private static int Execute(CliConsole console, string directory, string schedulePath, bool noSharing, bool json)
    {
        Instance instance = InstanceReader.Read(directory);
        LoadingRule rule = noSharing ? LoadingRule.FullModel : LoadingRule.SharedBlocks;
        ScheduleEvaluation evaluation = Plsolve.Verify(instance, schedulePath, rule);
        string loading = noSharing ? " (no sharing: whole models loaded)" : string.Empty;
        if (json)
        {
            console.Out.WriteLine(Json(instance, evaluation, noSharing));
        }
        else if (evaluation.IsFeasible)
        {
            string bandwidth = evaluation.BandwidthDerived ? " (least bandwidths, derived)" : string.Empty;
            console.Out.WriteLine($"feasible{loading}: value {Formats.Value(evaluation.Value)}, {evaluation.Served} of {instance.Users.Length} users served, " +
                                  $"makespan {Formats.Seconds(evaluation.MakespanSeconds)} s, bandwidth {Formats.Megahertz(evaluation.BandwidthUsedHz)} of {Formats.Megahertz(instance.Server.BandwidthHz)} MHz{bandwidth}");
        }
        else
        {
            console.Out.WriteLine($"infeasible{loading}: {evaluation.Violations.Length} violation{(evaluation.Violations.Length == 1 ? string.Empty : "s")}");
            foreach (Violation violation in evaluation.Violations)
            {
                console.Out.WriteLine($"  {violation.Message}");
            }
        }

        return evaluation.IsFeasible ? ExitCodes.Success : ExitCodes.VerificationFailed;
    }

    private static string Json(Instance instance, ScheduleEvaluation evaluation, bool noSharing)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("instance", instance.Name);
            json.WriteBoolean("feasible", evaluation.IsFeasible);
            json.WriteBoolean("no_sharing", noSharing);
            SummaryJson.WriteNullable(json, "value", evaluation.Value);
            json.WriteNumber("served", evaluation.Served);
            json.WriteNumber("users", instance.Users.Length);
            SummaryJson.WriteNullable(json, "makespan_s", evaluation.MakespanSeconds);
            SummaryJson.WriteNullable(json, "bandwidth_used_hz", evaluation.BandwidthUsedHz);
            json.WriteBoolean("bandwidth_derived", evaluation.BandwidthDerived);
            json.WriteStartArray("violations");
            foreach (Violation violation in evaluation.Violations)
            {
                json.WriteStringValue(violation.Message);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
