using System.Globalization;
using System.Text.RegularExpressions;
using PartialLoading.Core.Input;

namespace PartialLoading.Core.Csv;

/// <summary>
/// Parses cells by the rules of docs/model.md §7: numbers are an optional sign, digits with an optional fraction and an
/// optional exponent, with <c>.</c> as the decimal point; nan, inf and empty cells are rejected.
/// </summary>
internal static partial class CsvCells
{
    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[+-]?(?:nan|inf|infinity|∞)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NonFinitePattern();

    /// <summary>Parses a number; null text (an absent cell, already reported) gives an invalid field silently.</summary>
    public static Field<double> Number(string? text, string file, int line, string column, List<InputProblem> problems)
    {
        if (text is null)
        {
            return Field<double>.Invalid(string.Empty);
        }

        if (text.Length == 0)
        {
            problems.Add(new InputProblem(file, line, column, "the cell is empty"));
            return Field<double>.Invalid(text);
        }

        if (TryParseNumber(text, out double value, out string? error))
        {
            return new Field<double>(value, text, true);
        }

        problems.Add(new InputProblem(file, line, column, error!));
        return Field<double>.Invalid(text);
    }

    /// <summary>Parses a number by the rules above; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParseNumber(string text, out double value, out string? error)
    {
        string trimmed = text.Trim();
        value = 0.0;
        if (NumberPattern().IsMatch(trimmed))
        {
            value = double.Parse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(value))
            {
                error = null;
                return true;
            }

            error = $"'{InputEcho.Cell(text)}' is out of the range of a double";
            return false;
        }

        error = NonFinitePattern().IsMatch(trimmed) ? $"'{InputEcho.Cell(text)}' is not a finite number" : $"'{InputEcho.Cell(text)}' is not a number";
        return false;
    }

    /// <summary>A count or index: a number that is whole, at least 0 and at most <see cref="int.MaxValue"/>.</summary>
    public static Field<int> WholeNumber(string? text, string file, int line, string column, List<InputProblem> problems)
    {
        Field<double> number = Number(text, file, line, column, problems);
        if (!number.IsValid)
        {
            return Field<int>.Invalid(number.Text);
        }

        if (number.Value != Math.Floor(number.Value) || number.Value < 0 || number.Value > int.MaxValue)
        {
            problems.Add(new InputProblem(file, line, column, $"'{InputEcho.Cell(number.Text)}' is not a whole number ≥ 0"));
            return Field<int>.Invalid(number.Text);
        }

        return new Field<int>((int)number.Value, number.Text, true);
    }

    /// <summary>A required text cell (an id or reference): empty is a problem.</summary>
    public static Field<string> Text(string? text, string file, int line, string column, List<InputProblem> problems)
    {
        if (text is null)
        {
            return Field<string>.Invalid(string.Empty);
        }

        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            problems.Add(new InputProblem(file, line, column, "the cell is empty"));
            return Field<string>.Invalid(text);
        }

        return new Field<string>(trimmed, text, true);
    }
}
