using PartialLoading.Core.Loading;

namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// A run of consecutive positions summarised for the backward pass of docs/model.md §4, as routing codes summarise
/// time windows (Vidal et al. 2014): given the latest time x by which the run must end (what follows allows), its first
/// inference may start no later than min(<see cref="Latest"/>, x − <see cref="Duration"/>). Two runs concatenate in
/// O(1), so a move that rearranges a few runs of an order is checked against every deadline without walking it.
/// </summary>
/// <param name="Latest">The first position's latest start when nothing follows (its own and later deadlines).</param>
/// <param name="Duration">From the first inference's start to the last inference's end, loads inside included.</param>
/// <param name="FirstModel">The model served first (what the load into the run depends on).</param>
/// <param name="LastModel">The model served last (what the load after the run depends on).</param>
internal readonly record struct LatestStartSegment(double Latest, double Duration, int FirstModel, int LastModel)
{
    /// <summary>This run followed by <paramref name="next"/>, with the load between them.</summary>
    public LatestStartSegment Then(LatestStartSegment next, LoadingTimes loading)
    {
        double load = loading.Seconds(LastModel, next.FirstModel);
        return new LatestStartSegment(Math.Min(Latest, next.Latest - load - Duration), Duration + load + next.Duration, FirstModel, next.LastModel);
    }

    /// <summary>
    /// The slack of the whole order this run forms when served first from <paramref name="initialModel"/> with
    /// instant uploads: its latest start less the load into it (negative: some deadline is missed).
    /// </summary>
    public double SlackFrom(int initialModel, LoadingTimes loading) => Latest - loading.Seconds(initialModel, FirstModel);
}
