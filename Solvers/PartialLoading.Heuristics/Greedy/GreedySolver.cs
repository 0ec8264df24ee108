using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Heuristics.Greedy;

/// <summary>
/// <c>greedy</c>: the source's rule (docs/model.md §6). From the model in memory, serve next the user whose model loads
/// fastest (or, with <see cref="GreedyRule.MostShared"/>, shares the most), ties by earliest deadline, then input
/// order, among the users that still fit (deadlines and bandwidth); stop when nobody fits.
/// </summary>
/// <remarks>Deterministic; ignores the seed. See <see cref="GreedyConstruction"/> for how it is made fast.</remarks>
public sealed class GreedySolver : IScheduleSolver
{
    /// <summary>A greedy with the given ranking rule.</summary>
    public GreedySolver(GreedyRule rule = GreedyRule.LeastLoading)
    {
        Rule = rule;
    }

    /// <summary>The ranking rule.</summary>
    public GreedyRule Rule { get; }

    /// <inheritdoc/>
    public string Name => "greedy";

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        GreedyRun run = GreedyConstruction.Run(instance, Rule, cancellationToken);
        string? note = cancellationToken.IsCancellationRequested ? $"rule {Rule.ToWord()}; stopped early, the schedule is the part built so far" : Rule == GreedyRule.LeastLoading ? null : $"rule {Rule.ToWord()}";
        return new SolverResult(run.Schedule.ToSchedule(), SolverStatus.Heuristic, note: note);
    }
}
