using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Support;

/// <summary>Every feasible service sequence of a small instance, enumerated plainly with the reference model.</summary>
internal static class FeasibleSequences
{
    /// <summary>Every feasible sequence, by extending feasible prefixes (docs/model.md §4: an infeasible prefix stays infeasible).</summary>
    public static List<int[]> All(Instance instance)
    {
        var found = new List<int[]>();
        Extend(instance, [], found);
        return found;
    }

    private static void Extend(Instance instance, List<int> prefix, List<int[]> found)
    {
        for (int k = 0; k < instance.Users.Length; k++)
        {
            if (prefix.Contains(k))
            {
                continue;
            }

            prefix.Add(k);
            if (ReferenceModel.IsFeasibleOrder(instance, prefix))
            {
                found.Add([.. prefix]);
                Extend(instance, prefix, found);
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
