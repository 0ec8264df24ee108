using System.CommandLine;
using System.Globalization;
using PartialLoading.Comparison;
using PartialLoading.Cli.Comparison;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Generation;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Simulation;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>plsolve simulate DIR | --scenario NAME --rate R --horizon S [--seed N] [--frame S] [--policies a,b,c] …</c>:
/// an edge server over time, planning frame after frame with each policy on the same arrivals (docs/model.md §11).
/// </summary>
internal static class SimulateCommand
{
    private const string Description =
        "An edge server over time (docs/model.md §11): requests arrive, and at each decision epoch the pending ones form a frame instance " +
        "(deadlines relative to the epoch, the model in GPU memory as initial_model) that the policy solves; the plan runs as computed and the next " +
        "epoch is max(t + frame, end of the plan). Arrivals come from DIR (arrivals.csv: arrival_s, then the columns of users.csv with deadline_s " +
        "the latency budget, beside server.csv, blocks.csv and models.csv) or are drawn: Poisson at --rate requests/s over --horizon s with a " +
        "scenario's models, popularity and channel, each request's budget its earliest finish alone plus a uniform share of --slack.\n" +
        "Every policy runs on the same arrivals. Every frame's schedule is verified. Outputs (--out): frames.csv (policy × epoch), requests.csv " +
        "(each request's fate), summary.json; the set written whole (all old or all new), and each --keep-frames epoch folder whole. " +
        "A run takes at most 1,000,000 epochs (horizon / frame); a longer one is refused before it starts. Ctrl-C stops after the epoch under way, keeps the finished epochs (written " +
        "with --out) and exits with 130. Same arrivals, seed and --iterations (no charged time) give the same requests.csv, byte for byte.";

    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string?>("DIR") { Description = "Arrivals folder: arrivals.csv beside server.csv, blocks.csv and models.csv.", Arity = ArgumentArity.ZeroOrOne };
        var scenario = new Option<string?>("--scenario") { Description = $"Draw the arrivals from a scenario: {string.Join(", ", ScenarioRegistry.Names)}." };
        var rate = new Option<string?>("--rate") { Description = "Arrival rate of drawn requests, requests/s (with --scenario)." };
        var horizon = new Option<string?>("--horizon") { Description = "Arrival window H, s (required with --scenario; with DIR, default: the last deadline, so every request is decided)." };
        var slack = new Option<string?>("--slack") { Description = "Drawn requests: latency budget = earliest finish alone + U·slack, U uniform in [0, 1] (default 1 s)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the drawn arrivals and of randomised policies.", DefaultValueFactory = _ => 0 };
        var frame = new Option<string?>("--frame") { Description = "Frame length F, s: the least time between two epochs (default 1)." };
        var policy = new Option<string?>("--policy") { Description = $"The policy (a solver): {string.Join(", ", SolverCatalog.Names)} (default greedy)." };
        var policies = new Option<string?>("--policies") { Description = "Several policies, comma-separated, each on the same arrivals." };
        var frameTimeLimit = new Option<string?>("--frame-time-limit") { Description = "Time limit of each frame's solve, s (default: the frame length)." };
        var iterations = new Option<int?>("--iterations") { Description = "Iteration budget of local per frame: reproducible whatever the machine's speed." };
        Option<int> threads = RunOptions.Threads("Worker threads for policies that use them.", 1);
        var charge = new Option<bool>("--charge-solver-time") { Description = "The policy's solve time delays the next epoch (results then depend on the machine)." };
        Option<string?> output = CommonOptions.Path("--out", "Folder to write frames.csv, requests.csv and summary.json into (the set written whole or not at all; checked before simulating).", "-o");
        Option<string?> plot = CommonOptions.Path("--plot", "Figure, .svg or .png: served and missed per second over time by policy, and the response-time distribution.");
        plot.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is string path && path.Length > 0 && !Figure.IsPicture(path))
            {
                r.AddError($"--plot writes an SVG or PNG image: the file name must end in .svg or .png, got '{path}'");
            }
        });
        Option<string?> keepFrames = CommonOptions.Path("--keep-frames", "Folder to keep every planned frame in (POLICY/epoch-N/: the instance and its schedule.csv, for 'plsolve verify'; each epoch folder written whole).");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n of the policies (1-based, e.g. 2/3: the policies at places p with p mod n = i-1); needs --out; join with 'plsolve simulate merge'." };

        var command = new Command("simulate", Description)
        {
            directory, scenario, rate, horizon, slack, seed, frame, policy, policies, frameTimeLimit, iterations, threads, charge, output, plot, keepFrames, quiet, shard,
        };
        command.Subcommands.Add(MergeCommand(console));
        command.SetAction(parsed =>
        {
            string[] names = PolicyList(parsed.GetValue(policy), parsed.GetValue(policies));
            Shard part = Shard.All;
            if (parsed.GetValue(shard) is string shardText)
            {
                part = Shard.TryParse(shardText, out Shard parsedShard, out string? error) ? parsedShard : throw new UsageException($"--shard {error}");
                if (parsed.GetValue(output) is null)
                {
                    throw new UsageException("--shard needs --out (the folder 'plsolve simulate merge' reads)");
                }

                if (part.SizeOf(names.Length) == 0)
                {
                    throw new UsageException($"--shard {part} takes no policy of {names.Length}: use at most {names.Length} shards");
                }
            }

            int? budget = parsed.GetValue(iterations);
            if (budget is < 0)
            {
                throw new UsageException("--iterations must be at least 0");
            }

            int threadCount = parsed.GetValue(threads);
            double frameSeconds = Seconds("--frame", parsed.GetValue(frame)) ?? 1.0;
            if (Seconds("--horizon", parsed.GetValue(horizon)) is double window)
            {
                CheckEpochs(window, "--horizon", frameSeconds); // before any arrival is read or drawn
            }

            double? limit = Seconds("--frame-time-limit", parsed.GetValue(frameTimeLimit));
            var settings = new SimulationSettings(frameSeconds)
            {
                FrameOptions = new SolverOptions
                {
                    TimeLimit = limit is double l ? TimeSpan.FromSeconds(l) : null,
                    Seed = parsed.GetValue(seed),
                    Threads = threadCount,
                },
                ChargeSolverTime = parsed.GetValue(charge),
            };
            var solverSettings = new SolverSettings { LocalSearch = new LocalSearchSettings { Iterations = budget } };
            ArrivalTrace trace = Trace(parsed.GetValue(directory), parsed.GetValue(scenario), parsed.GetValue(rate), parsed.GetValue(horizon), parsed.GetValue(slack), parsed.GetValue(seed));
            CheckEpochs(trace.HorizonSeconds, parsed.GetValue(horizon) is null ? $"the last deadline in {ArrivalsFile.FileName}" : "--horizon", frameSeconds);
            var run = new SimulationRun(names, part, budget, settings, solverSettings, parsed.GetValue(output), parsed.GetValue(plot), parsed.GetValue(keepFrames), !parsed.GetValue(quiet));
            return Execute(console, trace, run);
        });
        return command;
    }

    private static ArrivalTrace Trace(string? directory, string? scenario, string? rate, string? horizon, string? slack, int seed)
    {
        double? horizonSeconds = Seconds("--horizon", horizon);
        if (directory is not null)
        {
            if (scenario is not null || rate is not null || slack is not null)
            {
                throw new UsageException("give either DIR or --scenario with --rate, not both");
            }

            return ArrivalsFile.Read(directory, horizonSeconds);
        }

        if (scenario is null)
        {
            throw new UsageException("give an arrivals folder DIR, or --scenario NAME --rate R --horizon S");
        }

        double ratePerSecond = Positive("--rate", rate) ?? throw new UsageException("--scenario needs --rate (requests per second)");
        double window = horizonSeconds ?? throw new UsageException("--scenario needs --horizon (seconds)");
        double slackSeconds = NonNegative("--slack", slack) ?? 1.0;
        try
        {
            return PoissonArrivals.Generate(scenario, ratePerSecond, window, seed, slackSeconds);
        }
        catch (GenerationRequestException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// Refuses, before anything runs, a horizon that takes more than <see cref="Simulator.MaxEpochs"/> epochs: such a
    /// run would not finish in a day and would fill memory with records of empty frames (docs/model.md §11).
    /// </summary>
    private static void CheckEpochs(double horizonSeconds, string horizonSource, double frameSeconds)
    {
        double most = Simulator.MostEpochs(horizonSeconds, frameSeconds);
        if (!(most <= Simulator.MaxEpochs))
        {
            throw new UsageException(
                $"a horizon of {Short(horizonSeconds)} s ({horizonSource}) in frames of {Short(frameSeconds)} s takes up to {Short(most)} decision epochs, " +
                $"more than the {Simulator.MaxEpochs.ToString("N0", CultureInfo.InvariantCulture)} a run may take: give a shorter --horizon or a longer --frame");
        }
    }

    private static string Short(double value) => value.ToString("G6", CultureInfo.InvariantCulture).ToLowerInvariant();

    private static int Execute(CliConsole console, ArrivalTrace trace, SimulationRun run)
    {
        // Output paths are checked before simulating, so a typo does not cost the run (docs/model.md §9).
        if (run.OutDirectory is not null)
        {
            OutputTarget.CheckFolder(run.OutDirectory);
        }

        if (run.PlotPath is not null)
        {
            OutputTarget.CheckFile(run.PlotPath);
        }

        if (run.KeepFramesDirectory is not null)
        {
            OutputTarget.CheckFolder(run.KeepFramesDirectory);
        }

        var results = new List<SimulationResult>();
        KeptFrames? keeper = run.KeepFramesDirectory is string keepDirectory ? new KeptFrames(keepDirectory) : null;
        bool interrupted = false;
        foreach (string name in run.Policies.Where((_, place) => run.Shard.Contains(place)))
        {
            var progress = new SimulationProgressLines(console.Error, run.ShowProgress);
            SimulationResult result;
            try
            {
                result = Simulator.Run(trace, new CatalogPolicy(name, run.SolverSettings), run.Settings, progress, keeper is null ? null : frame => keeper.Keep(name, frame), console.CancellationToken);
            }
            catch (SolverNotApplicableException refusal)
            {
                console.Error.WriteLine(RefusalLine.Of(refusal, "--policy"));
                return ExitCodes.BadInput;
            }

            results.Add(result);
            progress.Done(result);
            if (result.Interrupted)
            {
                interrupted = true;
                break;
            }
        }

        // A disk that fills up now costs the files, not the result: the table is still printed, then one line per
        // output that was not saved, exit 2; what was there before is left whole (docs/model.md §9, §11).
        var unsaved = new List<string>();
        bool outSaved = false;
        bool plotSaved = false;
        if (keeper?.Failure is string keepFailure)
        {
            unsaved.Add(keepFailure);
        }

        if (run.OutDirectory is string outDirectory)
        {
            List<(string Name, byte[] Bytes)> files = [.. SimulationFiles.Contents(results)];
            if (run.Shard != Shard.All)
            {
                // shard.json last: 'simulate merge' takes a folder with it for a finished shard.
                files.Add((SimulationShardFile.FileName, SimulationShardFile.Contents(files[^1].Bytes, run.Shard, run.Policies, run.Iterations, interrupted)));
            }

            outSaved = TryWrite(outDirectory, () => AtomicFolder.Write(outDirectory, files, OutputSteps.FromEnvironment(console.Error)), unsaved);
        }

        if (run.PlotPath is string plotPath)
        {
            plotSaved = TryWrite(plotPath, () => SimulationPlot.Write(plotPath, results), unsaved);
        }

        WriteHuman(console.Out, trace, run, results, outSaved, plotSaved);
        foreach (string line in unsaved)
        {
            console.Error.WriteLine(line);
        }

        if (unsaved.Count > 0)
        {
            return ExitCodes.BadInput;
        }

        if (interrupted)
        {
            console.Error.WriteLine($"plsolve: interrupted at t = {Formats.Number(results[^1].EndSeconds)} s of {Formats.Number(trace.HorizonSeconds)} s; the finished epochs are kept{(run.OutDirectory is null ? string.Empty : $" in {run.OutDirectory}")}");
            return ExitCodes.Interrupted;
        }

        return ExitCodes.Success;
    }

    /// <summary>Runs <paramref name="write"/>; when the disk refuses it (nothing half written), adds the one line that says so and returns false.</summary>
    private static bool TryWrite(string path, Action write, List<string> unsaved)
    {
        try
        {
            write();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unsaved.Add($"plsolve: {path}: cannot be written ({e.Message.ReplaceLineEndings(" ")}); the result above is not saved there");
            return false;
        }
    }

    private static void WriteHuman(TextWriter o, ArrivalTrace trace, SimulationRun run, IReadOnlyList<SimulationResult> results, bool outSaved, bool plotSaved)
    {
        SimulationSettings s = run.Settings;
        string charged = s.ChargeSolverTime ? ", solve time charged" : string.Empty;
        o.WriteLine($"simulate   {trace.Catalogue.Name}: {trace.Count} requests over {Formats.Number(trace.HorizonSeconds)} s, frame {Formats.Number(s.FrameSeconds)} s, frame time limit {Formats.Number(s.EffectiveFrameOptions.TimeLimit!.Value.TotalSeconds)} s{charged}");
        o.WriteLine();
        var table = new TextTable("policy", "arrivals", "served", "missed", "pending", "throughput", "served/s", "resp_mean_s", "resp_p50_s", "resp_p95_s", "resp_p99_s", "loading_saved_s", "solver_s");
        foreach (SimulationResult result in results)
        {
            SimulationSummary m = result.Summary;
            table.Add(
                m.Policy,
                Int(m.Arrivals),
                Int(m.Served),
                Int(m.Missed),
                Int(m.Pending),
                Formats.Percent(m.Throughput),
                Formats.Fixed(m.ServedPerSecond, 3),
                Optional(m.ResponseMeanSeconds),
                Optional(m.ResponseP50Seconds),
                Optional(m.ResponseP95Seconds),
                Optional(m.ResponseP99Seconds),
                Formats.Fixed(m.LoadingSavedSeconds, 3),
                Formats.Fixed(m.SolverSeconds, 3));
        }

        table.Write(o);
        if (run.OutDirectory is not null && outSaved)
        {
            o.WriteLine();
            o.WriteLine($"written    {string.Join(", ", new[] { SimulationFiles.Frames, SimulationFiles.Requests, SimulationFiles.Summary }.Select(f => Path.Combine(run.OutDirectory, f)))}");
        }

        if (run.PlotPath is not null && plotSaved)
        {
            o.WriteLine($"plot       {run.PlotPath}");
        }
    }

    private static Command MergeCommand(CliConsole console)
    {
        var directories = new Argument<string[]>("DIR") { Description = "Output folders of 'plsolve simulate --shard i/n --out DIR'.", Arity = ArgumentArity.OneOrMore };
        Option<string?> output = CommonOptions.Path("--out", "Folder for the merged frames.csv, requests.csv and summary.json (the set written whole or not at all).", "-o");
        output.Required = true;
        var merge = new Command(
            "merge",
            "plsolve simulate merge DIR... --out DIR: join the outputs of 'simulate --shard i/n' into the files one unsharded run writes (rows in the sweep's policy order). " +
            "Refuses (exit 2, one line per problem) shards of different sweeps (arrivals, settings or policies), a shard given twice, a missing shard, and a shard cut short by Ctrl-C.\n" +
            "Slurm job array:  #SBATCH --array=1-4\n" +
            "  plsolve simulate --scenario resnet50-finetune --rate 20 --horizon 3600 --policies greedy,local,edd,full-loading --iterations 100 --shard ${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT} --out part-${SLURM_ARRAY_TASK_ID}\n" +
            "then:  plsolve simulate merge part-* --out all")
        {
            directories, output,
        };
        merge.SetAction(parsed =>
        {
            string outDirectory = parsed.GetValue(output)!;
            IReadOnlyList<string> problems;
            int merged;
            try
            {
                problems = SimulationMerge.Run(parsed.GetRequiredValue(directories), outDirectory, out merged);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems = [$"plsolve: simulate merge: {outDirectory}: cannot be written ({e.Message.ReplaceLineEndings(" ")}); nothing was merged"];
                merged = 0;
            }

            foreach (string problem in problems)
            {
                console.Error.WriteLine(problem);
            }

            if (problems.Count > 0)
            {
                return ExitCodes.BadInput;
            }

            console.Out.WriteLine($"simulate merge: {parsed.GetRequiredValue(directories).Length} shard(s), {merged} policies → {outDirectory}");
            return ExitCodes.Success;
        });
        return merge;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Optional(double? seconds) => seconds is double v ? Formats.Fixed(v, 4) : "-";

    private static string[] PolicyList(string? one, string? many)
    {
        if (one is not null && many is not null)
        {
            throw new UsageException("give --policy or --policies, not both");
        }

        string[] names = (many ?? one ?? "greedy").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new UsageException($"--policies is empty: give a comma-separated list of {string.Join(", ", SolverCatalog.Names)}");
        }

        if (names.FirstOrDefault(n => !SolverCatalog.Names.Contains(n)) is string unknown)
        {
            throw new UsageException($"unknown policy '{unknown}' (known: {string.Join(", ", SolverCatalog.Names)})");
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new UsageException($"--policies names '{twice.Key}' twice");
        }

        return names;
    }

    private static double? Seconds(string option, string? text) => Positive(option, text);

    private static double? Positive(string option, string? text)
        => Parse(option, text, v => v > 0.0, "a positive number");

    private static double? NonNegative(string option, string? text)
        => Parse(option, text, v => v >= 0.0, "a number at least 0");

    private static double? Parse(string option, string? text, Func<double, bool> ok, string what)
    {
        if (text is null)
        {
            return null;
        }

        return CsvCells.TryParseNumber(text, out double value, out _) && ok(value)
            ? value
            : throw new UsageException($"{option} must be {what}, got '{text}'");
    }

    /// <summary>What one invocation runs and writes.</summary>
    private sealed record SimulationRun(
        string[] Policies,
        Shard Shard,
        int? Iterations,
        SimulationSettings Settings,
        SolverSettings SolverSettings,
        string? OutDirectory,
        string? PlotPath,
        string? KeepFramesDirectory,
        bool ShowProgress);
}
