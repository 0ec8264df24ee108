using PartialLoading.Core.Model;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// Turns the DP's counts into a service order: batches in the DP's order (the initial model's cluster and batch
/// first), and inside each batch the users chosen and ordered for the bandwidth test.
/// </summary>
/// <remarks>
/// <para>
/// With a common deadline T the latest starts of docs/model.md §4 are <c>LS_n = T − c_n − Σ_{m>n}(L_m + c_m)</c>: they depend on
/// the models at the positions, not on which of a model's users sits where, and they grow along the sequence. So for
/// fixed counts each model's batch is a fixed set of slots s_1 &lt; … &lt; s_x, and choosing its users is an assignment
/// problem: x of the model's users onto the slots, minimising Σ β_k(s). The models do not interact, so the sum of the
/// per-model minima is the least Σβ of any choice with these counts and this batch sequence.
/// </para>
/// <para>
/// β_k(t) = a_k·φ(ρ_k/t) with ρ_k = D_k·ln2/a_k and φ increasing and convex (the inverse of the concave rate). The rule
/// used here: serve the users with the smallest D/a (ties: smaller a), in that order, so the largest D/a goes last
/// (<see cref="UploadDemand"/>). <b>What holds exactly</b>: if, within a model, sorting the users by D/a also sorts
/// them by a (in particular when they share a = p·g/N₀), the rule gives the least Σβ of every choice of the same
/// counts. Choice: an unchosen user u with ρ_u ≤ ρ_k and a_u ≤ a_k has β_u ≤ β_k at every t, so swapping it in never
/// hurts. Order: for ρ_k ≥ ρ_l and a_k ≥ a_l, d/dt(β_k − β_l) = −(a_k·φ′(ρ_k/t)·ρ_k − a_l·φ′(ρ_l/t)·ρ_l)/t² ≤ 0 since φ′
/// is increasing, so β_k − β_l falls with t (a Monge cost) and the later slot belongs to k. <b>Otherwise it is
/// not guaranteed</b>: when D/a and a disagree, two users' β curves can cross twice (the one with the larger D/a has
/// the later pole, the one with the larger D is costlier at large t), so which one should go later depends on the
/// slot times, and no fixed ranking is optimal for all instances. So when this order fails the test, the solver
/// re-chooses such batches by an exact assignment (<see cref="BatchAssignment"/>, within a work budget) before it
/// drops anybody; a result is labelled optimal only when its order passes the test.
/// </para>
/// <para>With integer weights the DP serves each model's heaviest users; the rule chooses only among users of the
/// lightest weight served, which keeps the value.</para>
/// </remarks>
internal static class ServiceOrder
{
    public static int[] Build(BottomLayerProblem problem, int[] counts)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(counts);
        Instance instance = problem.Instance;
        var order = new int[counts.Sum()];
        int at = 0;
        var buffer = new UploadDemand[problem.Users.Length == 0 ? 0 : problem.UserStart.Zip(problem.UserStart.Skip(1), (a, b) => b - a).Max()];
        for (int m = 0; m < problem.ModelCount; m++)
        {
            int x = counts[m];
            if (x == 0)
            {
                continue;
            }

            ReadOnlySpan<int> users = problem.UsersOf(m);
            ReadOnlySpan<int> weights = problem.WeightsOf(m);
            if (x > users.Length)
            {
                throw new InvalidOperationException($"The DP serves {x} users of a model that has {users.Length}; this is a defect.");
            }

            (int heavier, int classEnd) = Candidates(weights, x);
            Span<UploadDemand> tied = buffer.AsSpan(0, classEnd - heavier);
            for (int k = heavier; k < classEnd; k++)
            {
                tied[k - heavier] = Demand(instance, users[k]);
            }

            if (x < classEnd)
            {
                tied.Sort();
            }

            // chosen and tied share the buffer; CopyTo moves overlapping spans correctly.
            Span<UploadDemand> chosen = buffer.AsSpan(0, x);
            tied[..(x - heavier)].CopyTo(chosen[heavier..]);
            for (int k = 0; k < heavier; k++)
            {
                chosen[k] = Demand(instance, users[k]);
            }

            chosen.Sort();
            foreach (UploadDemand demand in chosen)
            {
                order[at++] = demand.User;
            }
        }

        return order;
    }

    /// <summary>
    /// Which of a model's users (heaviest first) may fill its <paramref name="served"/> places: those before
    /// <c>Heavier</c> are heavier than the last one served and are all served; those in <c>Heavier .. TiedEnd − 1</c>
    /// are as heavy as it, and <c>served − Heavier</c> of them are served. For unit weights: none, and all.
    /// </summary>
    internal static (int Heavier, int TiedEnd) Candidates(ReadOnlySpan<int> weights, int served)
    {
        int lightest = weights[served - 1];
        int heavier = served - 1;
        while (heavier > 0 && weights[heavier - 1] == lightest)
        {
            heavier--;
        }

        int tiedEnd = served;
        while (tiedEnd < weights.Length && weights[tiedEnd] == lightest)
        {
            tiedEnd++;
        }

        return (heavier, tiedEnd);
    }

    internal static UploadDemand Demand(Instance instance, int user)
    {
        User u = instance.Users[user];
        return new UploadDemand(u.DataBits / u.SnrBandwidthHz, u.SnrBandwidthHz, user);
    }
}
