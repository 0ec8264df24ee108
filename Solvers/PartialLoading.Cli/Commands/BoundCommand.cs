using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PartialLoading.Bounds;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;

namespace PartialLoading.Cli.Commands;

/// <summary><c>plsolve bound DIR [--effort fast|strong] [--time-limit S] [--json]</c>: a proved upper bound (docs/model.md §10).</summary>
internal static class BoundCommand
{
    public static Command Create(CliConsole console)
    {
        Argument<string> directory = CommonOptions.InstanceDirectory();
        var effort = new Option<string>("--effort")
        {
            Description = "Which relaxations run: fast (about as long as reading the instance) or strong (finer Lagrangian search, Held–Karp, the Lagrangian DP).",
            DefaultValueFactory = _ => "strong",
        };
        effort.AcceptOnlyFromAmong("fast", "strong");
        Option<TimeSpan?> timeLimit = RunOptions.TimeLimit("Time for all relaxations together, s; what is proved by then is reported (default: none).");
        Option<bool> json = CommonOptions.Json("the bound and every relaxation's value and time");
        var command = new Command("bound", "Prove an upper bound on the optimum: each relaxation's value and time, the least of them, and which gave it.")
        {
            directory, effort, timeLimit, json,
        };
        command.SetAction(parsed =>
        {
            var watch = Stopwatch.StartNew();
            Instance instance = InstanceReader.Read(parsed.GetRequiredValue(directory));
            TimeSpan readTime = watch.Elapsed;
            BoundEffort level = parsed.GetValue(effort) == "fast" ? BoundEffort.Fast : BoundEffort.Strong;
            TimeSpan? limit = parsed.GetValue(timeLimit);
            CombinedBound bound = UpperBound.Compute(instance, level, limit, console.CancellationToken);
            console.Out.WriteLine(parsed.GetValue(json) ? Json(instance, bound, level, readTime) : Text(instance, bound, level, console.CancellationToken.IsCancellationRequested));
            if (console.CancellationToken.IsCancellationRequested)
            {
                // As solve and compare: what was proved before Ctrl-C is shown (and holds), and the exit code says it was cut.
                console.Error.WriteLine("plsolve: interrupted: the bound shown is the least of the relaxations that ran before Ctrl-C");
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string EffortWord(BoundEffort effort) => effort == BoundEffort.Fast ? "fast" : "strong";

    private static string Text(Instance instance, CombinedBound bound, BoundEffort effort, bool interrupted)
    {
        var o = new StringWriter();
        o.WriteLine($"instance   {instance.Name} ({instance.Users.Length} users, total weight {Formats.Value(instance.TotalWeight)})");
        o.WriteLine(bound.HasValue
            ? $"bound      {Formats.Value(bound.Value)} (by {bound.Source}, effort {EffortWord(effort)}, {Formats.Seconds(bound.Elapsed.TotalSeconds)} s)"
            : $"bound      none (nothing was proved {(interrupted ? "before Ctrl-C" : "within the time limit")})");
        var table = new TextTable("relaxation", "bound", "time_s", "note");
        foreach (RelaxationBound part in bound.Parts)
        {
            string note = (part.Completed || part.Note?.StartsWith("not run", StringComparison.Ordinal) == true ? string.Empty : "stopped; ") + (part.Note ?? string.Empty);
            table.Add(part.Relaxation, part.HasValue ? Formats.Value(part.Value) : "–", Formats.Seconds(part.Elapsed.TotalSeconds), note.TrimEnd(' ', ';'));
        }

        table.Write(o, "  ");
        return o.ToString().TrimEnd();
    }

    private static string Json(Instance instance, CombinedBound bound, BoundEffort effort, TimeSpan readTime)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("instance", instance.Name);
            json.WriteNumber("users", instance.Users.Length);
            json.WriteNumber("total_weight", instance.TotalWeight);
            SummaryJson.WriteNullable(json, "bound", bound.HasValue ? bound.Value : null);
            if (bound.Source is string source)
            {
                json.WriteString("source", source);
            }
            else
            {
                json.WriteNull("source");
            }

            json.WriteString("effort", EffortWord(effort));
            json.WriteNumber("runtime_s", bound.Elapsed.TotalSeconds);
            json.WriteNumber("read_s", readTime.TotalSeconds);
            json.WriteStartArray("relaxations");
            foreach (RelaxationBound part in bound.Parts)
            {
                json.WriteStartObject();
                json.WriteString("name", part.Relaxation);
                SummaryJson.WriteNullable(json, "bound", part.HasValue ? part.Value : null);
                json.WriteNumber("runtime_s", part.Elapsed.TotalSeconds);
                json.WriteBoolean("completed", part.Completed);
                if (part.Note is string note)
                {
                    json.WriteString("note", note);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
