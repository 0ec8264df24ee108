using PartialLoading.Core.Solving;

namespace PartialLoading.Cli.Output;

/// <summary>A solver's refusal as the command line says it: the library's reason, then the solvers that apply as a <c>--solver</c> flag.</summary>
internal static class RefusalLine
{
    public static string Of(SolverNotApplicableException refusal, string flag = "--solver")
    {
        IReadOnlyList<string> solvers = refusal.ApplicableSolvers;
        return solvers.Count switch
        {
            0 => refusal.Message,
            1 => $"{refusal.Message}; use {flag} {solvers[0]}",
            _ => $"{refusal.Message}; use {flag} {string.Join(", ", solvers.Take(solvers.Count - 1))} or {solvers[^1]}",
        };
    }
}
