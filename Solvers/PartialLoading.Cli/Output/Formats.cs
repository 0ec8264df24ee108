using System.Globalization;

namespace PartialLoading.Cli.Output;

/// <summary>Number formats for people (tables, summaries). Files use round-trip formats instead.</summary>
internal static class Formats
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Seconds(double value) => Fixed(value, 6);

    public static string Megahertz(double hz) => Fixed(hz / 1e6, 6);

    public static string Value(double value) => value == Math.Floor(value) && Math.Abs(value) < 1e15
        ? value.ToString("0", Invariant)
        : value.ToString("0.######", Invariant);

    public static string Percent(double fraction) => (100.0 * fraction).ToString("0.##", Invariant) + " %";

    public static string Number(double value) => value.ToString("G6", Invariant);

    public static string Fixed(double value, int decimals) => double.IsPositiveInfinity(value)
        ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("F" + decimals.ToString(Invariant), Invariant);
}
