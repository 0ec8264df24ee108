using PartialLoading.Bounds;
using PartialLoading.Core.Model;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// The time-indexed relaxation's last few tables (<see cref="TimeIndexedPrefixTable"/>) in the search's local numbers: a
/// bound on the weight that still fits in front of a suffix, every load charged, in O(1) per table once the multipliers
/// of the users outside the suffix are summed. Each table is a bound of its own, at its own multipliers, so the least
/// of them is one too; tables some steps apart disagree at many nodes (see <see cref="MostTables"/>). Their start windows
/// (<see cref="TimeIndexedStartWindows"/>), each valid on its own, shut children out before any bound is asked.
/// </summary>
internal sealed class TimeIndexedNodeBound
{
    /// <summary>
    /// Tables kept, the newest first (the relaxation hands out one every 50 steps while it improves, about 30 in all).
    /// Proving sg50-5 / sg40m20-2 took 25.5 / 25.9 s with the newest table alone, 23.8 / 25.1 s with 3, 21.4 / 23.8 s
    /// with 6, 21.1 / 21.6 s with 12 and 21.0 / 21.4 s with 24 (docs/results/README.md).
    /// </summary>
    public const int MostTables = 12;

    private readonly TimeIndexedPrefixTable[] _tables;
    private readonly double[][] _price;
    private readonly double[] _total;
    private readonly int[] _instanceModel;
    private readonly bool _unitWeights;
    private readonly double _weight;
    private readonly int[] _instanceUser;
    private readonly TimeIndexedStartWindows[] _windows;
    private readonly double[] _shutBefore;  // the latest starts below which some table shuts a user out, largest first
    private readonly ulong[] _shutOut;      // [i]: the users of the first i entries of _shutBefore (up to 64 users)

    private TimeIndexedNodeBound(TimeIndexedPrefixTable[] tables, double[][] price, int[] instanceModel, int[] instanceUser, bool unitWeights, double weight)
    {
        _tables = tables;
        _price = price;
        _total = [.. price.Select(p => p.Sum())];
        _instanceModel = instanceModel;
        _instanceUser = instanceUser;
        _unitWeights = unitWeights;
        _weight = weight;
        // Tables of one run share δ: their windows are intersected once, so a child is checked against one.
        _windows = [.. tables.Select(t => t.Windows).OfType<TimeIndexedStartWindows>().GroupBy(w => w.StepSeconds)
            .Select(g => g.Count() == 1 ? g.First() : TimeIndexedStartWindows.Intersect([.. g]))];

        // Each table's windows hold on their own, so a user is shut out below the latest of its tables' earliest starts.
        int n = instanceUser.Length;
        var earliest = new double[n];
        foreach (TimeIndexedStartWindows windows in _windows)
        {
            for (int j = 0; j < n; j++)
            {
                earliest[j] = Math.Max(earliest[j], windows.EarliestStart(instanceUser[j]));
            }
        }

        int[] order = [.. Enumerable.Range(0, n).Where(j => earliest[j] > 0.0).OrderByDescending(j => earliest[j])];
        _shutBefore = [.. order.Select(j => earliest[j])];
        _shutOut = new ulong[order.Length + 1];
        for (int i = 0; i < order.Length && n <= 64; i++)
        {
            _shutOut[i + 1] = _shutOut[i] | (1UL << order[i]);
        }
    }

    /// <summary>The newest table.</summary>
    public TimeIndexedPrefixTable Newest => _tables[0];

    /// <summary>Tables held (at most <see cref="MostTables"/>).</summary>
    public int Tables => _tables.Length;

    /// <summary>
    /// <paramref name="table"/> in the search's numbers, in front of the newest tables of <paramref name="earlier"/>
    /// (which is left as it was).
    /// </summary>
    public static TimeIndexedNodeBound Of(TimeIndexedPrefixTable table, SequencingData data, Instance instance, TimeIndexedNodeBound? earlier = null)
    {
        var price = new double[data.Count];
        var instanceModel = new int[data.ModelCount];
        for (int j = 0; j < data.Count; j++)
        {
            int user = data.Users[j];
            instanceModel[data.Model[j]] = instance.Users[user].Model;

            // A user the program does not hold is never on its paths: pricing it at its weight counts it as served.
            double mu = table.Multiplier(user);
            price[j] = double.IsNaN(mu) ? data.Weight[j] : mu;
        }

        int kept = earlier is null ? 0 : Math.Min(earlier.Tables, MostTables - 1);
        TimeIndexedPrefixTable[] tables = [table, .. (earlier?._tables ?? []).AsSpan(0, kept)];
        double[][] prices = [price, .. (earlier?._price ?? []).AsSpan(0, kept)];
        return new TimeIndexedNodeBound(tables, prices, instanceModel, [.. data.Users], data.UnitWeights, data.Count == 0 ? 1.0 : data.Weight[0]);
    }

    /// <summary>Σ μ over the users outside <paramref name="suffix"/> (local numbers), per table, into <paramref name="outside"/>.</summary>
    public void Outside(ReadOnlySpan<int> suffix, Span<double> outside)
    {
        for (int t = 0; t < _tables.Length; t++)
        {
            double sum = _total[t];
            double[] price = _price[t];
            foreach (int user in suffix)
            {
                sum -= price[user];
            }

            outside[t] = sum;
        }
    }

    /// <summary>
    /// Whether a schedule that beats the value known when the tables were made may give local user <paramref name="user"/>
    /// this latest start: every table's start windows (<see cref="TimeIndexedStartWindows"/>) must leave it open. The
    /// incumbent only grows, so a window drawn for an earlier one still holds.
    /// </summary>
    public bool MayStartAt(int user, double latestStart)
    {
        foreach (TimeIndexedStartWindows windows in _windows)
        {
            if (!windows.MayStartAt(_instanceUser[user], latestStart))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The local users (up to 64; none beyond) that no such schedule puts in front of a user starting by
    /// <paramref name="latestStart"/>: a window shuts each of them out at every earlier latest start.
    /// </summary>
    public ulong ShutOutBefore(double latestStart)
    {
        // The entries are largest first: count those above latestStart.
        int low = 0;
        int high = _shutBefore.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_shutBefore[middle] > latestStart)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return _shutOut[low];
    }

    /// <summary>
    /// A bound on a schedule whose suffix is worth <paramref name="value"/>, starts with model <paramref name="model"/> by
    /// <paramref name="latestStart"/> and needs <paramref name="bandwidthHz"/> of the budget B′: <paramref name="outside"/>
    /// holds Σ μ (per table, <see cref="Outside"/>) over the users outside the suffix but <paramref name="user"/>, who is
    /// in it too (−1 for none). Rounded down to a whole number of users with unit weights.
    /// </summary>
    public double Bound(double value, ReadOnlySpan<double> outside, int user, int model, double latestStart, double bandwidthHz)
    {
        int instanceModel = _instanceModel[model];
        double least = double.PositiveInfinity;
        for (int t = 0; t < _tables.Length; t++)
        {
            TimeIndexedPrefixTable table = _tables[t];
            double prices = user < 0 ? outside[t] : outside[t] - _price[t][user];
            least = Math.Min(least, Math.Max(0.0, prices) + table.InFront(instanceModel, latestStart, table.BudgetHz - bandwidthHz));
        }

        double raw = value + least;

        // The sums above add up to n + 1 terms of either sign; a relative 1e-9 covers their rounding.
        raw += 1e-9 * (1.0 + Math.Abs(raw));
        return _unitWeights ? _weight * Math.Floor(raw / _weight) : raw;
    }
}
