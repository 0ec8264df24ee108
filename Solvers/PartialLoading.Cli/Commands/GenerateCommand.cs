using System.CommandLine;
using System.Globalization;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Generation;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>plsolve generate OUTDIR --scenario NAME --users N --seed S [...]</c>: writes a generated instance (the four CSV
/// files) and a one-line README.md holding the command that made it, all five in one swap of the folder
/// (<see cref="AtomicFolder"/>): a failed write (a full disk) leaves every old file or, in a new folder, none, never
/// a mix of two instances that would read as one.
/// </summary>
internal static class GenerateCommand
{
    private const string ReadmeFile = "README.md";

    private static readonly string[] InstanceFileNames = [.. InstanceWriter.FileNames, ReadmeFile];

    public static Command Create(CliConsole console)
    {
        Argument<string> directory = CommonOptions.NonEmpty(new Argument<string>("OUTDIR") { Description = "Folder to write the instance into (created if needed)." });
        var scenario = new Option<string?>("--scenario") { Description = $"The scenario: {string.Join(", ", ScenarioRegistry.Names)} (described above)." };
        var users = new Option<int>("--users") { Description = "Number of users (requests)." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw: the same seed gives the same files, byte for byte.", DefaultValueFactory = _ => 1 };
        var models = new Option<int>("--models") { Description = "Number of models (tasks, adapters); default: the scenario's." };
        var clusters = new Option<int>("--clusters") { Description = "Number of clusters (pre-trained backbones), for scenarios that have them." };
        var sharing = new Option<double>("--sharing-ratio") { Description = "Share of a model's parameters that is shared, in [0, 1), for the synthetic scenarios." };
        var bandwidth = new Option<double>("--bandwidth-mhz") { Description = "Total uplink bandwidth B in MHz (default 20)." };
        var loadRate = new Option<double>("--load-rate-mb-per-s") { Description = "Loading rate R in MB/s (default: the scenario's)." };
        var deadline = new Option<double>("--deadline-s") { Description = "One common deadline T in seconds for every user (implies --deadlines common)." };
        var deadlines = new Option<string?>("--deadlines")
        {
            Description = "common: one deadline T = max(H/ρ, earliest finish of the quickest user); per-user (default): T_k = e_k + U(0,1)·H/ρ, " +
                          "where e_k is the earliest user k could finish alone and H the least busy time to serve everybody (each used block loaded once, every inference run).",
        };
        var loadFactor = new Option<double>("--load-factor") { Description = "ρ, offered work over the time frame H/ρ (default 1.5: not everybody can be served)." };
        var zipf = new Option<double>("--zipf") { Description = "Zipf exponent of model popularity, ≥ 0 (default 0.8; 0 is uniform)." };
        var radius = new Option<double>("--cell-radius-m") { Description = "Radius of the cell users are dropped in, m (default 1000)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an instance already in OUTDIR." };

        string scenarios = string.Join("\n", ScenarioRegistry.All.Select(s => $"  {s.Name,-18} {s.Summary}"));
        var command = new Command("generate", $"Generate an instance of a scenario and write it as CSV files with a README.md holding the command, all in one step (a failure, e.g. a full disk, leaves the folder as it was).\nScenarios:\n{scenarios}")
        {
            directory, scenario, users, seed, models, clusters, sharing, bandwidth, loadRate, deadline, deadlines, loadFactor, zipf, radius, force,
        };
        command.SetAction(parsed =>
        {
            string outDirectory = parsed.GetRequiredValue(directory);
            string scenarioName = parsed.GetValue(scenario) ?? throw new UsageException($"--scenario is required (one of: {string.Join(", ", ScenarioRegistry.Names)})");
            IScenario chosen = ScenarioRegistry.Find(scenarioName)
                ?? throw new UsageException($"unknown scenario '{scenarioName}' (known: {string.Join(", ", ScenarioRegistry.Names)})");
            int userCount = Given(parsed, users) ?? throw new UsageException("--users is required");
            var request = new GenerationRequest
            {
                Users = userCount,
                Seed = parsed.GetValue(seed),
                Name = InstanceName(outDirectory),
                Models = Given(parsed, models),
                Clusters = Given(parsed, clusters),
                SharingRatio = Given(parsed, sharing),
                BandwidthHz = Given(parsed, bandwidth) * 1e6,
                LoadRateMbPerSecond = Given(parsed, loadRate),
                CommonDeadlineSeconds = Given(parsed, deadline),
                Deadlines = ParseDeadlineMode(parsed.GetValue(deadlines)),
                LoadFactor = Given(parsed, loadFactor),
                ZipfExponent = Given(parsed, zipf),
                CellRadiusMeters = Given(parsed, radius),
            };

            string readme = ReadmeLine(request, chosen, parsed.GetValue(deadlines), Given(parsed, bandwidth));
            // The generated instance is checked like a read one, by its columns: a value out of range that an option set
            // is reported against the option (bandwidth_hz comes from --bandwidth-mhz, in other units).
            var optionOf = new Dictionary<string, string>(StringComparer.Ordinal);
            void Name(string column, Option option)
            {
                if (parsed.GetResult(option) is { Tokens: [var token] })
                {
                    optionOf[column] = $"{option.Name} {token.Value}";
                }
            }

            Name("bandwidth_hz", bandwidth);
            Name("load_rate_mb_per_s", loadRate);
            Name("deadline_s", deadline);
            return Execute(console, outDirectory, chosen, request, readme, parsed.GetValue(force), optionOf);
        });
        return command;
    }

    private static int Execute(CliConsole console, string outDirectory, IScenario scenario, GenerationRequest request, string readme, bool force, Dictionary<string, string> optionOf)
    {
        if (File.Exists(outDirectory))
        {
            throw new UsageException($"{outDirectory}: is a file, expected a folder");
        }

        if (!force && Directory.Exists(outDirectory) && InstanceFileNames.Any(f => File.Exists(Path.Combine(outDirectory, f))))
        {
            throw new UsageException($"'{outDirectory}' already holds an instance; pass --force to overwrite it");
        }

        Instance instance;
        try
        {
            instance = scenario.Generate(request);
        }
        catch (GenerationRequestException e)
        {
            throw new UsageException(e.Message);
        }
        catch (InvalidInputException e)
        {
            // One line per option (or per column of the generated data), not one per user that inherited the value.
            throw new InvalidInputException([.. e.Problems
                .Select(p => p.Column is string c && optionOf.TryGetValue(c, out string? option)
                    ? new InputProblem(option, null, c, p.Message)
                    : new InputProblem($"generated instance: {p.Source}", p.Line, p.Column, p.Message))
                .DistinctBy(p => p.ToString())]);
        }

        // README.md last: it names the command that made the files before it.
        (string Name, byte[] Bytes)[] files = [.. InstanceWriter.Files(instance), (ReadmeFile, System.Text.Encoding.UTF8.GetBytes(readme + "\n"))];
        try
        {
            AtomicFolder.Write(outDirectory, files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{outDirectory}: cannot be written ({e.Message.ReplaceLineEndings(" ")}); nothing was written, the files it held are kept");
        }

        console.Out.WriteLine(Describe(instance, scenario, outDirectory));
        return ExitCodes.Success;
    }

    /// <summary>The option's value when it was given on the command line, else null (so the scenario's default applies).</summary>
    private static T? Given<T>(ParseResult parsed, Option<T> option)
        where T : struct
        => parsed.GetResult(option) is null ? null : parsed.GetValue(option);

    private static DeadlineMode? ParseDeadlineMode(string? text) => text switch
    {
        null => null,
        "common" => DeadlineMode.Common,
        "per-user" => DeadlineMode.PerUser,
        _ => throw new UsageException($"--deadlines must be 'common' or 'per-user', got '{text}'"),
    };

    /// <summary>The folder's own name, so the instance is named as `plsolve solve` will name it.</summary>
    private static string InstanceName(string outDirectory)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory)));
        return string.IsNullOrWhiteSpace(name) ? "generated" : name;
    }

    /// <summary>
    /// The command that regenerates these files: the folder's name (not the path it was written to, so the same
    /// command gives the same README anywhere) and every option that was given, in a fixed order.
    /// </summary>
    private static string ReadmeLine(GenerationRequest request, IScenario scenario, string? deadlineMode, double? bandwidthMhz)
    {
        var words = new List<string> { "plsolve", "generate", request.Name, "--scenario", scenario.Name, "--users", N(request.Users), "--seed", N(request.Seed) };
        void Add(string option, double? value)
        {
            if (value is double v)
            {
                words.Add(option);
                words.Add(N(v));
            }
        }

        Add("--models", request.Models);
        Add("--clusters", request.Clusters);
        Add("--sharing-ratio", request.SharingRatio);
        Add("--bandwidth-mhz", bandwidthMhz);
        Add("--load-rate-mb-per-s", request.LoadRateMbPerSecond);
        Add("--deadline-s", request.CommonDeadlineSeconds);
        if (deadlineMode is not null)
        {
            words.Add("--deadlines");
            words.Add(deadlineMode);
        }

        Add("--load-factor", request.LoadFactor);
        Add("--zipf", request.ZipfExponent);
        Add("--cell-radius-m", request.CellRadiusMeters);
        return $"Generated with `{string.Join(' ', words)}`.";
    }

    private static string Describe(Instance instance, IScenario scenario, string outDirectory)
    {
        string structure = BottomLayerStructure.Detect(instance, out _) is { } s ? $"bottom-layer sharing, {s.Clusters.Length} cluster{(s.Clusters.Length == 1 ? string.Empty : "s")}" : "general sharing";
        double[] deadlines = [.. instance.Users.Select(u => u.DeadlineSeconds)];
        string deadline = deadlines.Length == 0 ? "no users"
            : deadlines.Min() == deadlines.Max() ? $"common deadline {Formats.Number(deadlines[0])} s"
            : $"deadlines {Formats.Number(deadlines.Min())}–{Formats.Number(deadlines.Max())} s";
        return $"wrote {outDirectory}: {scenario.Name}, {instance.Users.Length} users, {instance.Models.Length} models, {instance.Blocks.Length} blocks ({structure}), " +
               $"{deadline}, B {Formats.Number(instance.Server.BandwidthHz / 1e6)} MHz, R {Formats.Number(instance.Server.LoadRateMbPerSecond)} MB/s";
    }

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
