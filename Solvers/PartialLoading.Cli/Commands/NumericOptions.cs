using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// Gives every whole-number and decimal option of every command one parser, so a bad value reads like the rest of
/// plsolve's usage errors (<c>--iterations: 'abc' is not a whole number</c>) rather than naming a .NET type
/// (<c>System.Nullable`1[System.Int32]</c>), and <c>nan</c> or <c>inf</c> are refused as they are in the CSV files.
/// </summary>
/// <remarks>
/// Installed once on the finished command tree (<see cref="PlsolveApp.BuildRoot"/>), so an option added to any command
/// later is covered without remembering to ask. Options that bring a parser of their own (<c>--threads</c>,
/// <c>--time-limit</c>) keep it; ranges stay with each command, which knows what its numbers mean.
/// </remarks>
internal static class NumericOptions
{
    /// <summary>Sets the parser of every <c>int</c>, <c>int?</c>, <c>double</c> and <c>double?</c> option in <paramref name="command"/> and its subcommands that has none.</summary>
    public static void Install(Command command)
    {
        foreach (Option option in command.Options)
        {
            switch (option)
            {
                case Option<int> o when o.CustomParser is null:
                    o.CustomParser = r => Whole(r, o.Name) ?? default;
                    break;
                case Option<int?> o when o.CustomParser is null:
                    o.CustomParser = r => Whole(r, o.Name);
                    break;
                case Option<double> o when o.CustomParser is null:
                    o.CustomParser = r => Real(r, o.Name) ?? default;
                    break;
                case Option<double?> o when o.CustomParser is null:
                    o.CustomParser = r => Real(r, o.Name);
                    break;
            }
        }

        foreach (Command subcommand in command.Subcommands)
        {
            Install(subcommand);
        }
    }

    private static int? Whole(ArgumentResult result, string name)
    {
        if (Token(result) is not string text)
        {
            return null; // absent: the option's default applies
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        string unsigned = text.Trim().TrimStart('-', '+');
        result.AddError(unsigned.Length > 0 && unsigned.All(char.IsAsciiDigit)
            ? $"{name}: '{text}' is too large for a whole number (at most {int.MaxValue.ToString(CultureInfo.InvariantCulture)})"
            : $"{name}: '{text}' is not a whole number");
        return null;
    }

    private static double? Real(ArgumentResult result, string name)
    {
        if (Token(result) is not string text)
        {
            return null; // absent: the option's default applies
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        string trimmed = text.Trim().TrimStart('-', '+').ToLowerInvariant();
        bool nonFinite = trimmed is "inf" or "infinity" or "nan" or "∞" || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double big) && !double.IsFinite(big));
        result.AddError(nonFinite ? $"{name}: '{text}' is not a finite number" : $"{name}: '{text}' is not a number");
        return null;
    }

    // One token: the option takes exactly one value, so System.CommandLine has already reported any other count.
    private static string? Token(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
}
