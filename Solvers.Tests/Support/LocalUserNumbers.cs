using PartialLoading.Core.Model;
using PartialLoading.DynamicProgramming.Labeling;

namespace PartialLoading.Tests.Support;

/// <summary>The labeling search's local user numbers by instance user (−1 for a user it leaves out).</summary>
internal static class LocalUserNumbers
{
    public static int[] Of(SequencingData data, Instance instance)
    {
        var local = Enumerable.Repeat(-1, instance.Users.Length).ToArray();
        for (int j = 0; j < data.Count; j++)
        {
            local[data.Users[j]] = j;
        }

        return local;
    }
}
