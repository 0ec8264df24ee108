using System.Globalization;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>One row of a study's result CSV; a missing column or a field that is not a number names its place.</summary>
internal sealed class ResultRow(string path, int line, IReadOnlyDictionary<string, string> fields)
{
    /// <summary>The field of <paramref name="column"/> as written.</summary>
    public string Text(string column) => fields.TryGetValue(column, out string? text)
        ? text
        : throw new InvalidDataException($"{path}:{line}: no column '{column}'");

    /// <summary>The field of <paramref name="column"/> as a number; an empty field is NaN (not measured, not applicable).</summary>
    public double Number(string column)
    {
        string text = Text(column);
        if (text.Length == 0)
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"{path}:{line}: column '{column}': '{text}' is not a number");
    }

    /// <summary>The field of <paramref name="column"/> as a whole number.</summary>
    public int Integer(string column) => (int)Number(column);
}
