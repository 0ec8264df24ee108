using PartialLoading.Bounds;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Generation;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// The time-indexed relaxation read forwards as a node bound never cuts off a schedule: for every feasible sequence of
/// small random instances (enumerated plainly) and every split into prefix and suffix, the bound at the suffix — with the
/// reference model's latest starts and bisection β — covers the whole sequence, for every table the multiplier search
/// hands out; and a search that prunes with it proves the brute-force optimum.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TimeIndexedNodeBoundTests
{
    internal static IEnumerable<TestCaseData> Instances()
    {
        for (int seed = 1; seed <= 30; seed++)
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    internal static Instance Create(int seed) => RandomInstances.Enumerated(seed, leastModels: 2);

    /// <summary>
    /// Every table handed out: the finest and the coarsest step, all users or one tracked per batch, with and without
    /// coarse steps first; with start windows drawn for <paramref name="known"/> + 1 when a value is given.
    /// </summary>
    internal static List<TimeIndexedPrefixTable> Tables(Instance instance, double? known = null)
    {
        var tables = new List<TimeIndexedPrefixTable>();
        foreach ((int split, int tracked, int coarse) in ((int, int, int)[])[(8, 10, 0), (1, 10, 0), (8, 1, 0), (4, 10, 120)])
        {
            Func<double>? enough = known is { } value ? () => value : null;
            new TimeIndexedBound(iterations: 300, finestSplit: split, trackedUsers: tracked, coarseSteps: coarse, enough: enough).Compute(instance, BoundBudget.Unlimited, tables.Add);
        }

        return tables;
    }

    [TestCaseSource(nameof(Instances))]
    public void At_every_suffix_of_every_feasible_sequence_the_bound_covers_the_sequence(int seed)
    {
        Instance instance = Create(seed);
        var data = SequencingData.Prepare(instance);
        int[] local = LocalUserNumbers.Of(data, instance);
        List<int[]> orders = FeasibleSequences.All(instance);
        List<TimeIndexedPrefixTable> tables = Tables(instance);
        Assert.That(orders, Is.Not.Empty, "somebody can be served");
        Assert.That(tables, Is.Not.Empty, "the multiplier search hands out tables");
        TimeIndexedNodeBound? chain = null;
        var outside = new double[TimeIndexedNodeBound.MostTables];
        foreach (TimeIndexedPrefixTable table in tables)
        {
            // The table alone, and the newest few together as the search holds them (never above the table alone).
            var alone = TimeIndexedNodeBound.Of(table, data, instance);
            chain = TimeIndexedNodeBound.Of(table, data, instance, chain);
            foreach (int[] order in orders)
            {
                double[] latest = ReferenceModel.LatestStarts(instance, order);
                double total = order.Sum(k => instance.Users[k].Weight);
                double value = 0;
                double need = 0;
                for (int split = order.Length - 1; split >= 0; split--)
                {
                    User user = instance.Users[order[split]];
                    value += user.Weight;
                    need += ReferenceModel.LeastBandwidth(ReferenceModel.SnrBandwidth(instance, user), user.DataMbit * 1e6, latest[split]);
                    int[] suffix = [.. order.Skip(split).Select(k => local[k])];
                    string where = $"[{string.Join(",", order)}] split at {split}, newest table {table.Value:G6}, δ = {table.StepSeconds:G4} s";

                    // A hair less bandwidth absorbs the bisection's rounding; it only loosens the bound asked.
                    alone.Outside(suffix, outside);
                    double atAlone = alone.Bound(value, outside, -1, data.Model[local[order[split]]], latest[split], need - (1e-7 * instance.Server.BandwidthHz));
                    chain.Outside(suffix, outside);
                    double atChain = chain.Bound(value, outside, -1, data.Model[local[order[split]]], latest[split], need - (1e-7 * instance.Server.BandwidthHz));
                    Assert.That(atAlone, Is.GreaterThanOrEqualTo(total - 1e-9), where);
                    Assert.That(atChain, Is.GreaterThanOrEqualTo(total - 1e-9), $"{where}, {chain.Tables} tables");
                    Assert.That(atChain, Is.LessThanOrEqualTo(atAlone), $"{where}, {chain.Tables} tables");
                }
            }
        }
    }

    [TestCaseSource(nameof(Instances))]
    public void A_search_that_prunes_with_it_from_the_first_label_proves_the_brute_force_optimum(int seed) => ProvesTheOptimum(seed, windows: false);

    [TestCaseSource(nameof(Instances))]
    public void A_search_shut_out_by_start_windows_drawn_one_below_the_optimum_still_proves_it(int seed) => ProvesTheOptimum(seed, windows: true);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void On_thirty_users_the_search_that_prunes_with_it_proves_the_same_optimum(int seed)
    {
        Instance instance = Plsolve.Generate("synthetic-general", new GenerationRequest { Users = 30, Seed = seed, Name = $"sg30-{seed}" });
        var data = SequencingData.Prepare(instance);
        TimeIndexedPrefixTable? last = null;
        new TimeIndexedBound(iterations: 500, coarseSteps: 1000).Compute(instance, BoundBudget.Unlimited, table => last = table);
        Assert.That(last, Is.Not.Null);
        var bound = TimeIndexedNodeBound.Of(last!, data, instance);

        SuffixSearch plain = Search(data, null);
        SuffixSearch priced = Search(data, () => bound);
        TestContext.Out.WriteLine($"optimum {plain.Incumbent}, root bound {last!.Value:F3}: {plain.Expanded} labels expanded without, {priced.Expanded} with");

        Assert.That(priced.Incumbent, Is.EqualTo(plain.Incumbent));
        Assert.That(last.Bound, Is.GreaterThanOrEqualTo(plain.Incumbent));
        if (seed == 2)
        {
            // The hardest of the three: 28,182 labels without, 25,176 with. (On sg30-1, 804 against 1,886: the subtrees
            // it cuts no longer feed the dominance store, and their labels would have dominated others.)
            Assert.That(priced.Expanded, Is.LessThan(plain.Expanded));
        }
    }

    /// <summary>
    /// A search pruned by the newest tables together, as the search holds them, from its first label, after each table;
    /// with <paramref name="windows"/> the tables carry start windows drawn for the optimum itself, the tightest that must
    /// still let an optimal schedule through.
    /// </summary>
    private static void ProvesTheOptimum(int seed, bool windows)
    {
        Instance instance = Create(seed);
        var data = SequencingData.Prepare(instance);
        double optimum = FeasibleSequences.All(instance).Max(order => order.Sum(k => instance.Users[k].Weight));
        TimeIndexedNodeBound? bound = null;
        List<TimeIndexedPrefixTable> tables = Tables(instance, windows ? optimum - 1.0 : null);
        foreach (TimeIndexedPrefixTable table in tables)
        {
            bound = TimeIndexedNodeBound.Of(table, data, instance, bound);
            SuffixSearch search = Search(data, () => bound);

            Assert.That(table.Bound, Is.GreaterThanOrEqualTo(optimum - 1e-9));
            Assert.That(search.Incumbent, Is.EqualTo(optimum).Within(1e-9), $"table of {table.Value:G6}, δ = {table.StepSeconds:G4} s, {bound.Tables} tables");
        }

        bool whole = instance.Users.All(u => u.Weight == Math.Floor(u.Weight));
        Assert.That(tables.Any(t => t.Windows is not null), Is.EqualTo(windows && whole && optimum >= 1.0), "windows are drawn exactly where asked and the weights are whole");
    }

    private static SuffixSearch Search(SequencingData data, Func<TimeIndexedNodeBound?>? prices)
    {
        var search = new SuffixSearch(data, new SharedIncumbent(0.0), new ShardedLabelStore(1, LabelStore.DefaultBytes, data.Count), _ => true, () => false, 1e-9, prices: prices);
        search.Run();
        Assert.That(search.Completed, Is.True);
        return search;
    }
}
