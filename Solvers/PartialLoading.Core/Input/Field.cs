using System.Globalization;

namespace PartialLoading.Core.Input;

/// <summary>
/// A parsed value together with its text, so range problems quote what the user wrote; a field that could not
/// be parsed carries <see cref="IsValid"/> = false and its problem has already been reported.
/// </summary>
internal readonly record struct Field<T>(T Value, string Text, bool IsValid)
{
    public static Field<T> Invalid(string text) => new(default!, text, false);
}

internal static class Field
{
    public static Field<double> Of(double value) => new(value, value.ToString("R", CultureInfo.InvariantCulture), true);

    public static Field<string> Of(string value) => new(value, value, true);
}
