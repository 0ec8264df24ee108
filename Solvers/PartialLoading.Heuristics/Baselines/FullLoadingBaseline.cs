using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Heuristics.Baselines;

/// <summary>
/// <c>full-loading</c>: a server that does not exploit parameter sharing. Users in EDD order with admission control,
/// where every model switch loads the whole next model (the same model twice in a row loads nothing).
/// </summary>
/// <remarks>
/// The result carries <see cref="LoadingRule.FullModel"/>, so it is verified, timed and printed under that rule
/// (<c>plsolve verify --no-sharing</c> checks its schedule file). Loading only the missing blocks never takes longer,
/// so the same schedule is also feasible on the sharing server.
/// </remarks>
public sealed class FullLoadingBaseline : IScheduleSolver
{
    /// <inheritdoc/>
    public string Name => "full-loading";

    /// <inheritdoc/>
    public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var fullLoading = LoadingTimes.Create(instance, LoadingRule.FullModel);
        return new SolverResult(
            AdmissionControl.Admit(instance, EarliestDeadlineBaseline.ByDeadline(instance), fullLoading, cancellationToken),
            SolverStatus.Heuristic,
            loadingRule: LoadingRule.FullModel,
            note: "whole models loaded on every switch (no sharing); check the schedule with 'plsolve verify --no-sharing'");
    }
}
