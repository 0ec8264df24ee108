using System.Globalization;

namespace PartialLoading.Generation;

/// <summary>Ids like <c>u001 … u250</c>: a prefix and a number padded to the width of the largest, so they sort as they count.</summary>
internal static class SequentialId
{
    /// <summary>The id of item <paramref name="number"/> (from 1) of <paramref name="count"/>, at least two digits wide.</summary>
    public static string Of(string prefix, int number, int count)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        int width = Math.Max(2, Math.Max(count, number).ToString(CultureInfo.InvariantCulture).Length);
        return prefix + number.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
