using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Diagnostics;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Milp;
using PartialLoading.Heuristics.Greedy;

namespace PartialLoading.Cli.Commands;

/// <summary><c>plsolve solve DIR [--solver NAME] [--time-limit S] [--threads N] [--seed N] [--greedy-rule R] [--iterations N] [--memory-limit MB] [--warm-start auto|none] [--out OUTDIR] [--json]</c>.</summary>
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
        Option<TimeSpan?> timeLimit = RunOptions.TimeLimit("Time limit in seconds for solvers that run until stopped (default: the solver's own).");
        Option<int> threads = RunOptions.Threads("Worker threads for solvers that use them (default: the processor count).", Environment.ProcessorCount);
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
            Description = "Iteration budget of local and lns: with it the run is reproducible for a seed, and no default time limit applies (an explicit --time-limit still does).",
        };
        iterations.Validators.Add(r =>
        {
            if (Token(r) is string t && int.TryParse(t, CultureInfo.InvariantCulture, out int n) && n < 0)
            {
                r.AddError("--iterations must be at least 0.");
            }
        });
        var memoryLimit = new Option<int>("--memory-limit")
        {
            Description = "Memory --solver labeling may use, in MB (at least 16): an instance whose tables need more than half is refused; the rest holds its labels.",
            DefaultValueFactory = _ => LabelingSettings.DefaultMemoryLimitMegabytes,
        };
        memoryLimit.Validators.Add(r =>
        {
            if (Token(r) is string t && int.TryParse(t, CultureInfo.InvariantCulture, out int mb) && mb < 16)
            {
                r.AddError("--memory-limit must be at least 16 (MB).");
            }
        });
        Option<string?> output = CommonOptions.Path("--out", "Folder to write schedule.csv and summary.json into (the pair written whole or not at all; checked before solving).", "-o");
        Option<string?> plot = CommonOptions.Path("--plot", "Write the schedule as a Gantt chart to this file, .svg or .png (loading, upload and inference per served user, deadlines marked; the first --max-rows rows).");
        plot.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is string path && path.Length > 0 && !Figure.IsPicture(path))
            {
                r.AddError($"--plot writes an SVG or PNG image: the file name must end in .svg or .png, got '{path}'");
            }
        });
        var maxRows = new Option<int>("--max-rows") { Description = "Schedule rows to print and to draw with --plot (0: all).", DefaultValueFactory = _ => 200 };
        maxRows.Validators.Add(r =>
        {
            if (Token(r) is string t && int.TryParse(t, CultureInfo.InvariantCulture, out int rows) && rows < 0)
            {
                r.AddError("--max-rows must be at least 0.");
            }
        });
        Option<bool> json = CommonOptions.Json("the summary (with the schedule)");
        Option<string> bound = BoundOption.Create();
        var warmStart = new Option<string>("--warm-start")
        {
            Description = $"How a solver that takes a warm start ({string.Join(", ", SolverCatalog.All.Where(s => s.Traits.TakesWarmStart).Select(s => s.Name))}) begins: auto (default: {string.Join(", ", SolverCatalog.WarmStartHeuristics)} in turn, each going on from the best schedule so far and taking at most a tenth of --time-limit and 2 s, counted in it) or none (cold).",
            DefaultValueFactory = _ => "auto",
        };
        warmStart.AcceptOnlyFromAmong("auto", "none");

        var command = new Command("solve", "Solve an instance and print the summary and the schedule.")
        {
            directory, solver, backend, formulation, solverLog, timeLimit, threads, seed, greedyRule, iterations, memoryLimit, bound, warmStart, output, plot, maxRows, json,
        };
        command.SetAction(parsed =>
        {
            var options = new SolverOptions
            {
                TimeLimit = parsed.GetValue(timeLimit),
                Threads = parsed.GetValue(threads),
                Seed = parsed.GetValue(seed),
                Progress = parsed.GetValue(json) ? null : new StderrProgress(console.Error),
                WarmStartPolicy = parsed.GetRequiredValue(warmStart) == "none" ? WarmStartPolicy.None : null,
            };
            string name = parsed.GetRequiredValue(solver);
            SolverSettings settings = SolverSettingsWords.Parse(
                name,
                parsed.GetRequiredValue(greedyRule),
                parsed.GetValue(iterations),
                parsed.GetRequiredValue(backend),
                parsed.GetValue(formulation),
                parsed.GetValue(solverLog),
                parsed.GetValue(memoryLimit)) with { Bound = BoundOption.Parse(parsed.GetRequiredValue(bound)) };
            return Execute(console, parsed.GetRequiredValue(directory), name, settings, options, parsed.GetValue(output), parsed.GetValue(plot), parsed.GetValue(maxRows), parsed.GetValue(json));
        });
        return command;
    }

    private static string? Token(OptionResult result) => CommonOptions.Token(result);

    /// <summary>
    /// The options as the solver used them, for summary.json: no more threads than it puts to use, and its default
    /// time limit when none was given (none for local and lns with an iteration budget, which then run it out).
    /// </summary>
    private static SolverOptions InEffect(string solverName, SolverSettings settings, SolverOptions options)
    {
        SolverTraits traits = SolverCatalog.Get(solverName).Traits;
        bool budgeted = solverName switch
        {
            "local" => settings.LocalSearch.Iterations is not null,
            "lns" => settings.Lns.Iterations is not null,
            _ => false,
        };
        return options with
        {
            Threads = Math.Min(options.Threads, traits.MaxThreads),
            TimeLimit = options.TimeLimit ?? (budgeted ? null : traits.DefaultTimeLimit),
        };
    }

    private static int Execute(CliConsole console, string directory, string solverName, SolverSettings settings, SolverOptions options, string? outDirectory, string? plotPath, int maxRows, bool json)
    {
        var watch = Stopwatch.StartNew();
        Instance instance = InstanceReader.Read(directory);
        TimeSpan readTime = watch.Elapsed;
        if (outDirectory is not null)
        {
            OutputTarget.CheckFolder(outDirectory);
        }

        if (plotPath is not null)
        {
            OutputTarget.CheckFile(plotPath);
        }

        SolveReport report = Plsolve.Solve(instance, solverName, options, settings, console.CancellationToken);
        byte[]? schedule = null;
        if (outDirectory is not null)
        {
            using var buffer = new MemoryStream();
            ScheduleFile.Write(buffer, instance, report.Evaluation);
            schedule = buffer.ToArray();
        }

        string summary = SummaryJson.Create(report, readTime, InEffect(solverName, settings, options), schedule);

        // A full or read-only disk found only now (it passed the check before solving) costs the files, not the
        // result: that is still printed, then one line says what was not saved (docs/model.md §9).
        string? unsaved = null;
        if (outDirectory is not null)
        {
            // summary.json last: it names the schedule.csv it belongs to by its hash (docs/model.md §8).
            unsaved = TryWrite(outDirectory, () => AtomicFolder.Write(
                outDirectory,
                [("schedule.csv", schedule!), ("summary.json", System.Text.Encoding.UTF8.GetBytes(summary + "\n"))],
                OutputSteps.FromEnvironment(console.Error)));
        }

        if (plotPath is not null && unsaved is null)
        {
            unsaved = TryWrite(plotPath, () => GanttChart.Write(plotPath, report, maxRows));
        }

        // Ctrl-C: the best schedule found so far is verified, shown and written like any other, and the exit code says
        // the run was cut short (docs/model.md §9).
        int exitCode = unsaved is not null ? ExitCodes.BadInput
            : console.CancellationToken.IsCancellationRequested ? ExitCodes.Interrupted
            : ExitCodes.Success;
        if (json)
        {
            console.Out.WriteLine(summary);
        }
        else
        {
            WriteHuman(console.Out, report, readTime, unsaved is null ? outDirectory : null, maxRows);
            if (plotPath is not null && unsaved is null)
            {
                console.Out.WriteLine($"plot       {plotPath}");
            }
        }

        if (unsaved is not null)
        {
            console.Error.WriteLine(unsaved);
        }
        else if (exitCode == ExitCodes.Interrupted && !json)
        {
            console.Error.WriteLine("plsolve: interrupted: the schedule shown is the best found before Ctrl-C");
        }

        return exitCode;
    }

    /// <summary>Runs <paramref name="write"/>; the one-line message when the disk refused it (nothing half written), else null.</summary>
    private static string? TryWrite(string path, Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"plsolve: {path}: cannot be written ({e.Message.ReplaceLineEndings(" ")}); the result above is not saved";
        }
    }

    private static void WriteHuman(TextWriter o, SolveReport report, TimeSpan readTime, string? outDirectory, int maxRows)
    {
        Instance instance = report.Instance;
        string structure = BottomLayerStructure.Detect(instance, out _) is null ? "general sharing" : "bottom-layer sharing";
        o.WriteLine($"instance   {instance.Name}  ({instance.Users.Length} users, {instance.Models.Length} models, {instance.Blocks.Length} blocks, {structure})");
        o.WriteLine($"solver     {report.Solver}  status {report.Status.ToWord()}  stopped {report.Termination.ToWord()}");
        string weights = instance.HasUnitWeights ? string.Empty : $"  (weighted value {Formats.Value(report.Value)} of {Formats.Value(instance.TotalWeight)})";
        o.WriteLine($"served     {report.Evaluation.Served} of {instance.Users.Length} users{weights}");
        string bound = report.Bound is double b ? $"{Formats.Value(b)} (by {report.BoundSource})" : "none";
        string gap = report.Gap is double g ? Formats.Percent(g) : "none";
        o.WriteLine($"value      {Formats.Value(report.Value)}  bound {bound}  gap {gap}");
        o.WriteLine($"makespan   {Formats.Seconds(report.Evaluation.MakespanSeconds)} s  bandwidth {Formats.Megahertz(report.Evaluation.BandwidthUsedHz)} of {Formats.Megahertz(instance.Server.BandwidthHz)} MHz");
        string warm = report.WarmStart is SolveReport w ? $", warm start by {w.Solver}: {Formats.Seconds(w.Runtime.TotalSeconds)} s" : string.Empty;
        warm += report.BoundTime > TimeSpan.Zero ? $", proving the bound: {Formats.Seconds(report.BoundTime.TotalSeconds)} s" : string.Empty;
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
