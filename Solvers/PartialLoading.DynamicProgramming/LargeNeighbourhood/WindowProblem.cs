using PartialLoading.Bandwidth;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// A window of a schedule to re-solve: positions [Start, End) of the current order are emptied and refilled from
/// <see cref="Candidates"/>. What the rest imposes (docs/model.md §4): on the left the prefix's instant end and model;
/// on the right the suffix's first model, its latest start and the bandwidth it needs (none of which the window can
/// change); and the prefix's bandwidth, which grows as the window leaves it less time (<see cref="Prefix"/>).
/// </summary>
internal sealed class WindowProblem
{
    /// <summary>Stands for "nothing after the window".</summary>
    public const int NoModel = int.MinValue;

    /// <param name="instance">The instance.</param>
    /// <param name="sequence">The current schedule.</param>
    /// <param name="start">First position emptied.</param>
    /// <param name="end">One past the last position emptied.</param>
    /// <param name="candidates">
    /// Users the window may serve, instance indices, distinct, at most 64. One taken from the prefix or suffix still
    /// counts there in the boundary conditions, which is safe: removing a user never hurts the others (docs/model.md §4).
    /// </param>
    public WindowProblem(Instance instance, PlannedSequence sequence, int start, int end, IReadOnlyList<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(candidates);
        if (start < 0 || end < start || end > sequence.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "The window must lie within the schedule.");
        }

        if (candidates.Count > 64)
        {
            throw new ArgumentException("A window holds at most 64 candidates.", nameof(candidates));
        }

        Instance = instance;
        Loading = instance.LoadingTimes;
        Start = start;
        End = end;
        EndBefore = start > 0 ? sequence.InstantEnd[start - 1] : 0.0;
        ModelBefore = start > 0 ? sequence.Model[start - 1] : PlannedSequence.InitialModel(instance);
        ModelAfter = end < sequence.Count ? sequence.Model[end] : NoModel;
        LatestAfter = end < sequence.Count ? sequence.Plan.LatestStartsSeconds[end] : double.PositiveInfinity;
        LeastAfter = sequence.LeastBefore[sequence.Count] - sequence.LeastBefore[end];
        LimitHz = instance.Server.BandwidthHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        double currentDelta = start < sequence.Count
            ? sequence.Plan.LatestStartsSeconds[start] - Loading.Seconds(ModelBefore, sequence.Model[start]) - EndBefore
            : double.PositiveInfinity;
        Prefix = new PrefixBandwidth(sequence, start, currentDelta);
        Candidates = [.. candidates];
        double value = 0.0;
        for (int p = start; p < end; p++)
        {
            value += instance.Users[sequence.Order[p]].Weight;
        }

        CurrentValue = value;
        CurrentNeedHz = sequence.LeastBefore[end];
    }

    /// <summary>The instance.</summary>
    public Instance Instance { get; }

    /// <summary>Its loading times.</summary>
    public LoadingTimes Loading { get; }

    /// <summary>First position emptied.</summary>
    public int Start { get; }

    /// <summary>One past the last position emptied.</summary>
    public int End { get; }

    /// <summary>The prefix's instant end e⁰, seconds (0 when the window starts the schedule).</summary>
    public double EndBefore { get; }

    /// <summary>The model in memory after the prefix (the initial model, or <see cref="LoadingTimes.EmptyMemory"/>).</summary>
    public int ModelBefore { get; }

    /// <summary>The suffix's first model, or <see cref="NoModel"/>.</summary>
    public int ModelAfter { get; }

    /// <summary>The suffix's first latest start, seconds (+∞ without a suffix).</summary>
    public double LatestAfter { get; }

    /// <summary>Σ β of the suffix, Hz: fixed, since latest starts depend only on what follows.</summary>
    public double LeastAfter { get; }

    /// <summary>B with the tolerance of docs/model.md §3, Hz.</summary>
    public double LimitHz { get; }

    /// <summary>The prefix's Σ β as a function of the time the window leaves it.</summary>
    public PrefixBandwidth Prefix { get; }

    /// <summary>Users the window may serve.</summary>
    public int[] Candidates { get; }

    /// <summary>Σ w of the users the window serves now.</summary>
    public double CurrentValue { get; }

    /// <summary>Σ β of the prefix and the window now, Hz.</summary>
    public double CurrentNeedHz { get; }
}
