using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Support;

/// <summary>
/// The exact optimum of small instances by exhaustive search over sequences of distinct users, evaluated with the
/// <see cref="ReferenceModel"/>. A prefix that is infeasible is not extended: appending users never makes an
/// infeasible sequence feasible (docs/model.md §4; checked on its own in <c>SpecInvariantTests</c>).
/// </summary>
internal static class BruteForce
{
    public sealed record Optimum(double Value, int[] Order);

    public static Optimum Solve(Instance instance, bool sharing = true)
    {
        if (instance.Users.Length > 9)
        {
            throw new ArgumentException("Brute force is for instances of at most 9 users.");
        }

        var best = new Optimum(0.0, []);
        var prefix = new List<int>();
        var used = new bool[instance.Users.Length];
        Extend(instance, sharing, prefix, used, 0.0, ref best);
        return best;
    }

    private static void Extend(Instance instance, bool sharing, List<int> prefix, bool[] used, double value, ref Optimum best)
    {
        if (value > best.Value + 1e-12)
        {
            best = new Optimum(value, [.. prefix]);
        }

        for (int k = 0; k < used.Length; k++)
        {
            if (used[k])
            {
                continue;
            }

            prefix.Add(k);
            if (ReferenceModel.IsFeasibleOrder(instance, prefix, sharing))
            {
                used[k] = true;
                Extend(instance, sharing, prefix, used, value + instance.Users[k].Weight, ref best);
                used[k] = false;
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
