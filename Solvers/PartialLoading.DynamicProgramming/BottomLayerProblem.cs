using System.Globalization;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;
using PartialLoading.Core.Solving;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// An instance the dynamic program applies to, in the form it works on: the models that have users, grouped by
/// cluster in service order (the initial model's cluster first, the initial model first in it), each model's
/// loading and inference time and its users, and the weights as whole multiples of one unit.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> checks the three conditions of docs/model.md §5 (bottom-layer structure, a common deadline,
/// unit or equal or integer weights) and refuses with one line that names the first that fails.
/// </remarks>
internal sealed class BottomLayerProblem
{
    /// <summary>The most memory the value-indexed program for integer weights may take (work arrays and trace), in bytes.</summary>
    public const long WeightedMemoryLimitBytes = 2L << 30;

    /// <summary>Bytes of work arrays per value of the weighted program: five arrays of doubles, two of integers.</summary>
    private const int WeightedWorkBytesPerValue = (5 * sizeof(double)) + (2 * sizeof(int));

    private BottomLayerProblem(Instance instance, double deadlineSeconds, double weightUnit, bool unitWeights)
    {
        Instance = instance;
        DeadlineSeconds = deadlineSeconds;
        WeightUnit = weightUnit;
        UnitWeights = unitWeights;
    }

    /// <summary>The instance.</summary>
    public Instance Instance { get; }

    /// <summary>T, the deadline every user shares (+∞ when there are no users).</summary>
    public double DeadlineSeconds { get; }

    /// <summary>The weight of one unit of value: the common weight, or the gcd of integer weights.</summary>
    public double WeightUnit { get; }

    /// <summary>True when every user is worth one unit, so values are counts (the O(|M|·K) sliding-window program).</summary>
    public bool UnitWeights { get; }

    /// <summary>Instance model index of each DP model, in service order. Only models with users appear.</summary>
    public int[] Models { get; private set; } = [];

    /// <summary>DP models of cluster q are <c>ClusterStart[q] .. ClusterStart[q + 1] − 1</c>.</summary>
    public int[] ClusterStart { get; private set; } = [0];

    /// <summary>Backbone loading time of each cluster, seconds; 0 for the initial model's cluster (already in memory).</summary>
    public double[] BackboneSeconds { get; private set; } = [];

    /// <summary>Head loading time of each DP model, seconds; 0 for the initial model.</summary>
    public double[] HeadSeconds { get; private set; } = [];

    /// <summary>Inference time of each DP model, seconds.</summary>
    public double[] InferenceSeconds { get; private set; } = [];

    /// <summary>Users of DP model m are <c>Users[UserStart[m] .. UserStart[m + 1] − 1]</c>.</summary>
    public int[] UserStart { get; private set; } = [0];

    /// <summary>User indices grouped by DP model, heaviest first within a model (ties by input order).</summary>
    public int[] Users { get; private set; } = [];

    /// <summary>Weight of each entry of <see cref="Users"/> in units of <see cref="WeightUnit"/>.</summary>
    public int[] Weights { get; private set; } = [];

    /// <summary>The number of DP models.</summary>
    public int ModelCount => Models.Length;

    /// <summary>The number of clusters with users.</summary>
    public int ClusterCount => ClusterStart.Length - 1;

    /// <summary>Σ of <see cref="Weights"/>: the value of serving everybody, in units.</summary>
    public long TotalValue { get; private set; }

    /// <summary>The users of DP model m.</summary>
    public ReadOnlySpan<int> UsersOf(int model) => Users.AsSpan(UserStart[model], UserStart[model + 1] - UserStart[model]);

    /// <summary>The unit weights of the users of DP model m, heaviest first.</summary>
    public ReadOnlySpan<int> WeightsOf(int model) => Weights.AsSpan(UserStart[model], UserStart[model + 1] - UserStart[model]);

    /// <summary>Checks that the dynamic program applies and prepares its input.</summary>
    /// <exception cref="SolverNotApplicableException">A condition of docs/model.md §5 fails; the message names it.</exception>
    public static BottomLayerProblem Prepare(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        BottomLayerStructure structure = BottomLayerStructure.Detect(instance, out string? whyNot)
            ?? throw Refusal(whyNot ?? "the sharing is not bottom-layer");
        double deadline = CommonDeadline(instance);
        (double unit, int[] weights) = WeightUnits(instance);
        var problem = new BottomLayerProblem(instance, deadline, unit, weights.All(w => w == 1));
        problem.Arrange(structure, weights);
        return problem;
    }

    private static SolverNotApplicableException Refusal(string reason) => new($"dp: {reason}");

    private static double CommonDeadline(Instance instance)
    {
        if (instance.Users.Length == 0)
        {
            return double.PositiveInfinity;
        }

        User first = instance.Users[0];
        foreach (User user in instance.Users)
        {
            if (user.DeadlineSeconds != first.DeadlineSeconds)
            {
                throw Refusal($"deadlines differ (users {first.Id} = {Decimal(first.DeadlineSeconds)} s, {user.Id} = {Decimal(user.DeadlineSeconds)} s)");
            }
        }

        return first.DeadlineSeconds;
    }

    /// <summary>The weight of one unit and each user's weight in units: 1 each when all weights are equal, else w/gcd.</summary>
    private static (double Unit, int[] Weights) WeightUnits(Instance instance)
    {
        var units = new int[instance.Users.Length];
        if (instance.Users.Length == 0 || instance.Users.All(u => u.Weight == instance.Users[0].Weight))
        {
            Array.Fill(units, 1);
            return (instance.Users.Length == 0 ? 1.0 : instance.Users[0].Weight, units);
        }

        long gcd = 0;
        foreach (User user in instance.Users)
        {
            if (user.Weight != Math.Floor(user.Weight))
            {
                throw Refusal($"weights are not integers ({user.Id} = {user.Weight.ToString("R", CultureInfo.InvariantCulture)})");
            }

            if (user.Weight > int.MaxValue)
            {
                throw Refusal($"integer weights up to {int.MaxValue} are supported ({user.Id} = {user.Weight.ToString("R", CultureInfo.InvariantCulture)})");
            }

            gcd = Gcd(gcd, (long)user.Weight);
        }

        long total = 0;
        for (int k = 0; k < units.Length; k++)
        {
            units[k] = (int)((long)instance.Users[k].Weight / gcd);
            total += units[k];
        }

        if (total >= int.MaxValue)
        {
            throw Refusal($"the total weight {total * gcd} is too large for the value-indexed program");
        }

        return (gcd, units);
    }

    private void Arrange(BottomLayerStructure structure, int[] weights)
    {
        Instance instance = Instance;
        int? initial = instance.Server.InitialModel;
        int? initialCluster = initial is int i0 ? structure.ClusterOf[i0] : null;
        double rate = instance.Server.LoadRateMbPerSecond;

        // Users grouped by instance model with a counting sort (input order kept inside a model).
        var groupStart = new int[instance.Models.Length + 1];
        foreach (User user in instance.Users)
        {
            groupStart[user.Model + 1]++;
        }

        for (int i = 0; i < instance.Models.Length; i++)
        {
            groupStart[i + 1] += groupStart[i];
        }

        var grouped = new int[instance.Users.Length];
        var fill = groupStart[..^1];
        for (int k = 0; k < instance.Users.Length; k++)
        {
            grouped[fill[instance.Users[k].Model]++] = k;
        }

        // Service order: the initial model's cluster first and the initial model first in it; the rest as detected.
        IEnumerable<int> clusterOrder = Enumerable.Range(0, structure.Clusters.Length);
        if (initialCluster is int q0)
        {
            clusterOrder = clusterOrder.Where(q => q != q0).Prepend(q0);
        }

        var models = new List<int>();
        var clusterStart = new List<int> { 0 };
        var backbone = new List<double>();
        foreach (int q in clusterOrder)
        {
            IEnumerable<int> members = structure.Clusters[q];
            if (initial is int first && q == initialCluster)
            {
                members = members.Where(m => m != first).Prepend(first);
            }

            int before = models.Count;
            models.AddRange(members.Where(m => groupStart[m + 1] > groupStart[m]));
            if (models.Count > before)
            {
                clusterStart.Add(models.Count);
                backbone.Add(q == initialCluster ? 0.0 : structure.BackboneMb[q] / rate);
            }
        }

        var userStart = new int[models.Count + 1];
        var users = new int[instance.Users.Length];
        var units = new int[instance.Users.Length];
        var head = new double[models.Count];
        var inference = new double[models.Count];
        for (int m = 0; m < models.Count; m++)
        {
            int model = models[m];
            head[m] = model == initial ? 0.0 : structure.HeadMb[model] / rate;
            inference[m] = instance.Models[model].InferenceSeconds;
            int at = userStart[m];
            int size = groupStart[model + 1] - groupStart[model];
            Span<int> group = users.AsSpan(at, size);
            grouped.AsSpan(groupStart[model], size).CopyTo(group);
            if (!UnitWeights)
            {
                int[] sorted = [.. group.ToArray().OrderByDescending(k => weights[k])]; // stable: ties keep input order
                sorted.CopyTo(group);
            }

            for (int k = at; k < at + size; k++)
            {
                units[k] = weights[users[k]];
            }

            userStart[m + 1] = at + size;
        }

        Models = [.. models];
        ClusterStart = [.. clusterStart];
        BackboneSeconds = [.. backbone];
        HeadSeconds = head;
        InferenceSeconds = inference;
        UserStart = userStart;
        Users = users;
        Weights = units;
        TotalValue = units.Sum(w => (long)w);
        if (!UnitWeights && EstimatedWeightedBytes() > WeightedMemoryLimitBytes)
        {
            throw Refusal(string.Create(
                CultureInfo.InvariantCulture,
                $"integer weights (total {TotalValue * (long)WeightUnit} over {ModelCount} models) would need about {EstimatedWeightedBytes() / 1e9:0.0} GB for the value-indexed program"));
        }
    }

    /// <summary>The weighted program's work arrays plus its trace: Σ over models of (values reachable after it + 1) counts.</summary>
    private long EstimatedWeightedBytes()
    {
        long bytes = (TotalValue + 1) * WeightedWorkBytesPerValue;
        long prefix = 0;
        for (int m = 0; m < ModelCount; m++)
        {
            foreach (int w in WeightsOf(m))
            {
                prefix += w;
            }

            bytes += (Math.Min(prefix, TotalValue) + 1) * sizeof(int);
        }

        return bytes;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>2.0, 3.5, 0.125: at least one decimal, no more than needed.</summary>
    private static string Decimal(double value) => value == Math.Floor(value) && Math.Abs(value) < 1e15
        ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);
}
