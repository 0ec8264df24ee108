using PartialLoading.Core.Csv;

namespace PartialLoading.Library;

/// <summary>What a <see cref="LibraryRefresh"/> wrote.</summary>
/// <param name="Results">The rows of <c>results.csv</c>, by instance name.</param>
/// <param name="Defects">Solver defects met (infeasible schedules, values above their own bound); each was logged.</param>
public sealed record LibraryRefreshOutcome(IReadOnlyList<LibraryResult> Results, int Defects);
