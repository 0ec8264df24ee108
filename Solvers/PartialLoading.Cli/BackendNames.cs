using PartialLoading.Milp;

namespace PartialLoading.Cli;

/// <summary>The command-line words for <see cref="MilpBackend"/>.</summary>
internal static class BackendNames
{
    private static readonly Dictionary<string, MilpBackend> ByName = new(StringComparer.Ordinal)
    {
        ["scip"] = MilpBackend.Scip,
        ["highs"] = MilpBackend.Highs,
        ["cbc"] = MilpBackend.Cbc,
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static MilpBackend Parse(string name) => ByName[name];

    public static string Name(MilpBackend backend) => ByName.First(p => p.Value == backend).Key;
}
