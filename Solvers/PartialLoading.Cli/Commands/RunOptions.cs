using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// The options every command that runs solvers shares (<c>--time-limit</c>, <c>--threads</c>, <c>--solvers</c>),
/// each defined once with its validator. A bad value is a parse error, which <see cref="PlsolveApp"/> prints as one
/// line, like every other usage error.
/// </summary>
internal static class RunOptions
{
    /// <summary>
    /// The longest time limit accepted, s (11.6 days): far beyond any run, and well inside what <see cref="TimeSpan"/>
    /// and the exact solvers' own clocks hold.
    /// </summary>
    public const double MaxTimeLimitSeconds = 1e6;

    /// <summary><c>--time-limit S</c>: positive seconds, at most <see cref="MaxTimeLimitSeconds"/>; absent gives null (or <paramref name="defaultSeconds"/>).</summary>
    public static Option<TimeSpan?> TimeLimit(string description, double? defaultSeconds = null)
    {
        var option = new Option<TimeSpan?>("--time-limit", "-t")
        {
            Description = description,
            CustomParser = result => ParseTimeLimit(result),
        };
        if (defaultSeconds is double seconds)
        {
            option.DefaultValueFactory = _ => TimeSpan.FromSeconds(seconds);
        }

        return option;
    }

    /// <summary><c>--threads N</c>: at least 1; absent gives <paramref name="defaultThreads"/>.</summary>
    public static Option<int> Threads(string description, int defaultThreads)
    {
        var option = new Option<int>("--threads")
        {
            Description = description,
            DefaultValueFactory = _ => defaultThreads,
            CustomParser = result =>
            {
                string text = Single(result);
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1)
                {
                    return n;
                }

                result.AddError($"--threads must be a whole number of at least 1, got '{text}'");
                return defaultThreads;
            },
        };
        return option;
    }

    /// <summary>
    /// <c>--solvers a,b,c</c>: known solver names, each once, in the order given. Absent gives null; a command that
    /// needs the list says <see cref="SolversRequired"/>.
    /// </summary>
    public static Option<string[]?> Solvers(string description)
        => new("--solvers")
        {
            Description = description,
            CustomParser = result => ParseSolvers(result),
        };

    /// <summary>The solvers given with <paramref name="option"/>, or null when it is absent (System.CommandLine then gives an empty array).</summary>
    public static string[]? GetSolvers(ParseResult parsed, Option<string[]?> option)
        => parsed.GetValue(option) is { Length: > 0 } names ? names : null;

    /// <summary>What a command that needs <c>--solvers</c> says when it is absent.</summary>
    public static string SolversRequired => $"--solvers is required: a comma-separated list of {string.Join(", ", SolverCatalog.Names)}";

    private static TimeSpan? ParseTimeLimit(ArgumentResult result)
    {
        string text = Single(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= MaxTimeLimitSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        result.AddError($"--time-limit must be a positive number of seconds, at most {MaxTimeLimitSeconds:0} (11.6 days), got '{text}'");
        return null;
    }

    private static string[]? ParseSolvers(ArgumentResult result)
    {
        string[] names = Single(result).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            result.AddError($"--solvers is empty: give a comma-separated list of {string.Join(", ", SolverCatalog.Names)}");
            return null;
        }

        if (names.FirstOrDefault(n => !SolverCatalog.Names.Contains(n)) is string unknown)
        {
            result.AddError($"--solvers: unknown solver '{unknown}' (known: {string.Join(", ", SolverCatalog.Names)})");
            return null;
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            result.AddError($"--solvers names '{twice.Key}' twice");
            return null;
        }

        return names;
    }

    // One token: the option takes exactly one value, so System.CommandLine has already reported any other count.
    private static string Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
}
