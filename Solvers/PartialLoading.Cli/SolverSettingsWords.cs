using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Milp;

namespace PartialLoading.Cli;

/// <summary>
/// The solver-specific words of <c>plsolve solve</c> (<c>--greedy-rule</c>, <c>--iterations</c> (local's and lns's), <c>--backend</c>,
/// <c>--formulation</c>, <c>--solver-log</c>, <c>--memory-limit</c>), turned into the typed <see cref="SolverSettings"/> that the catalog's
/// solvers take. A solver ignores the words that are not its own, as before the catalog moved into the library.
/// </summary>
internal static class SolverSettingsWords
{
    private static readonly Dictionary<string, MilpFormulation> MilpFormulations = new(StringComparer.Ordinal)
    {
        ["visits"] = MilpFormulation.Visits,
        ["positions"] = MilpFormulation.Positions,
    };

    private static readonly Dictionary<string, CpSatFormulation> CpSatFormulations = new(StringComparer.Ordinal)
    {
        ["visits"] = CpSatFormulation.Visits,
        ["circuit"] = CpSatFormulation.Circuit,
    };

    /// <summary>The settings for <paramref name="solver"/>; a formulation is read for the exact solver that is named.</summary>
    /// <exception cref="UsageException">The formulation is not one of the named exact solver's.</exception>
    public static SolverSettings Parse(string solver, string greedyRule, int? iterations, string backend, string? formulation, bool solverLog, int memoryLimitMegabytes)
    {
        GreedyRule rule = GreedyRuleWords.Parse(greedyRule);
        var exact = ExactSettings.Default with { SolverLog = solverLog };
        var settings = new SolverSettings
        {
            // --greedy-rule ranks greedy's next model and the greedy start of local (also when local warm-starts an exact solver).
            GreedyRule = rule,
            LocalSearch = new LocalSearchSettings { Iterations = iterations, StartRule = rule },
            Lns = new LnsSettings { Iterations = iterations },
            Milp = MilpSettings.Default with { Backend = BackendNames.Parse(backend), Exact = exact },
            CpSat = CpSatSettings.Default with { Exact = exact },
            Labeling = LabelingSettings.Default with { MemoryLimitMegabytes = memoryLimitMegabytes },
        };
        return (solver, formulation) switch
        {
            ("milp", string word) => settings with { Milp = settings.Milp with { Formulation = Formulation(MilpFormulations, solver, word) } },
            ("cpsat", string word) => settings with { CpSat = settings.CpSat with { Formulation = Formulation(CpSatFormulations, solver, word) } },
            _ => settings,
        };
    }

    private static T Formulation<T>(Dictionary<string, T> words, string solver, string word)
        => words.TryGetValue(word, out T? value)
            ? value
            : throw new UsageException($"--solver {solver} has no formulation '{word}' ({string.Join(", ", words.Keys)})");
}
