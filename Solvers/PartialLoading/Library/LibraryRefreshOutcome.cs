using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;

namespace PartialLoading.Library;

/// <summary>What a <see cref="LibraryRefresh"/> wrote.</summary>
/// <param name="Results">The rows of <c>results.csv</c>, by instance name.</param>
/// <param name="Defects">Solver defects met (infeasible schedules, values above their own bound); each was logged.</param>
/// <param name="Invalid">
/// The problems of the instances that could not be read, each source prefixed with the instance folder; those
/// instances were skipped (their rows kept as they were), the others refreshed.
/// </param>
public sealed record LibraryRefreshOutcome(IReadOnlyList<LibraryResult> Results, int Defects, IReadOnlyList<InputProblem> Invalid);
