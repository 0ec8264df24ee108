using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>servable</c>: Σ w over the users that can be served alone (docs/model.md §10).
/// </summary>
/// <remarks>
/// <b>Validity.</b> It drops every interaction between users. A user served in any feasible schedule is also served
/// when it is alone: putting users before it only delays its inference and shortens the time its upload may take
/// (docs/model.md §4), so if it fails alone it fails everywhere. The served set of every schedule is thus a subset of
/// the servable users, and weights are positive.
/// </remarks>
public sealed class ServingEverybodyBound : IRelaxation
{
    /// <inheritdoc/>
    public string Name => "servable";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data => new RelaxationRun.Outcome(data.Weight.Sum()));
}
