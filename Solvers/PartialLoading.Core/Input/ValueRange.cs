using System.Globalization;

namespace PartialLoading.Core.Input;

/// <summary>A closed range [<see cref="Min"/>, <see cref="Max"/>] of an input column (docs/model.md §7).</summary>
/// <param name="Min">The least value accepted.</param>
/// <param name="Max">The largest value accepted.</param>
public sealed record ValueRange(double Min, double Max)
{
    /// <summary>True when <paramref name="value"/> lies in the range (NaN never does).</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>The range as a message states it: <c>[1e-06, 1e+09]</c>.</summary>
    public override string ToString()
        => $"[{Format(Min)}, {Format(Max)}]";

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture).ToLowerInvariant();
}
