using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Diagnostics;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Core.Solving;
using PartialLoading.Milp;
using PartialLoading.Heuristics.Greedy;

namespace PartialLoading.Cli.Commands;

/// <summary><c>plsolve solve DIR [--solver NAME] [--time-limit S] [--threads N] [--seed N] [--greedy-rule R] [--iterations N] [--out OUTDIR] [--json]</c>.</summary>
internal static class SolveCommand
{
    public static Command Create(CliConsole console)
    {
        Argument<string> directory = CommonOptions.InstanceDirectory();
        var solver = new Option<string>("--solver", "-s")
        {
            Description = $"The solver: {string.Join(", ", SolverCatalog.Names)}.",
            DefaultValueFactory = _ => SolverCatalog.DefaultSolver,
        };
        solver.AcceptOnlyFromAmong([.. SolverCatalog.Names]);
        var timeLimit = new Option<double?>("--time-limit", "-t") { Description = "Time limit in seconds for solvers that run until stopped (default: the solver's own)." };
        timeLimit.Validators.Add(r =>
        {
            if (Token(r) is string t && double.TryParse(t, CultureInfo.InvariantCulture, out double s) && !(s > 0 && double.IsFinite(s)))
            {
                r.AddError("--time-limit must be a positive number of seconds.");
            }
        });
        var threads = new Option<int>("--threads") { Description = "Worker threads for solvers that use them (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--threads must be at least 1.");
            }
        });
        var backend = new Option<string>("--backend")
        {
            Description = "The MIP solver behind --solver milp: scip (default), highs or cbc.",
            DefaultValueFactory = _ => BackendNames.Name(MilpSettings.Default.Backend),
        };
        backend.AcceptOnlyFromAmong([.. BackendNames.All]);
        var formulation = new Option<string?>("--formulation")
        {
            Description = "Model of an exact solver: milp visits (default) or positions; cpsat visits (default) or circuit.",
        };
        var solverLog = new Option<bool>("--solver-log") { Description = "Show the exact solver's own log (SCIP, HiGHS, CBC on stdout; CP-SAT on stderr)." };
        var seed = new Option<int>("--seed") { Description = "Seed for randomised solvers (random, local). The same seed gives the same result for random; local also needs --iterations (a time limit stops it wherever the machine's speed lets it get).", DefaultValueFactory = _ => 0 };
        var greedyRule = new Option<string>("--greedy-rule")
        {
            Description = "How greedy (and the start of local) ranks the next model: least-loading (the source's rule) or most-shared.",
            DefaultValueFactory = _ => GreedyRule.LeastLoading.ToWord(),
        };
        greedyRule.AcceptOnlyFromAmong([.. GreedyRuleWords.All]);
        var iterations = new Option<int?>("--iterations")
        {
            Description = "Iteration budget of local: with it the run is reproducible for a seed, and no default time limit applies (an explicit --time-limit still does).",
        };
        iterations.Validators.Add(r =>
        {
            if (Token(r) is string t && int.TryParse(t, CultureInfo.InvariantCulture, out int n) && n < 0)
            {
                r.AddError("--iterations must be at least 0.");
            }
        });
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write schedule.csv and summary.json into (each written whole or not at all)." };
        var plot = new Option<string?>("--plot") { Description = $"Write the schedule as a Gantt chart PNG to this file (loading, upload and inference per served user, deadlines marked; the first {GanttChart.MaxRows} rows)." };
        var maxRows = new Option<int>("--max-rows") { Description = "Schedule rows to print (0: all).", DefaultValueFactory = _ => 200 };
        Option<bool> json = CommonOptions.Json("the summary (with the schedule)");

        var command = new Command("solve", "Solve an instance and print the summary and the schedule.")
        {
            directory, solver, backend, formulation, solverLog, timeLimit, threads, seed, greedyRule, iterations, output, plot, maxRows, json,
        };
        command.SetAction(parsed =>
        {
            var options = new SolverOptions
            {
                TimeLimit = parsed.GetValue(timeLimit) is double s ? TimeSpan.FromSeconds(s) : null,
                Threads = parsed.GetValue(threads),
                Seed = parsed.GetValue(seed),
                Progress = parsed.GetValue(json) ? null : new StderrProgress(console.Error),
            };
            string name = parsed.GetRequiredValue(solver);
            SolverSettings settings = SolverSettingsWords.Parse(
                name,
                parsed.GetRequiredValue(greedyRule),
                parsed.GetValue(iterations),
                parsed.GetRequiredValue(backend),
                parsed.GetValue(formulation),
                parsed.GetValue(solverLog));
            return Execute(console, parsed.GetRequiredValue(directory), name, settings, options, parsed.GetValue(output), parsed.GetValue(plot), parsed.GetValue(maxRows), parsed.GetValue(json));
        });
        return command;
    }

    /// <summary>
    /// The option's value as typed. Validators read it rather than the converted value, which throws when the
    /// conversion failed (that failure is already reported as a parse error of its own).
    /// </summary>
    private static string? Token(OptionResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;

    private static int Execute(CliConsole console, string directory, string solverName, SolverSettings settings, SolverOptions options, string? outDirectory, string? plotPath, int maxRows, bool json)
    {
        var watch = Stopwatch.StartNew();
        Instance instance = InstanceReader.Read(directory);
        TimeSpan readTime = watch.Elapsed;

        SolveReport report = Plsolve.Solve(instance, solverName, options, settings, console.CancellationToken);
        string summary = SummaryJson.Create(report, readTime, options);

        if (outDirectory is not null)
        {
            Directory.CreateDirectory(outDirectory);
            ScheduleFile.Write(Path.Combine(outDirectory, "schedule.csv"), instance, report.Evaluation);
            AtomicFile.WriteText(Path.Combine(outDirectory, "summary.json"), summary + "\n");
        }

        if (plotPath is not null)
        {
            GanttChart.Write(plotPath, report);
        }

        if (json)
        {
            console.Out.WriteLine(summary);
            return ExitCodes.Success;
        }

        WriteHuman(console.Out, report, readTime, outDirectory, maxRows);
        if (plotPath is not null)
        {
            console.Out.WriteLine($"plot       {plotPath}");
        }

        return ExitCodes.Success;
    }

    private static void WriteHuman(TextWriter o, SolveReport report, TimeSpan readTime, string? outDirectory, int maxRows)
    {
        Instance instance = report.Instance;
        string structure = BottomLayerStructure.Detect(instance, out _) is null ? "general sharing" : "bottom-layer sharing";
        o.WriteLine($"instance   {instance.Name}  ({instance.Users.Length} users, {instance.Models.Length} models, {instance.Blocks.Length} blocks, {structure})");
        o.WriteLine($"solver     {report.Solver}  status {report.Status.ToWord()}  stopped {report.Termination.ToWord()}");
        string weights = instance.HasUnitWeights ? string.Empty : $"  (weighted value {Formats.Value(report.Value)} of {Formats.Value(instance.TotalWeight)})";
        o.WriteLine($"served     {report.Evaluation.Served} of {instance.Users.Length} users{weights}");
        string bound = report.Bound is double b ? Formats.Value(b) : "none";
        string gap = report.Gap is double g ? Formats.Percent(g) : "none";
        o.WriteLine($"value      {Formats.Value(report.Value)}  bound {bound}  gap {gap}");
        o.WriteLine($"makespan   {Formats.Seconds(report.Evaluation.MakespanSeconds)} s  bandwidth {Formats.Megahertz(report.Evaluation.BandwidthUsedHz)} of {Formats.Megahertz(instance.Server.BandwidthHz)} MHz");
        string warm = report.WarmStart is SolveReport w ? $", warm start by {w.Solver}: {Formats.Seconds(w.Runtime.TotalSeconds)} s" : string.Empty;
        o.WriteLine($"runtime    {Formats.Seconds(report.Runtime.TotalSeconds)} s  (solver only; reading the instance: {Formats.Seconds(readTime.TotalSeconds)} s{warm})");
        if (report.Result.Note is string note)
        {
            o.WriteLine($"note       {note}");
        }

        if (outDirectory is not null)
        {
            o.WriteLine($"written    {Path.Combine(outDirectory, "schedule.csv")}, {Path.Combine(outDirectory, "summary.json")}");
        }

        o.WriteLine();
        ScheduleTable.Write(o, instance, report.Evaluation, maxRows);
    }
}
