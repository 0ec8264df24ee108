using System.Globalization;

namespace PartialLoading.Cli.Comparison;

/// <summary>The seeds of <c>--seeds</c>: a range <c>a..b</c> (both included) or a comma-separated list.</summary>
internal static class SeedList
{
    /// <summary>Most seeds one run takes: a typo such as <c>1..10000000</c> should not start a week of solves.</summary>
    public const int Max = 10_000;

    /// <summary>Parses <c>1..10</c> or <c>1,2,5</c>.</summary>
    /// <exception cref="UsageException">Not a range or list of whole numbers, a repeated seed, or more than <see cref="Max"/>.</exception>
    public static IReadOnlyList<int> Parse(string text)
    {
        string[] range = text.Split("..");
        List<int> seeds;
        if (range.Length == 2)
        {
            (int first, int last) = (Seed(range[0], text), Seed(range[1], text));
            if (last < first)
            {
                throw new UsageException($"--seeds '{text}': the range a..b needs a ≤ b");
            }

            if ((long)last - first + 1 > Max)
            {
                throw new UsageException($"--seeds '{text}': at most {Max} seeds");
            }

            seeds = [.. Enumerable.Range(first, last - first + 1)];
        }
        else
        {
            seeds = [.. text.Split(',', StringSplitOptions.TrimEntries).Select(s => Seed(s, text))];
        }

        if (seeds.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new UsageException($"--seeds '{text}' names seed {twice.Key} twice");
        }

        return seeds.Count <= Max ? seeds : throw new UsageException($"--seeds '{text}': at most {Max} seeds");
    }

    /// <summary><c>seed 0</c>, or <c>seeds 1..10 (10)</c> for a run of consecutive seeds, or the list.</summary>
    public static string Describe(IReadOnlyList<int> seeds)
    {
        if (seeds.Count == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"seed {seeds[0]}");
        }

        bool consecutive = seeds.Zip(seeds.Skip(1)).All(p => p.Second == p.First + 1);
        return consecutive
            ? string.Create(CultureInfo.InvariantCulture, $"seeds {seeds[0]}..{seeds[^1]} ({seeds.Count})")
            : $"seeds {string.Join(",", seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))}";
    }

    private static int Seed(string part, string text)
        => int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : throw new UsageException($"--seeds '{text}': '{part}' is not a whole number (write a range 1..10 or a list 1,2,5)");
}
