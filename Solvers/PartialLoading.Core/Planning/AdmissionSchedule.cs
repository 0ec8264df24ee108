using System.Collections.Immutable;
using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Planning;

/// <summary>
/// A schedule built by appending users one at a time, each admitted only if the extended order stays feasible
/// (deadlines with instant uploads, and Σβ ≤ B; SPEC §4). Baselines and greedy heuristics are loops around it.
/// </summary>
/// <remarks>
/// Appending a user can lower the latest starts of earlier users, and so raise their least bandwidth. The latest
/// starts are updated backwards from the end and the walk stops at the first position whose latest start does not
/// change (earlier ones cannot change either), so an append costs one β evaluation per position it affects. The
/// running Σβ is kept with Neumaier's compensated summation, so many small updates do not drift.
/// </remarks>
public sealed class AdmissionSchedule
{
    private readonly Instance _instance;
    private readonly LoadingTimes _loading;
    private readonly List<int> _order = [];
    private readonly List<double> _ownLatest = []; // T − c per position
    private readonly List<double> _inference = [];
    private readonly List<double> _loads = [];
    private readonly List<double> _latest = [];
    private readonly List<double> _least = [];
    private readonly List<(int Position, double Latest, double Least)> _pending = [];
    private double _sum;
    private double _compensation;

    /// <summary>An empty schedule for <paramref name="instance"/> under the given loading times (default: the instance's).</summary>
    public AdmissionSchedule(Instance instance, LoadingTimes? loading = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _loading = loading ?? instance.LoadingTimes;
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

    /// <summary>Σ β_k(LS_n) over the admitted users, Hz.</summary>
    public double TotalLeastBandwidthHz => _sum + _compensation;

    /// <summary>True when appending <paramref name="user"/> would keep the schedule feasible. Changes nothing.</summary>
    public bool CanAppend(int user) => Check(user, commit: false);

    /// <summary>Appends <paramref name="user"/> if that keeps the schedule feasible.</summary>
    /// <returns>True when the user was admitted.</returns>
    public bool TryAppend(int user) => Check(user, commit: true);

    /// <summary>The schedule with the default split of SPEC §4 (β each, surplus in proportion to β).</summary>
    public Schedule ToSchedule()
    {
        var allocated = new double[_least.Count];
        if (!BandwidthAllocator.TryAllocate(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_least), _instance.Server.BandwidthHz, allocated))
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

        double ownLatest = u.DeadlineSeconds - inference;
        double least = LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, ownLatest);
        double sum = _sum;
        double compensation = _compensation;
        Add(ref sum, ref compensation, least);

        // Walk back while latest starts shrink: LS_p = min(T_p − c_p, LS_{p+1} − L_{p+1} − c_p).
        _pending.Clear();
        double bound = ownLatest - load;
        for (int p = _order.Count - 1; p >= 0; p--)
        {
            double latest = Math.Min(_ownLatest[p], bound - _inference[p]);
            if (latest >= _latest[p])
            {
                break;
            }

            User earlier = _instance.Users[_order[p]];
            double newLeast = LeastBandwidth.Hz(earlier.SnrBandwidthHz, earlier.DataBits, latest);
            Add(ref sum, ref compensation, newLeast);
            Add(ref sum, ref compensation, -_least[p]);
            _pending.Add((p, latest, newLeast));
            bound = latest - _loads[p];
        }

        if (!BandwidthAllocator.Fits(sum + compensation, _instance.Server.BandwidthHz))
        {
            return false;
        }

        if (commit)
        {
            foreach ((int position, double latest, double newLeast) in _pending)
            {
                _latest[position] = latest;
                _least[position] = newLeast;
            }

            _order.Add(user);
            _ownLatest.Add(ownLatest);
            _inference.Add(inference);
            _loads.Add(load);
            _latest.Add(ownLatest);
            _least.Add(least);
            _sum = sum;
            _compensation = compensation;
            InstantEndSeconds = end;
            LastModel = model;
        }

        return true;
    }

    // Neumaier's variant of Kahan summation: exact enough that Σβ never drifts past the budget check.
    private static void Add(ref double sum, ref double compensation, double value)
    {
        double t = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
        sum = t;
    }
}
