using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming;

/// <summary>
/// An independent optimum of the scheduling relaxation (instant uploads) for bottom-layer instances with a common
/// deadline, beyond brute force's 9 users: every vector of per-model counts, each model serving its heaviest users,
/// on the canonical order (the initial model's cluster first and the initial model first, clusters and models
/// together), its ends recomputed by the reference model. Exponential in the number of models; for a handful of
/// models with tens of users each.
/// </summary>
internal static class CountEnumeration
{
    public static double RelaxationOptimum(Instance instance)
    {
        BottomLayerStructure structure = BottomLayerStructure.Detect(instance, out string? whyNot)
            ?? throw new ArgumentException(whyNot);
        int? initial = instance.Server.InitialModel;
        var clusters = structure.Clusters.Select(c => c.ToList()).ToList();
        if (initial is int i0)
        {
            List<int> home = clusters.Single(c => c.Contains(i0));
            home.Remove(i0);
            home.Insert(0, i0);
            clusters.Remove(home);
            clusters.Insert(0, home);
        }

        int[] models = [.. clusters.SelectMany(c => c)];
        int[][] users = [.. models.Select(m => Enumerable.Range(0, instance.Users.Length)
            .Where(k => instance.Users[k].Model == m)
            .OrderByDescending(k => instance.Users[k].Weight).ToArray())];
        var counts = new int[models.Length];
        double best = 0;
        while (true)
        {
            int[] order = [.. Enumerable.Range(0, models.Length).SelectMany(i => users[i].Take(counts[i]))];
            double value = ReferenceModel.Value(instance, order);
            if (value > best && ReferenceModel.EndsWithInstantUploads(instance, order).All(e => e <= instance.Users[0].DeadlineSeconds + ReferenceModel.DeadlineTolerance))
            {
                best = value;
            }

            int digit = 0;
            while (digit < counts.Length && counts[digit] == users[digit].Length)
            {
                counts[digit++] = 0;
            }

            if (digit == counts.Length)
            {
                return best;
            }

            counts[digit]++;
        }
    }
}
