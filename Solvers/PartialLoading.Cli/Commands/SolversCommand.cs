using System.CommandLine;
using System.Text;
using System.Text.Json;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Commands;

/// <summary><c>plsolve solvers [--json]</c>: the catalog with each solver's traits, as the solvers state them.</summary>
internal static class SolversCommand
{
    public static Command Create(CliConsole console)
    {
        Option<bool> json = CommonOptions.Json("one object per solver");
        var command = new Command(
            "solvers",
            "List the solvers: kind (heuristic, exact, exact where it applies), where each applies, default time limit, threads it can use, " +
            "when the same seed gives the same result, whether it starts from a warm start (the local search's schedule), and what it does.")
        {
            json,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(json))
            {
                console.Out.WriteLine(Json());
                return ExitCodes.Success;
            }

            var table = new TextTable("solver", "kind", "applies_to", "time_limit", "threads", "reproducible", "warm_start", "does");
            foreach (SolverInfo s in SolverCatalog.All)
            {
                SolverTraits t = s.Traits;
                table.Add(
                    s.Name + (s.Name == SolverCatalog.DefaultSolver ? " (default)" : string.Empty),
                    Kind(t.Kind),
                    t.Restriction ?? "all",
                    t.DefaultTimeLimit is TimeSpan limit ? Formats.Number(limit.TotalSeconds) + " s" : "none",
                    Threads(t.MaxThreads),
                    Reproducible(t.Reproducibility),
                    t.TakesWarmStart ? string.Join(", ", SolverCatalog.WarmStartHeuristicsFor(s.Name)) : "no",
                    s.Summary);
            }

            table.Write(console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Threads(int most) => most == int.MaxValue ? "all given" : most.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Kind(SolverKind kind) => kind switch
    {
        SolverKind.Heuristic => "heuristic",
        SolverKind.Exact => "exact",
        _ => "exact-where-applicable",
    };

    private static string Reproducible(Reproducibility reproducibility) => reproducibility switch
    {
        Reproducibility.Always => "always",
        Reproducibility.WhenCompleted => "when-completed",
        _ => "with-iterations",
    };

    private static string Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (SolverInfo s in SolverCatalog.All)
            {
                SolverTraits t = s.Traits;
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteBoolean("default", s.Name == SolverCatalog.DefaultSolver);
                json.WriteString("kind", Kind(t.Kind));
                json.WriteBoolean("proves_bounds", t.ProvesBounds);
                if (t.Restriction is null)
                {
                    json.WriteNull("restriction");
                }
                else
                {
                    json.WriteString("restriction", t.Restriction);
                }

                SummaryJson.WriteNullable(json, "default_time_limit_s", t.DefaultTimeLimit?.TotalSeconds);
                json.WriteNumber("max_threads", t.MaxThreads);
                json.WriteString("reproducible", Reproducible(t.Reproducibility));
                json.WriteBoolean("takes_warm_start", t.TakesWarmStart);
                json.WriteString("summary", s.Summary);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
