using PartialLoading.Bounds;
using PartialLoading.Core.Model;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// The time-indexed relaxation's table (<see cref="TimeIndexedPrefixTable"/>) in the search's local numbers: a bound on
/// the weight that still fits in front of a suffix, every load charged, in O(1) once the multipliers of the users
/// outside the suffix are summed.
/// </summary>
internal sealed class TimeIndexedNodeBound
{
    private readonly TimeIndexedPrefixTable _table;
    private readonly double[] _price;
    private readonly int[] _instanceModel;
    private readonly bool _unitWeights;
    private readonly double _weight;

    private TimeIndexedNodeBound(TimeIndexedPrefixTable table, double[] price, int[] instanceModel, bool unitWeights, double weight)
    {
        _table = table;
        _price = price;
        _instanceModel = instanceModel;
        _unitWeights = unitWeights;
        _weight = weight;
        Total = price.Sum();
    }

    /// <summary>Σ μ over every user.</summary>
    public double Total { get; }

    /// <summary>The table in the search's numbers.</summary>
    public static TimeIndexedNodeBound Of(TimeIndexedPrefixTable table, SequencingData data, Instance instance)
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

        return new TimeIndexedNodeBound(table, price, instanceModel, data.UnitWeights, data.Count == 0 ? 1.0 : data.Weight[0]);
    }

    /// <summary>User <paramref name="user"/>'s multiplier (local number).</summary>
    public double Price(int user) => _price[user];

    /// <summary>
    /// A bound on a schedule whose suffix is worth <paramref name="value"/>, starts with model <paramref name="model"/> by
    /// <paramref name="latestStart"/> and needs <paramref name="bandwidthHz"/> of the budget B′; <paramref name="outsidePrice"/> is
    /// Σ μ over the users outside the suffix. Rounded down to a whole number of users with unit weights.
    /// </summary>
    public double Bound(double value, double outsidePrice, int model, double latestStart, double bandwidthHz)
    {
        double raw = value + Math.Max(0.0, outsidePrice) + _table.InFront(_instanceModel[model], latestStart, _table.BudgetHz - bandwidthHz);

        // The sums above add up to n + 1 terms of either sign; a relative 1e-9 covers their rounding.
        raw += 1e-9 * (1.0 + Math.Abs(raw));
        return _unitWeights ? _weight * Math.Floor(raw / _weight) : raw;
    }
}
