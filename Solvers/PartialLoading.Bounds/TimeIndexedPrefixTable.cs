using PartialLoading.Core.Evaluation;

namespace PartialLoading.Bounds;

/// <summary>
/// The time-indexed relaxation's program (<see cref="TimeIndexedBound"/>) read from time 0 forwards at the multipliers
/// of its best bound: the most a path earns by each step with each model in memory. A search that builds schedules from
/// the back bounds with it, in O(1) per node, what still fits in front of a suffix, every load charged (docs/model.md §10).
/// </summary>
/// <remarks>
/// Why it holds: a prefix that fits in front of a suffix whose first user (model h) starts by LS serves users P outside
/// the suffix and is a path of the program that reaches model h at step ⌈LS/δ⌉ (the argument of
/// <see cref="TimeIndexedBound"/>), with Σ_P floor ≤ b_left, the bandwidth the suffix leaves. For μ, λ ≥ 0,
/// Σ_P w = Σ_P (w − μ − λ·floor/B′) + Σ_P μ + λ·Σ_P floor/B′ ≤ <see cref="InFront"/>(h, LS, b_left) + Σ_{k outside} μ_k: the path
/// may also serve the suffix's users (at w − μ − …), which only adds paths.
/// </remarks>
public sealed class TimeIndexedPrefixTable
{
    private readonly double[]?[] _reach;
    private readonly double _top;
    private readonly double[] _multiplier;
    private readonly double _lambda;
    private readonly double _budgetHz;
    private readonly bool _unitWeights;

    /// <param name="stepSeconds">δ.</param>
    /// <param name="reach">By instance model (null for a model no user requests): by step, the most a path earns
    /// arriving there with the model in memory, non-decreasing (a path may wait).</param>
    /// <param name="top">The most any path earns.</param>
    /// <param name="multiplier">By instance user: μ_k ≥ 0, NaN for a user the program does not hold (it can never be served).</param>
    /// <param name="lambda">λ ≥ 0, per whole budget.</param>
    /// <param name="budgetHz">B′, the budget with its tolerance.</param>
    /// <param name="value">The bound these multipliers give at time 0 (Σ μ + λ + <paramref name="top"/>).</param>
    /// <param name="unitWeights">Whether every user weighs the same (the bound is then a whole number of users).</param>
    internal TimeIndexedPrefixTable(double stepSeconds, double[]?[] reach, double top, double[] multiplier, double lambda, double budgetHz, double value, bool unitWeights)
    {
        StepSeconds = stepSeconds;
        _reach = reach;
        _top = top;
        _multiplier = multiplier;
        _lambda = lambda;
        _budgetHz = budgetHz;
        _unitWeights = unitWeights;
        Value = value;

        Bound = OutwardRounding.Round(unitWeights, TimeIndexedBound.WithMargin(value));
    }

    /// <summary>
    /// When each user may start in a schedule that beats the value known when the table was made, drawn at the table's
    /// multipliers; null when none were drawn (no value known, fractional weights, or a suffix's table).
    /// </summary>
    public TimeIndexedStartWindows? Windows { get; private init; }

    /// <summary>This table with <paramref name="windows"/> drawn at its multipliers.</summary>
    internal TimeIndexedPrefixTable WithWindows(TimeIndexedStartWindows windows)
        => new(StepSeconds, _reach, _top, _multiplier, _lambda, _budgetHz, Value, _unitWeights) { Windows = windows };

    /// <summary>λ ≥ 0, the budget's multiplier, per whole budget.</summary>
    public double Lambda => _lambda;

    /// <summary>B′: the bandwidth budget with its tolerance, as the program prices it.</summary>
    public double BudgetHz => _budgetHz;

    /// <summary>δ, the program's step.</summary>
    public double StepSeconds { get; }

    /// <summary>The bound the table's multipliers give for the whole instance (before outward rounding).</summary>
    public double Value { get; }

    /// <summary><see cref="Value"/> rounded outwards: a bound on the optimum like the relaxation's own.</summary>
    public double Bound { get; }

    /// <summary>User <paramref name="user"/>'s multiplier μ ≥ 0; NaN when the program does not hold the user (it cannot be served on its own).</summary>
    public double Multiplier(int user) => _multiplier[user];

    /// <summary>
    /// The most the program's paths that reach model <paramref name="model"/> by <paramref name="latestStartSeconds"/>
    /// earn at the table's multipliers, plus λ·<paramref name="bandwidthLeftHz"/>/B′: add Σ μ_k over the users that may
    /// go in front for a bound on their weight (see the remarks of the type).
    /// </summary>
    /// <param name="model">The suffix's first model (instance index).</param>
    /// <param name="latestStartSeconds">The latest start of the suffix's first user.</param>
    /// <param name="bandwidthLeftHz">The bandwidth the suffix leaves.</param>
    public double InFront(int model, double latestStartSeconds, double bandwidthLeftHz)
    {
        double[]? reach = _reach[model];
        double path = _top;
        double steps = Math.Ceiling(((latestStartSeconds + ScheduleEvaluator.DeadlineToleranceSeconds) / StepSeconds) + 1e-9);
        if (reach is not null && steps < reach.Length)
        {
            // The empty prefix earns 0 (a label is a schedule); max also guards a step reached by no path.
            path = Math.Max(0.0, reach[Math.Max(0, (int)steps)]);
        }

        return path + (_lambda * Math.Max(0.0, bandwidthLeftHz) / _budgetHz);
    }
}
