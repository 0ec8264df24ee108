using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PartialLoading.Bandwidth;
using PartialLoading.Core;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Planning;

/// <summary>
/// A schedule built by appending users one at a time, each admitted only if the extended order stays feasible
/// (deadlines with instant uploads, and Σβ ≤ B; docs/model.md §4). Baselines and greedy heuristics are loops around it.
/// </summary>
/// <remarks>
/// <para>
/// The latest starts are kept as <c>LS_p = σ⁰_p + m_p</c>: the instant start plus the least instant-pass slack
/// <c>T_j − e⁰_j</c> over positions j ≥ p (the backward pass of docs/model.md §4 unrolled). Appending a user with slack s
/// lowers m to s on a run of positions at the end, those whose m exceeds s, so the positions are kept as a stack of
/// runs sharing one m (<see cref="SlackGroup"/>), and an append pops the runs it moves and pushes one merged run:
/// amortised O(1) runs per append.
/// </para>
/// <para>
/// Each moved run's least bandwidths must then be re-summed at the new m, which on a common deadline (every
/// append moves every position) would cost O(K) β evaluations per append and O(K²) for a schedule. Instead each
/// run carries bounds from the convexity of β (tangent below, chords above; see <see cref="SlackGroup"/>), and the
/// check is decided by the bounds when the budget is clearly met or clearly broken. Only a call within the bounds'
/// gap is computed exactly: the moved runs are re-summed at the new m (and at a look-ahead slack, the deepest of a
/// few candidates down to which their Σβ grows by at most twice the budget left, which tightens the chords the
/// following checks use), then, if that is still not decisive, every run whose sum is only bounded. The decision is
/// therefore always the exact one (bounds decide only with a margin of 1e-10 of the budget; closer calls are summed
/// exactly), and the work is O(1) β evaluations per check plus O(run length) per re-summation. How many
/// re-summations a schedule needs depends on how the budget runs out: on 100,000-user benchmarks none with ample
/// bandwidth and about a dozen of the whole run when a common deadline meets a binding budget.
/// </para>
/// </remarks>
public sealed class AdmissionSchedule
{
    // Admitted users' slacks are at least −tolerance, so no suffix minimum ever falls below this.
    private const double LowestSlack = -2.0 * ScheduleEvaluator.DeadlineToleranceSeconds;

    // Bound-based decisions keep this relative distance from the budget limit; closer calls are computed exactly.
    private const double DecisionMargin = 1e-10;

    // Depths tried for a re-summed run's floor, each half the one before.
    private const int LookAheadCandidates = 4;

    // A floor is accepted when the run's growth down to it is at most this many times the budget left.
    private const double LookAheadBudgets = 2.0;

    private readonly Instance _instance;
    private readonly LoadingTimes _loading;
    private readonly double _limit;
    private readonly double _margin;
    private readonly List<int> _order = [];
    private readonly List<double> _starts = []; // σ⁰ per position
    private readonly List<double> _snr = [];
    private readonly List<double> _bits = [];
    private readonly List<SlackGroup> _groups = [];
    private readonly List<SlackGroup> _merging = [];
    private readonly List<int> _refreshed = [];
    private readonly SlackProbes _probes = new();

    private enum Verdict
    {
        Admit,
        Refuse,
        Undecided,
    }

    /// <summary>An empty schedule for <paramref name="instance"/> under the given loading times (default: the instance's).</summary>
    public AdmissionSchedule(Instance instance, LoadingTimes? loading = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _loading = loading ?? instance.LoadingTimes;
        _limit = instance.Server.BandwidthHz * (1.0 + BandwidthAllocator.BudgetTolerance);
        _margin = _limit * DecisionMargin;
        LastModel = instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;
    }

    /// <summary>The users admitted so far, in service order.</summary>
    public IReadOnlyList<int> Order => _order;

    /// <summary>The number of users admitted.</summary>
    public int Count => _order.Count;

    /// <summary>The model in memory after the last admitted user (or the initial model).</summary>
    public int LastModel { get; private set; }

    /// <summary>The end of the last inference with instant uploads, seconds.</summary>
    public double InstantEndSeconds { get; private set; }

    /// <summary>Σ β_k(LS_n) over the admitted users, Hz (summed afresh: O(Count)).</summary>
    public double TotalLeastBandwidthHz
    {
        get
        {
            var total = new CompensatedSum();
            ForEachLeastBandwidth((_, least) => total.Add(least));
            return total.Value;
        }
    }

    /// <summary>Positions whose least bandwidth was re-summed exactly so far (the cost the bounds save; for tests and benchmarks).</summary>
    internal long ResummedPositions { get; private set; }

    /// <summary>True when appending <paramref name="user"/> would keep the schedule feasible. Changes nothing.</summary>
    public bool CanAppend(int user) => Check(user, commit: false);

    /// <summary>Appends <paramref name="user"/> if that keeps the schedule feasible.</summary>
    /// <returns>True when the user was admitted.</returns>
    public bool TryAppend(int user) => Check(user, commit: true);

    /// <summary>The schedule with the default split of docs/model.md §4 (β each, surplus in proportion to β).</summary>
    public Schedule ToSchedule()
    {
        var least = new double[_order.Count];
        ForEachLeastBandwidth((position, beta) => least[position] = beta);
        var allocated = new double[least.Length];
        if (!BandwidthAllocator.TryAllocate(least, _instance.Server.BandwidthHz, allocated))
        {
            throw new InvalidOperationException("The admitted users no longer fit the budget; this is a defect.");
        }

        return new Schedule([.. _order], ImmutableArray.Create(allocated));
    }

    private bool Check(int user, bool commit)
    {
        User u = _instance.Users[user];
        int model = u.Model;
        double inference = _instance.Models[model].InferenceSeconds;
        double load = _loading.Seconds(LastModel, model);
        double end = InstantEndSeconds + load + inference;
        if (end > u.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds)
        {
            return false;
        }

        double start = end - inference;
        double slack = u.DeadlineSeconds - end;
        double least = LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, start + slack);
        if (!(least <= _limit))
        {
            return false;
        }

        double leastSlope = Slope(u.SnrBandwidthHz, u.DataBits, start + slack, least);
        double pole = PoleSlack(u.SnrBandwidthHz, u.DataBits, start);
        Span<SlackGroup> groups = CollectionsMarshal.AsSpan(_groups);
        int first = groups.Length;
        while (first > 0 && groups[first - 1].Slack >= slack)
        {
            first--;
        }

        Verdict verdict = Judge(Bounds(groups, first, slack, least));
        if (verdict == Verdict.Undecided)
        {
            verdict = Judge(Probed(groups, first, slack, least));
        }

        if (verdict == Verdict.Undecided)
        {
            verdict = Resum(first, slack, least, leastSlope, pole);
        }

        if (verdict != Verdict.Admit)
        {
            return false;
        }

        if (commit)
        {
            Admit(user, first, start, slack, least, leastSlope, pole);
            LastModel = model;
            InstantEndSeconds = end;
        }

        return true;
    }

    private static (double Lower, double Upper) Bounds(ReadOnlySpan<SlackGroup> groups, int first, double slack, double least)
    {
        double lower = least + (first > 0 ? groups[first - 1].CumulativeLower : 0.0);
        double upper = least + (first > 0 ? groups[first - 1].CumulativeUpper : 0.0);
        foreach (SlackGroup group in groups[first..])
        {
            lower += group.LowerAt(slack);
            upper += group.UpperAt(slack);
        }

        return (lower, upper);
    }

    /// <summary>The bounds of <see cref="Bounds"/>, with the moving runs' total taken from the probes where they know it better.</summary>
    private (double Lower, double Upper) Probed(ReadOnlySpan<SlackGroup> groups, int first, double slack, double least)
    {
        (double lower, double upper) = Bounds(groups, first, slack, least);
        (double movingLower, double movingUpper) = _probes.Bounds(first, slack);
        double before = first > 0 ? groups[first - 1].CumulativeLower : 0.0;
        double beforeUpper = first > 0 ? groups[first - 1].CumulativeUpper : 0.0;
        return (Math.Max(lower, least + before + movingLower), Math.Min(upper, least + beforeUpper + movingUpper));
    }

    private Verdict Judge((double Lower, double Upper) bounds)
        => bounds.Lower > _limit + _margin ? Verdict.Refuse
            : bounds.Upper <= _limit - _margin ? Verdict.Admit
            : Verdict.Undecided;

    /// <summary>The bounds did not decide: re-sum the moved runs at the new slack, then, if needed, every inexact run.</summary>
    private Verdict Resum(int first, double slack, double least, double leastSlope, double pole)
    {
        Span<SlackGroup> groups = CollectionsMarshal.AsSpan(_groups);
        double slope = leastSlope;
        var moving = new CompensatedSum();
        for (int g = first; g < groups.Length; g++)
        {
            (double value, double groupSlope) = Evaluate(g, slack);
            if (!(value <= _limit))
            {
                // The runs summed so far, plus this one, bound the moving total from below; the next offers at this
                // slack or deeper are refused by the probe.
                _probes.Record(first, slack, moving.Value + value, double.PositiveInfinity);
                UpdateCumulative(groups, first); // runs recorded before this one may have changed at their own slack
                return Verdict.Refuse;
            }

            groups[g].Record(slack, value, groupSlope);
            moving.Add(value);
            slope += groupSlope;
            pole = Math.Max(pole, groups[g].PoleSlack);
        }

        _probes.Record(first, slack, moving.Value, moving.Value);

        _refreshed.Clear();
        (double lower, double upper) = Bounds(groups, first, slack, least);
        Verdict verdict = Judge((lower, upper));
        if (verdict == Verdict.Undecided)
        {
            for (int g = 0; g < first; g++)
            {
                if (!groups[g].IsExact)
                {
                    (double value, double groupSlope) = Evaluate(g, groups[g].Slack);
                    groups[g].Record(groups[g].Slack, value, groupSlope);
                    _refreshed.Add(g);
                }
            }

            var total = new CompensatedSum();
            for (int g = 0; g < groups.Length; g++)
            {
                total.Add(g < first ? groups[g].Upper : groups[g].UpperAt(slack));
            }

            total.Add(least);
            lower = total.Value;
            verdict = BandwidthAllocator.Fits(lower, _instance.Server.BandwidthHz) ? Verdict.Admit : Verdict.Refuse;
        }

        // Look ahead: bound the runs re-summed here as deep as their growth stays within twice the budget left, so
        // the appends that follow are decided by bounds again. Pointless once the budget is spent.
        double left = _limit - lower;
        if (left > 0.0)
        {
            LookAhead(first, groups.Length, slack, pole, slope, left);
            foreach (int g in _refreshed)
            {
                LookAhead(g, g + 1, groups[g].Slack, groups[g].PoleSlack, groups[g].TangentSlope, left);
            }
        }

        UpdateCumulative(groups, _refreshed.Count > 0 ? _refreshed[0] : first);
        return verdict;
    }

    private void Admit(int user, int first, double start, double slack, double least, double leastSlope, double pole)
    {
        User u = _instance.Users[user];
        Span<SlackGroup> groups = CollectionsMarshal.AsSpan(_groups);

        // The new position's own upper bound reaches as deep as the runs it joins (or as deep as it can, alone).
        double floor = first < groups.Length ? double.NegativeInfinity : DeepestFloor(slack, pole);
        for (int g = first; g < groups.Length; g++)
        {
            floor = Math.Max(floor, groups[g].FloorAt);
        }

        floor = Math.Min(floor, slack);
        double floorValue = LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, start + floor);
        if (!double.IsFinite(floorValue))
        {
            floor = DeepestFloor(slack, pole);
            floorValue = LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, start + floor);
            if (!double.IsFinite(floorValue))
            {
                (floor, floorValue) = (slack, least);
            }
        }

        var single = SlackGroup.Single(_order.Count, slack, least, leastSlope, floor, floorValue, pole);
        SlackGroup merged = single;
        if (first < groups.Length)
        {
            _merging.Clear();
            _merging.AddRange(groups[first..]);
            _merging.Add(single);
            merged = SlackGroup.Merge(CollectionsMarshal.AsSpan(_merging), slack);
            _groups.RemoveRange(first, _groups.Count - first);
        }

        _probes.Clear();
        merged.CumulativeLower = merged.Lower + (first > 0 ? _groups[first - 1].CumulativeLower : 0.0);
        merged.CumulativeUpper = merged.Upper + (first > 0 ? _groups[first - 1].CumulativeUpper : 0.0);
        _groups.Add(merged);
        _order.Add(user);
        _starts.Add(start);
        _snr.Add(u.SnrBandwidthHz);
        _bits.Add(u.DataBits);
    }

    /// <summary>G(m) and −G′(m) of run <paramref name="index"/>, summed position by position.</summary>
    private (double Value, double Slope) Evaluate(int index, double m)
    {
        (int from, int to) = Positions(index);
        ResummedPositions += to - from;
        var sum = new CompensatedSum();
        double slope = 0.0;
        for (int p = from; p < to; p++)
        {
            double t = _starts[p] + m;
            double beta = LeastBandwidth.Hz(_snr[p], _bits[p], t);
            if (!double.IsFinite(beta))
            {
                return (double.PositiveInfinity, double.PositiveInfinity);
            }

            sum.Add(beta);
            slope += Slope(_snr[p], _bits[p], t, beta);
        }

        return (sum.Value, slope);
    }

    /// <summary>
    /// Gives runs <paramref name="from"/>…<paramref name="to"/> (all at slack <paramref name="at"/>, just re-summed)
    /// a floor: the deepest of a few candidates at which their total grows by at most the budget left. The tangent
    /// rules out anything deeper than left/slope; the candidates halve the distance from there, and each sum stops as
    /// soon as it is over (the first positions, with the least time, grow fastest).
    /// </summary>
    private void LookAhead(int from, int to, double at, double pole, double slope, double left)
    {
        double reach = at - DeepestFloor(at, pole);
        if (slope > 0.0)
        {
            reach = Math.Min(reach, LookAheadBudgets * left / slope);
        }

        Span<SlackGroup> groups = CollectionsMarshal.AsSpan(_groups);
        double value = 0.0;
        for (int g = from; g < to; g++)
        {
            value += groups[g].TangentValue;
        }

        var sums = new double[to - from];
        for (int candidate = 0; candidate < LookAheadCandidates && reach > 0.0; candidate++, reach *= 0.5)
        {
            double floor = at - reach;
            double allowance = value + (LookAheadBudgets * left);
            var total = new CompensatedSum();
            for (int g = from; g < to && total.Value <= allowance; g++)
            {
                sums[g - from] = Sum(g, floor, allowance - total.Value);
                total.Add(sums[g - from]);
            }

            if (total.Value <= allowance)
            {
                for (int g = from; g < to; g++)
                {
                    groups[g].RecordFloor(floor, sums[g - from]);
                }

                return;
            }
        }
    }

    /// <summary>G(m) of run <paramref name="index"/>, or +∞ as soon as the partial sum exceeds <paramref name="cap"/>.</summary>
    private double Sum(int index, double m, double cap)
    {
        (int from, int to) = Positions(index);
        var sum = new CompensatedSum();
        for (int p = from; p < to; p++)
        {
            ResummedPositions++;
            sum.Add(LeastBandwidth.Hz(_snr[p], _bits[p], _starts[p] + m));
            if (!(sum.Value <= cap))
            {
                return double.PositiveInfinity;
            }
        }

        return sum.Value;
    }

    private (int From, int To) Positions(int index)
        => (_groups[index].Start, index + 1 < _groups.Count ? _groups[index + 1].Start : _order.Count);

    private void ForEachLeastBandwidth(Action<int, double> action)
    {
        for (int g = 0; g < _groups.Count; g++)
        {
            (int from, int to) = Positions(g);
            for (int p = from; p < to; p++)
            {
                action(p, LeastBandwidth.Hz(_snr[p], _bits[p], _starts[p] + _groups[g].Slack));
            }
        }
    }

    private static void UpdateCumulative(Span<SlackGroup> groups, int from)
    {
        for (int g = from; g < groups.Length; g++)
        {
            groups[g].CumulativeLower = groups[g].Lower + (g > 0 ? groups[g - 1].CumulativeLower : 0.0);
            groups[g].CumulativeUpper = groups[g].Upper + (g > 0 ? groups[g - 1].CumulativeUpper : 0.0);
        }
    }

    /// <summary>The deepest slack worth bounding: the lowest any slack can reach, or halfway to the first pole.</summary>
    private static double DeepestFloor(double slack, double pole)
        => pole < LowestSlack ? LowestSlack : Math.Min(slack, 0.5 * (slack + pole));

    /// <summary>The slack at which a position starting at <paramref name="start"/> would need infinite bandwidth.</summary>
    private static double PoleSlack(double snrBandwidthHz, double dataBits, double start)
        => LeastBandwidth.Saturation(snrBandwidthHz, dataBits, 1.0) - start;

    /// <summary>−dβ/dt at t, from β itself (r′(β)·β′ = −D/t²).</summary>
    /// <remarks>0 (a flat tangent, still a lower bound) where the rate's derivative cannot be formed in doubles.</remarks>
    private static double Slope(double snrBandwidthHz, double dataBits, double t, double beta)
    {
        double slope = beta > 0.0 ? dataBits / (t * t * UplinkRate.Derivative(snrBandwidthHz, beta)) : 0.0;
        return double.IsFinite(slope) && slope > 0.0 ? slope : 0.0;
    }
}
