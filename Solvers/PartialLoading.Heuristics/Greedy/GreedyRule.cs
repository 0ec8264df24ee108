namespace PartialLoading.Heuristics.Greedy;

/// <summary>How the greedy ranks the models it could load next, seen from the model in memory (docs/model.md §6).</summary>
public enum GreedyRule
{
    /// <summary>Least loading time L(h, i) first: the source's rule (<c>least-loading</c>, the default).</summary>
    LeastLoading,

    /// <summary>Largest shared parameter size |S_h ∩ S_i| first (<c>most-shared</c>): the source's wording taken literally.</summary>
    /// <remarks>
    /// The two differ when model sizes differ: a large model that shares much can still load more than a small one
    /// that shares little.
    /// </remarks>
    MostShared,
}

/// <summary>The command-line words of <see cref="GreedyRule"/>.</summary>
public static class GreedyRuleWords
{
    /// <summary>The words, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = ["least-loading", "most-shared"];

    /// <summary><c>least-loading</c> or <c>most-shared</c>.</summary>
    public static string ToWord(this GreedyRule rule) => rule switch
    {
        GreedyRule.LeastLoading => "least-loading",
        GreedyRule.MostShared => "most-shared",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>The rule named by <paramref name="word"/>.</summary>
    /// <exception cref="ArgumentException">The word names no rule.</exception>
    public static GreedyRule Parse(string word) => word switch
    {
        "least-loading" => GreedyRule.LeastLoading,
        "most-shared" => GreedyRule.MostShared,
        _ => throw new ArgumentException($"unknown greedy rule '{word}' (known: {string.Join(", ", All)})", nameof(word)),
    };
}
