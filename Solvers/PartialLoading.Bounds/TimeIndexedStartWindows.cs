using PartialLoading.Core.Evaluation;

namespace PartialLoading.Bounds;

/// <summary>
/// When each user may start in a schedule worth at least <see cref="Target"/>: the steps of the time-indexed program
/// (<see cref="TimeIndexedBound"/>) at which some path that serves the user there is still worth the target at one
/// table's multipliers (reduced-cost fixing). A search that only looks for schedules worth the target or more — one that
/// beats an incumbent worth <see cref="Target"/> − 1, with whole weights — may drop a user put where its window is shut.
/// </summary>
/// <remarks>
/// Why it holds: a feasible schedule worth V that serves user k with latest start σ is a path of the program that serves
/// k at step ⌈σ/δ⌉ (the argument of <see cref="TimeIndexedBound"/>, taken at the latest starts), and V ≤ Σ μ + λ + (that
/// path's μ-priced value) ≤ Σ μ + λ + (the best path through serving k at that step): the best path into the state
/// before, k's profit there, and the best path on from the state after. Where that is below the target, no schedule worth
/// the target gives k that latest start. The checks allow a step either side and the evaluator's tolerance, so floating
/// point in σ or in the step's index never shuts a window it should not; a user the program does not hold is not restricted.
/// </remarks>
public sealed class TimeIndexedStartWindows
{
    private readonly ulong[]?[] _steps;
    private readonly double[] _earliest;

    /// <param name="stepSeconds">δ, the program's step.</param>
    /// <param name="steps">By instance user (null: not restricted): bit t set where serving the user at step t may reach the target.</param>
    /// <param name="target">The value the windows hold for.</param>
    /// <param name="allowed">User-steps left open.</param>
    /// <param name="examined">User-steps examined (each user from step 0 to its last start).</param>
    internal TimeIndexedStartWindows(double stepSeconds, ulong[]?[] steps, double target, long allowed, long examined)
    {
        StepSeconds = stepSeconds;
        _steps = steps;
        Target = target;
        AllowedSteps = allowed;
        ExaminedSteps = examined;
        _earliest = new double[steps.Length];
        for (int k = 0; k < steps.Length; k++)
        {
            _earliest[k] = Earliest(steps[k], stepSeconds);
        }
    }

    /// <summary>
    /// The steps open in every one of <paramref name="all"/> (drawn on one δ): they hold for the schedules every one of
    /// them holds for, those worth the largest target.
    /// </summary>
    public static TimeIndexedStartWindows Intersect(IReadOnlyList<TimeIndexedStartWindows> all)
    {
        ArgumentOutOfRangeException.ThrowIfZero(all.Count);
        double step = all[0].StepSeconds;
        if (all.Any(w => w.StepSeconds != step || w._steps.Length != all[0]._steps.Length))
        {
            throw new ArgumentException("Windows drawn on different steps or instances do not intersect step by step.", nameof(all));
        }

        var steps = new ulong[]?[all[0]._steps.Length];
        long allowed = 0;
        for (int k = 0; k < steps.Length; k++)
        {
            foreach (TimeIndexedStartWindows windows in all)
            {
                if (windows._steps[k] is not { } bits)
                {
                    continue; // not restricted by this one
                }

                if (steps[k] is not { } kept)
                {
                    steps[k] = [.. bits];
                    continue;
                }

                for (int w = 0; w < kept.Length; w++)
                {
                    kept[w] &= w < bits.Length ? bits[w] : ulong.MaxValue;
                }
            }

            allowed += steps[k] is { } open ? open.Sum(w => (long)System.Numerics.BitOperations.PopCount(w)) : 0;
        }

        return new TimeIndexedStartWindows(step, steps, all.Max(w => w.Target), allowed, all.Max(w => w.ExaminedSteps));
    }

    /// <summary>The value a schedule must reach for the windows to hold (the value known when they were drawn, plus one).</summary>
    public double Target { get; }

    /// <summary>δ, the program's step.</summary>
    public double StepSeconds { get; }

    /// <summary>User-steps the windows leave open.</summary>
    public long AllowedSteps { get; }

    /// <summary>User-steps examined: every user the program holds, from step 0 to its last start.</summary>
    public long ExaminedSteps { get; }

    /// <summary>Whether a schedule worth <see cref="Target"/> may give <paramref name="user"/> (instance index) this latest start.</summary>
    public bool MayStartAt(int user, double latestStartSeconds)
    {
        ulong[]? bits = _steps[user];
        if (bits is null)
        {
            return true;
        }

        double tolerance = ScheduleEvaluator.DeadlineToleranceSeconds;
        long low = Math.Max(0L, (long)Math.Ceiling((latestStartSeconds - tolerance) / StepSeconds) - 1);
        long high = (long)Math.Ceiling((latestStartSeconds + tolerance) / StepSeconds) + 1;
        for (long t = low; t <= high; t++)
        {
            if ((t >> 6) >= bits.Length || ((bits[t >> 6] >> (int)(t & 63)) & 1UL) != 0)
            {
                return true; // open, or past the steps drawn (not decided here)
            }
        }

        return false;
    }

    /// <summary>
    /// A latest start below which no schedule worth <see cref="Target"/> starts <paramref name="user"/> (instance index):
    /// 0 where it is not restricted, +∞ where no window is open. Nobody shut out before σ can go in front of a user that
    /// starts by σ.
    /// </summary>
    public double EarliestStart(int user) => _earliest[user];

    /// <summary>A step before the first open one, less the tolerance (the margin <see cref="MayStartAt"/> allows).</summary>
    private static double Earliest(ulong[]? bits, double step)
    {
        if (bits is null)
        {
            return 0.0;
        }

        for (int w = 0; w < bits.Length; w++)
        {
            if (bits[w] != 0UL)
            {
                int first = (w * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits[w]);
                return Math.Max(0.0, ((first - 2) * step) - ScheduleEvaluator.DeadlineToleranceSeconds);
            }
        }

        return double.PositiveInfinity;
    }
}
