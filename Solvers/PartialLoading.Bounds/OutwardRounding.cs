using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// Turns a relaxation's floating-point value into a bound that floating point cannot have cut below the optimum.
/// </summary>
/// <remarks>
/// With unit weights the optimum is an integer, so any real bound x may be floored; <c>floor(x + 1e-9)</c> keeps a
/// value that rounding left a hair below an integer (the relaxations sum at most 10⁶ terms of at most 10⁶, so their
/// error is far below 1e-9). With other weights the value is raised by a relative 1e-9 (and an absolute 1e-9), which
/// covers the summation error of every relaxation here by several orders of magnitude.
/// </remarks>
internal static class OutwardRounding
{
    private const double Slack = 1e-9;

    /// <summary>The bound reported for a raw value <paramref name="raw"/> on <paramref name="instance"/>.</summary>
    public static double Round(Instance instance, double raw) => Round(instance.HasUnitWeights, raw);

    /// <summary>The bound reported for a raw value: floored for unit weights, raised slightly otherwise.</summary>
    public static double Round(bool unitWeights, double raw)
    {
        if (!double.IsFinite(raw))
        {
            return raw;
        }

        raw = Math.Max(0.0, raw);
        return unitWeights ? Math.Floor(raw + Slack) : raw + (Slack * Math.Max(1.0, raw));
    }
}
