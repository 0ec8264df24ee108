using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;

namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>
/// A feasible service order with everything a window needs at its boundaries, per position: model, instant-upload
/// start σ⁰ and end e⁰, slack T − e⁰, latest start LS and least bandwidth β (docs/model.md §4), and running sums of β.
/// Built in O(n) from the order's <see cref="OrderPlan"/>; immutable.
/// </summary>
internal sealed class PlannedSequence
{
    public PlannedSequence(Instance instance, OrderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsFeasible)
        {
            throw new ArgumentException("Only a feasible order is planned.", nameof(plan));
        }

        Plan = plan;
        int n = plan.Order.Length;
        Order = [.. plan.Order];
        Model = new int[n];
        InstantStart = new double[n];
        InstantEnd = new double[n];
        Slack = new double[n];
        SnrHz = new double[n];
        DataBits = new double[n];
        LeastBefore = new double[n + 1];
        PositionOf = new int[instance.Users.Length];
        Array.Fill(PositionOf, -1);
        LoadingTimes loading = instance.LoadingTimes;
        int previous = InitialModel(instance);
        double end = 0.0;
        double value = 0.0;
        for (int p = 0; p < n; p++)
        {
            User user = instance.Users[Order[p]];
            double inference = instance.Models[user.Model].InferenceSeconds;
            InstantStart[p] = end + loading.Seconds(previous, user.Model);
            end = InstantStart[p] + inference;
            InstantEnd[p] = end;
            Slack[p] = user.DeadlineSeconds - end;
            Model[p] = user.Model;
            SnrHz[p] = user.SnrBandwidthHz;
            DataBits[p] = user.DataBits;
            LeastBefore[p + 1] = LeastBefore[p] + plan.LeastBandwidthsHz[p];
            PositionOf[Order[p]] = p;
            value += user.Weight;
            previous = user.Model;
        }

        Value = value;
    }

    /// <summary>The plan this was built from (feasible).</summary>
    public OrderPlan Plan { get; }

    /// <summary>Users in service order.</summary>
    public int[] Order { get; }

    /// <summary>Positions.</summary>
    public int Count => Order.Length;

    /// <summary>Model per position.</summary>
    public int[] Model { get; }

    /// <summary>σ⁰ per position: when the inference starts with instant uploads, seconds.</summary>
    public double[] InstantStart { get; }

    /// <summary>e⁰ per position, seconds.</summary>
    public double[] InstantEnd { get; }

    /// <summary>T − e⁰ per position, seconds.</summary>
    public double[] Slack { get; }

    /// <summary>a = p·g/N₀ of the user at each position, Hz.</summary>
    public double[] SnrHz { get; }

    /// <summary>D of the user at each position, bit.</summary>
    public double[] DataBits { get; }

    /// <summary>Σ β over positions [0, p) at index p (n + 1 entries).</summary>
    public double[] LeastBefore { get; }

    /// <summary>Position of each instance user, −1 when unserved.</summary>
    public int[] PositionOf { get; }

    /// <summary>Σ w over the served users.</summary>
    public double Value { get; }

    /// <summary>Σ β over all positions, Hz.</summary>
    public double TotalLeastHz => Plan.TotalLeastBandwidthHz;

    /// <summary>The model in memory at time 0 (<see cref="LoadingTimes.EmptyMemory"/> when none).</summary>
    public static int InitialModel(Instance instance) => instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;
}
