using System.CommandLine;
using PartialLoading.Bounds;

namespace PartialLoading.Cli.Commands;

/// <summary>
/// <c>--bound none|fast|strong</c> of <c>solve</c> and <c>compare</c>: which relaxations prove a bound for a result that has
/// none of its own (docs/model.md §10); <see cref="SolverSettings.Bound"/> in the library.
/// </summary>
internal static class BoundOption
{
    private static readonly Dictionary<string, BoundEffort> Words = new(StringComparer.Ordinal)
    {
        ["none"] = BoundEffort.None,
        ["fast"] = BoundEffort.Fast,
        ["strong"] = BoundEffort.Strong,
    };

    public static Option<string> Create()
    {
        var option = new Option<string>("--bound")
        {
            Description = "Prove a bound for results without one (a heuristic's, a stopped search's): none, fast (default: about as long as reading the instance, at most 2 s) or strong (in what the solver leaves of --time-limit, at least 2 s; 60 s without --time-limit).",
            DefaultValueFactory = _ => "fast",
        };
        option.AcceptOnlyFromAmong([.. Words.Keys]);
        return option;
    }

    public static BoundEffort Parse(string word) => Words[word];
}
