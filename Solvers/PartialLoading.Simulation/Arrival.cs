using PartialLoading.Core.Model;

namespace PartialLoading.Simulation;

/// <summary>One request of an <see cref="ArrivalTrace"/>: when it arrives and what it asks (the columns of <c>users.csv</c>).</summary>
/// <param name="Index">The request's index in the trace (and among <see cref="ArrivalTrace.Catalogue"/>'s users).</param>
/// <param name="TimeSeconds">Arrival time a_r, s from the start of the simulation.</param>
/// <param name="Request">
/// The request as a user; its <see cref="User.DeadlineSeconds"/> is the latency budget, so the absolute deadline is
/// <see cref="TimeSeconds"/> + budget (docs/model.md §11).
/// </param>
public readonly record struct Arrival(int Index, double TimeSeconds, User Request)
{
    /// <summary>The absolute deadline a_r + budget, s.</summary>
    public double DeadlineSeconds => TimeSeconds + Request.DeadlineSeconds;
}
