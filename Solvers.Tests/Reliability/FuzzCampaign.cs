using PartialLoading.Cli;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Reliability;

/// <summary>
/// Runs mutated library instances (<see cref="InstanceMutator"/>) through <c>plsolve</c> in-process: read, info,
/// verify and the solvers with tiny budgets. The invariant of docs/model.md §9: exit 0, 1, 2 (or 130) with one line
/// per problem, never 3, never a stack trace, never a hang.
/// </summary>
internal static class FuzzCampaign
{
    /// <summary>Small library instances the mutations start from (every solver runs on them in well under a second).</summary>
    private static readonly string[] Sources = ["three-models", "synthetic-general-10", "llm-lora-20", "synthetic-bottom-10-common", "synthetic-general-30"];

    /// <summary>The commands tried; DIR and SCHEDULE are replaced by the mutated files.</summary>
    private static readonly string[][] Commands =
    [
        ["info", "DIR"],
        ["info", "DIR", "--json"],
        ["verify", "DIR", "SCHEDULE"],
        ["verify", "DIR", "SCHEDULE", "--json"],
        ["solve", "DIR", "--solver", "greedy", "--json"],
        ["solve", "DIR", "--solver", "local", "--iterations", "30"],
        ["solve", "DIR", "--solver", "fifo"],
        ["solve", "DIR", "--solver", "edd", "--json"],
        ["solve", "DIR", "--solver", "random", "--seed", "3"],
        ["solve", "DIR", "--solver", "full-loading"],
        ["solve", "DIR", "--solver", "dp"],
        ["solve", "DIR", "--solver", "labeling", "--time-limit", "0.5"],
        ["solve", "DIR", "--solver", "cpsat", "--time-limit", "0.5", "--threads", "1"],
        ["solve", "DIR", "--solver", "milp", "--time-limit", "0.5", "--threads", "1"],
    ];

    /// <summary>Longest a case may take before it counts as a hang.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    /// <summary>Runs cases <paramref name="firstSeed"/> … <paramref name="firstSeed"/> + <paramref name="cases"/> − 1.</summary>
    public static FuzzCounts Run(int firstSeed, int cases)
    {
        var originals = Sources.ToDictionary(s => s, s => InstanceMutator.Files.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(RepositoryPaths.Instance(s), f))));
        var counts = new FuzzCounts();
        for (int seed = firstSeed; seed < firstSeed + cases; seed++)
        {
            var random = new Random(seed);
            string source = Sources[random.Next(Sources.Length)];
            (Dictionary<string, byte[]?> files, string what) = InstanceMutator.Mutate(originals[source], random);
            string[] command = Commands[random.Next(Commands.Length)];
            using var folder = InstanceFolder.Empty();
            foreach ((string name, byte[]? bytes) in files)
            {
                if (bytes is not null)
                {
                    File.WriteAllBytes(folder.File(name), bytes);
                }
            }

            string[] args = [.. command.Select(a => a == "DIR" ? folder.Path : a == "SCHEDULE" ? folder.File("best.csv") : a)];
            string label = $"seed {seed}: {source}, {what}; plsolve {string.Join(' ', command)}";
            (int code, string? defect) = RunOne(args);
            counts.Add(label, code, defect);
        }

        return counts;
    }

    private static (int Code, string? Defect) RunOne(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Task<int> run = Task.Run(() => PlsolveApp.Run(args, output, error));
        if (!run.Wait(Hang))
        {
            return (-1, $"no answer within {Hang.TotalSeconds} s");
        }

        int code = run.Result;
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (code is not (0 or 1 or 2 or 130))
        {
            return (code, $"exit {code}: {string.Join(" | ", lines.Take(3))}");
        }

        if (lines.Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains(" in ", StringComparison.Ordinal)))
        {
            return (code, $"a stack trace: {lines[0]}");
        }

        return (code, code == 2 && lines.Length == 0 ? "exit 2 without a message" : null);
    }
}

/// <summary>How a fuzzing campaign went: cases run, clean ones, and each defect with the case that shows it.</summary>
internal sealed class FuzzCounts
{
    private readonly List<string> _defects = [];
    private readonly SortedDictionary<int, int> _exitCodes = [];

    public int Cases { get; private set; }

    public int Clean => Cases - _defects.Count;

    public IReadOnlyList<string> Defects => _defects;

    /// <summary>Cases by exit code (−1: no answer), e.g. "0: 412, 1: 37, 2: 551".</summary>
    public string ExitCodes => string.Join(", ", _exitCodes.Select(p => $"{p.Key}: {p.Value}"));

    public void Add(string label, int exitCode, string? defect)
    {
        Cases++;
        _exitCodes[exitCode] = _exitCodes.GetValueOrDefault(exitCode) + 1;
        if (defect is not null)
        {
            _defects.Add($"{label} → {defect}");
        }
    }
}
