using PartialLoading.Milp;

namespace PartialLoading.Cli;

/// <summary>
/// The solver-specific words of <c>plsolve solve</c> (<c>--backend</c>, <c>--formulation</c>, <c>--solver-log</c>),
/// turned into the typed <see cref="SolverSettings"/> that the catalog's solvers take.
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

    /// <summary>The settings for <paramref name="solver"/>; a formulation is read for the solver that has it.</summary>
    /// <exception cref="UsageException">The formulation is not one of the solver's, or the solver has none.</exception>
    public static SolverSettings Parse(string solver, string backend, string? formulation, bool solverLog)
    {
        var exact = ExactSettings.Default with { SolverLog = solverLog };
        var settings = new SolverSettings
        {
            Milp = MilpSettings.Default with { Backend = BackendNames.Parse(backend), Exact = exact },
            CpSat = CpSatSettings.Default with { Exact = exact },
        };
        return (solver, formulation) switch
        {
            (_, null) => settings,
            ("milp", string word) => settings with { Milp = settings.Milp with { Formulation = Formulation(MilpFormulations, solver, word) } },
            ("cpsat", string word) => settings with { CpSat = settings.CpSat with { Formulation = Formulation(CpSatFormulations, solver, word) } },
            _ => throw new UsageException($"--formulation applies to milp and cpsat, not to --solver {solver}"),
        };
    }

    private static T Formulation<T>(Dictionary<string, T> words, string solver, string word)
        => words.TryGetValue(word, out T? value)
            ? value
            : throw new UsageException($"--solver {solver} has no formulation '{word}' ({string.Join(", ", words.Keys)})");
}
