using PartialLoading.Bounds;
using PartialLoading.Core.Model;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// The time-indexed relaxation re-priced for one suffix whose subtree has grown large (<see cref="TimeIndexedFrontPricing"/>):
/// a few subgradient steps from the root's multipliers, for that suffix alone. At or below the incumbent the rest of its
/// subtree goes; otherwise its table bounds every node below, in O(1) each like the root's (<see cref="TimeIndexedNodeBound"/>).
/// </summary>
/// <remarks>
/// The root's multipliers are set for the whole instance, so deep in the search its tables leave room: on sg60-4 (best
/// 38, root bound 39.48) they left 8 first users open, 30 steps for each left 2 (0.25 s each). A search re-prices a suffix
/// once its subtree has taken <see cref="Worth"/> times what re-pricing should cost, divided by the share that dropped
/// their subtree so far (docs/results/README.md, eleventh round).
/// </remarks>
internal sealed class SuffixRepricing
{
    /// <summary>
    /// Subgradient steps per suffix (15 were no faster; re-pricing a suffix again, from where it stopped, each time its
    /// subtree doubled cost more than it saved: sg40m20-5 44.3 s against 37.9 s).
    /// </summary>
    public const int DefaultSteps = 30;

    /// <summary>Partial paths one check in front of a suffix keeps at most (about a second's work).</summary>
    public const long DefaultPartialPaths = 1L << 21;

    /// <summary>
    /// The check keeps at most this many partial paths per label its suffix's subtree has expanded, so that it never costs
    /// much more than the subtree has.
    /// </summary>
    public const long PartialPathsPerLabel = 8;

    /// <summary>A partial path held: a dictionary entry and its share of the buckets.</summary>
    private const long BytesPerPartialPath = 48;

    /// <summary>The least labels below a suffix before it is re-priced.</summary>
    public const long DefaultAfter = 2048;

    private readonly TimeIndexedFrontPricing _pricing;
    private readonly SequencingData _data;
    private readonly Instance _instance;
    private readonly int[] _instanceModel;
    private readonly Func<BoundBudget> _budget;

    /// <param name="pricing">The relaxation's program.</param>
    /// <param name="data">The search's numbers.</param>
    /// <param name="instance">The instance searched.</param>
    /// <param name="budget">A budget for one re-pricing (the search's time left and cancellation).</param>
    public SuffixRepricing(TimeIndexedFrontPricing pricing, SequencingData data, Instance instance, Func<BoundBudget> budget)
    {
        _pricing = pricing;
        _data = data;
        _instance = instance;
        _budget = budget;
        _instanceModel = new int[data.ModelCount];
        for (int j = 0; j < data.Count; j++)
        {
            _instanceModel[data.Model[j]] = instance.Users[data.Users[j]].Model;
        }
    }

    /// <summary>Subgradient steps per suffix.</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>
    /// The most partial paths of the check that no path serving each user once fills the room in front (where the priced
    /// bound leaves it open); 0 for no check.
    /// </summary>
    public long PartialPaths { get; init; } = DefaultPartialPaths;

    /// <summary>The least labels expanded below a suffix before it is re-priced.</summary>
    public long After { get; init; } = DefaultAfter;

    /// <summary>
    /// A suffix is re-priced once its subtree has taken this many times what re-pricing it should cost (divided by the
    /// share of re-pricings that dropped their subtree): then a drop pays for the re-pricings that drop nothing.
    /// </summary>
    public double Worth { get; init; } = 1.0;

    /// <summary>The most bytes a thread's scratch may take (the program's values, about as many as the root relaxation's).</summary>
    public long MostWorkspaceBytes { get; init; } = long.MaxValue;

    /// <summary>Whether a thread's scratch fits <see cref="MostWorkspaceBytes"/>.</summary>
    public bool Affordable => _pricing.WorkspaceBytes <= MostWorkspaceBytes;

    /// <summary>A thread's scratch.</summary>
    public TimeIndexedFrontPricing.Workspace NewWorkspace() => _pricing.NewWorkspace();

    /// <summary>
    /// A bound on every schedule that ends with <paramref name="suffix"/> (local numbers, last served first), worth
    /// <paramref name="value"/>, its first user of model <paramref name="model"/> starting by <paramref name="latestStart"/>,
    /// needing <paramref name="bandwidthHz"/>. <paramref name="below"/> is a node bound for the suffixes that extend it;
    /// null when the bound needs no more (it is at most <paramref name="incumbent"/>) or when stopped.
    /// </summary>
    public double Bound(ReadOnlySpan<int> suffix, int model, double latestStart, double bandwidthHz, double value, double incumbent, TimeIndexedNodeBound start, TimeIndexedFrontPricing.Workspace workspace, out TimeIndexedNodeBound? below, long subtreeLabels = long.MaxValue)
    {
        Span<int> users = suffix.Length <= 256 ? stackalloc int[suffix.Length] : new int[suffix.Length];
        for (int i = 0; i < suffix.Length; i++)
        {
            users[i] = _data.Users[suffix[i]];
        }

        // Below the goal the suffix's bound no longer beats the incumbent (by a whole user with unit weights).
        double w = _data.Count == 0 ? 1.0 : _data.Weight[0];
        double goal = _data.UnitWeights ? incumbent + w - value - 1e-6 : incumbent - value;
        double wholeTarget = _data.UnitWeights && PartialPaths > 0 ? incumbent + w - value : double.NaN;
        long work = subtreeLabels >= PartialPaths / PartialPathsPerLabel ? PartialPaths : PartialPathsPerLabel * subtreeLabels;
        double front = _pricing.InFront(users, _instanceModel[model], latestStart, _data.BudgetHz - bandwidthHz, start.Newest, Steps, goal, workspace, _budget(), out TimeIndexedPrefixTable? table, wholeTarget, work, Math.Min(work, MostWorkspaceBytes / BytesPerPartialPath));
        below = table is null ? null : TimeIndexedNodeBound.Of(table, _data, _instance);

        // Rounded as the node bound rounds (its sums have n + 1 terms of either sign).
        double raw = value + front;
        raw += 1e-9 * (1.0 + Math.Abs(raw));
        return _data.UnitWeights ? w * Math.Floor(raw / w) : raw;
    }
}
