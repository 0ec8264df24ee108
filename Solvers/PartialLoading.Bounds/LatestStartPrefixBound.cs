using PartialLoading.Bandwidth;
using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <see cref="LatestStartBound"/> taken down to the nodes of a search that builds schedules from the back: the
/// multipliers (λ, μ) of its least U at the root are fixed, and its dynamic program is read from the other end
/// (<see cref="LatestStartProgram.ToGo"/>), so that what can still be served in front of a suffix is bounded by one
/// table look-up instead of a pass — for bottom-layer sharing with a common deadline, where the root relaxation is the
/// strongest there is and the search's own counting bounds know nothing of a user's real latest start.
/// </summary>
/// <remarks>
/// <para>
/// <b>Validity.</b> Let S be a suffix (its users served last, in the search's order) whose first user, of model h,
/// has latest start LS, and P the users of any feasible completion in front of it. P and S are disjoint, and a
/// feasible schedule has Σ_{P} β_k(LS_k) ≤ B(1 + 1e-9) − Σ_{S} β_k = B_left. For λ ≥ 0 and μ ≥ 0:
/// Σ_P w_k ≤ λ·B_left + Σ_P (w_k − μ_k − λ·β_k(LS_k)) + Σ_P μ_k, and Σ_P μ_k ≤ Σ_{k∉S} μ_k. With a common deadline T
/// the latest starts are T less the work after a user, so the work after P's last batch, if it is of another model,
/// is T − LS plus the load into h (h's head within its cluster, its backbone too across clusters): exactly the state of
/// the program whose cells are T − LS plus h's head, rounded down (<see cref="LatestStartProgram.State"/>), with the
/// program's own transitions from there on (another model of h's cluster priced at those cells, another cluster at
/// those plus h's backbone rounded down). So P's batches, cut as <see cref="LatestStartBound"/> cuts a whole schedule,
/// form a path of the program from that state whose cells never exceed P's real work after each batch, and by the
/// argument there its value is at least Σ_P (w_k − μ_k − λ·β_k(LS_k)). If P's last batch is of model h it merges with
/// S's front batch: its users see T − LS after them (at least the state's cells less h's head rounded up) and add
/// only their inferences; the table's first step allows exactly that. A state whose suffix alone could not be a
/// whole schedule has no final value, and the empty P is worth 0, so the table's value is taken at least 0. Hence
/// λ·B_left + Σ_{k∉S} μ_k + max(0, ToGo(state)) bounds Σ_P w_k; the sum is raised by a relative 1e-10 (as the root
/// bound) and floored with unit weights. The suffix's own bandwidth is shrunk by a relative 1e-5 first (β's error),
/// which only enlarges B_left.
/// </para>
/// <para>
/// At the empty suffix it is the root bound U(λ, μ). At a suffix whose own Lagrangian profit falls short of the best
/// path of the program through its state, it is lower by that shortfall: what the suffix wastes of the multipliers'
/// optimum, which the search's counting bounds cannot see.
/// </para>
/// </remarks>
public sealed class LatestStartPrefixBound
{
    private const double BandwidthShrink = 1e-5;

    private readonly LatestStartProgram _program;
    private readonly double[] _toGo;
    private readonly int _width;
    private readonly double _deadline;
    private readonly double _budgetHz;
    private readonly bool _unitWeights;
    private readonly double[] _mu; // per instance user (0 for those that cannot be served alone)

    private LatestStartPrefixBound(RelaxationData data, LatestStartProgram program, double lambda, double[] mu, double rootValue)
    {
        _program = program;
        PerHz = lambda;
        _toGo = program.ToGo(mu, lambda);
        _width = program.Width;
        _deadline = data.Deadline[0];
        _budgetHz = data.BudgetHz;
        _unitWeights = data.UnitWeights;
        _mu = new double[data.Instance.Users.Length];
        for (int k = 0; k < data.Count; k++)
        {
            _mu[data.Users[k]] = mu[k];
        }

        MultiplierSum = mu.Sum();
        RootValue = rootValue;
    }

    /// <summary>λ, per Hz.</summary>
    public double PerHz { get; }

    /// <summary>Σ μ_k over every user.</summary>
    public double MultiplierSum { get; }

    /// <summary>The raw U(λ, μ) the multipliers were chosen by (before rounding): the bound at the empty suffix.</summary>
    public double RootValue { get; }

    /// <summary>
    /// The bound for <paramref name="instance"/>, or null when the latest-start relaxation does not apply (not
    /// bottom-layer sharing with a common deadline among the users that can be served alone, a model with no time, an
    /// instance beyond the relaxation's work cap) or <paramref name="budget"/> ran out before the multipliers were set.
    /// </summary>
    /// <param name="instance">The instance.</param>
    /// <param name="budget">Time for the multipliers' search.</param>
    /// <param name="relaxation">The relaxation's settings (default: its strong ones).</param>
    public static LatestStartPrefixBound? Create(Instance instance, BoundBudget budget, LatestStartBound? relaxation = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(budget);
        var data = RelaxationData.Of(instance);
        if (data.Count == 0 || budget.IsSpent)
        {
            return null;
        }

        if ((relaxation ?? new LatestStartBound()).Prices(data, budget, out _) is not var (program, value, lambda, mu) || !double.IsFinite(value))
        {
            return null;
        }

        return new LatestStartPrefixBound(data, program, lambda, mu, value);
    }

    /// <summary>μ_k of instance user <paramref name="user"/> (0 for a user that cannot be served alone).</summary>
    public double Multiplier(int user) => _mu[user];

    /// <summary>
    /// The most weight that users outside a suffix can add in front of it (+∞ when the suffix's state lies outside the
    /// program).
    /// </summary>
    /// <param name="latestStart">The latest start of the suffix's first user (+∞ for the empty suffix).</param>
    /// <param name="model">The instance model of that user (ignored for the empty suffix).</param>
    /// <param name="suffixBandwidthHz">Σ β_k of the suffix's users at their latest starts.</param>
    /// <param name="outsideMultipliers">Σ μ_k over the users not in the suffix (at most <see cref="MultiplierSum"/>).</param>
    public double Front(double latestStart, int model, double suffixBandwidthHz, double outsideMultipliers)
    {
        int at;
        if (double.IsPositiveInfinity(latestStart))
        {
            at = _width - 1;
        }
        else if (_program.State(_deadline - latestStart, model) is (int cells, int front))
        {
            at = (cells * _width) + front;
        }
        else
        {
            return double.PositiveInfinity;
        }

        double left = Math.Max(0.0, _budgetHz - (suffixBandwidthHz * (1.0 - BandwidthShrink)));
        double raw = (PerHz * left) + Math.Max(0.0, outsideMultipliers) + Math.Max(0.0, _toGo[at]);
        raw += 1e-10 * Math.Abs(raw);
        return OutwardRounding.Round(_unitWeights, raw);
    }
}
