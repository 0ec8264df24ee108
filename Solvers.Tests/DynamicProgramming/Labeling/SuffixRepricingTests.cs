using PartialLoading.Bounds;
using PartialLoading.Core.Model;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Generation;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// The time-indexed relaxation re-priced for one suffix never cuts off a schedule: on small random instances (every
/// feasible sequence enumerated plainly), at every suffix of every sequence, the re-priced bound on what fits in front
/// covers the sequence's prefix, at any number of steps; the table it leaves covers every longer suffix of the sequence;
/// and a search that re-prices every suffix it expands proves the brute-force optimum.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SuffixRepricingTests
{
    private static IEnumerable<TestCaseData> Instances()
    {
        for (int seed = 1; seed <= 30; seed++)
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    private static Instance Create(int seed) => RandomInstances.Enumerated(seed, leastModels: 2);

    /// <summary>The program at the finest and the coarsest step, all users or one tracked per batch, with the last table handed out.</summary>
    private static List<(TimeIndexedFrontPricing Pricing, TimeIndexedPrefixTable Table)> Programs(Instance instance)
    {
        var programs = new List<(TimeIndexedFrontPricing, TimeIndexedPrefixTable)>();
        foreach ((int split, int tracked) in ((int, int)[])[(8, 10), (1, 10), (8, 1)])
        {
            TimeIndexedFrontPricing? pricing = null;
            TimeIndexedPrefixTable? last = null;
            new TimeIndexedBound(iterations: 200, finestSplit: split, trackedUsers: tracked).Compute(instance, BoundBudget.Unlimited, table => last = table, p => pricing = p);
            if (pricing is not null && last is not null)
            {
                programs.Add((pricing, last));
            }
        }

        return programs;
    }

    [TestCaseSource(nameof(Instances))]
    public void At_every_suffix_of_every_feasible_sequence_the_repriced_bound_covers_the_prefix(int seed)
    {
        Instance instance = Create(seed);
        var data = SequencingData.Prepare(instance);
        List<int[]> orders = FeasibleSequences.All(instance);
        var programs = Programs(instance);
        Assert.That(orders, Is.Not.Empty, "somebody can be served");
        Assert.That(programs, Is.Not.Empty, "the relaxation hands out its program");

        var suffixes = MostInFront(instance, orders);

        int[] local = LocalUserNumbers.Of(data, instance);
        var outside = new double[TimeIndexedNodeBound.MostTables];
        foreach ((TimeIndexedFrontPricing pricing, TimeIndexedPrefixTable table) in programs)
        {
            TimeIndexedFrontPricing.Workspace workspace = pricing.NewWorkspace();
            foreach ((int[] order, int split, double prefix) in suffixes.Values)
            {
                double[] latest = ReferenceModel.LatestStarts(instance, order);
                double need = SuffixNeed(instance, order, split, latest);

                // A hair less bandwidth absorbs the bisection's rounding; it only loosens the bound asked.
                double left = (instance.Server.BandwidthHz * (1 + 1e-9)) - need + (1e-7 * instance.Server.BandwidthHz);
                int[] suffix = order[split..];
                int model = instance.Users[order[split]].Model;
                string where = $"[{string.Join(",", order)}] split at {split}, root table {table.Value:G6}, δ = {pricing.StepSeconds:G4} s";
                foreach (int steps in (int[])[1, 4, 12])
                {
                    double front = pricing.InFront(suffix, model, latest[split], left, table, steps, double.NegativeInfinity, workspace, BoundBudget.Unlimited, out TimeIndexedPrefixTable? below);
                    Assert.That(front, Is.GreaterThanOrEqualTo(prefix - 1e-9), $"{where}, {steps} steps");
                    Assert.That(below, Is.Not.Null, where);

                    // The table left bounds every longer suffix of the same sequence, as the search reads it.
                    var node = TimeIndexedNodeBound.Of(below!, data, instance);
                    double value = order.Skip(split).Sum(k => instance.Users[k].Weight);
                    double longerNeed = need;
                    for (int longer = split - 1; longer >= 0; longer--)
                    {
                        User user = instance.Users[order[longer]];
                        value += user.Weight;
                        longerNeed += ReferenceModel.LeastBandwidth(ReferenceModel.SnrBandwidth(instance, user), user.DataMbit * 1e6, latest[longer]);
                        node.Outside([.. order.Skip(longer).Select(k => local[k])], outside);
                        double at = node.Bound(value, outside, -1, data.Model[local[order[longer]]], latest[longer], longerNeed - (1e-7 * instance.Server.BandwidthHz));
                        Assert.That(at + 1e-9, Is.GreaterThanOrEqualTo(order.Sum(k => instance.Users[k].Weight)), $"{where}, {steps} steps, longer suffix from {longer}");
                    }
                }
            }
        }
    }

    [Test]
    public void The_check_for_a_path_serving_each_user_once_never_rules_out_what_fits_in_front()
    {
        int checkedAt = 0;
        int ruledOut = 0;
        for (int seed = 1; seed <= 30; seed++)
        {
            Instance instance = Create(seed);
            List<int[]> orders = FeasibleSequences.All(instance);

            var suffixes = MostInFront(instance, orders);

            foreach ((TimeIndexedFrontPricing pricing, TimeIndexedPrefixTable table) in Programs(instance))
            {
                TimeIndexedFrontPricing.Workspace workspace = pricing.NewWorkspace();
                foreach ((int[] order, int split, double prefix) in suffixes.Values)
                {
                    double[] latest = ReferenceModel.LatestStarts(instance, order);
                    double left = (instance.Server.BandwidthHz * (1 + 1e-9)) - SuffixNeed(instance, order, split, latest) + (1e-7 * instance.Server.BandwidthHz);
                    int[] suffix = order[split..];
                    int model = instance.Users[order[split]].Model;
                    string where = $"seed {seed}: [{string.Join(",", order)}] split at {split}, δ = {pricing.StepSeconds:G4} s";
                    foreach (int steps in (int[])[1, 12])
                    {
                        double priced = pricing.InFront(suffix, model, latest[split], left, table, steps, double.NegativeInfinity, workspace, BoundBudget.Unlimited, out _);

                        // Asked whether the prefix's weight fits (it does) and whether one more does (it does not).
                        double asked = pricing.InFront(suffix, model, latest[split], left, table, steps, double.NegativeInfinity, workspace, BoundBudget.Unlimited, out _, prefix, 1L << 22, 1L << 22);
                        double more = pricing.InFront(suffix, model, latest[split], left, table, steps, double.NegativeInfinity, workspace, BoundBudget.Unlimited, out _, prefix + 1, 1L << 22, 1L << 22);

                        Assert.That(asked, Is.GreaterThanOrEqualTo(prefix - 1e-9), $"{where}, {steps} steps, priced {priced:G6}");
                        Assert.That(more, Is.GreaterThanOrEqualTo(prefix - 1e-9), $"{where}, {steps} steps, priced {priced:G6}");
                        checkedAt += priced >= prefix && priced < prefix + 0.5 ? 1 : 0;
                        ruledOut += more < priced && more < prefix + 1 - 1e-9 ? 1 : 0;
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"the check ran where the prefix fits {checkedAt} times; it ruled out one more {ruledOut} times");
        Assert.That(checkedAt, Is.GreaterThanOrEqualTo(20), "too few checks where the prefix fits to test them");
        Assert.That(ruledOut, Is.GreaterThanOrEqualTo(20), "the check should rule out what does not fit");
    }

    [TestCaseSource(nameof(Instances))]
    public void A_search_that_reprices_every_suffix_proves_the_brute_force_optimum(int seed)
    {
        Instance instance = Create(seed);
        var data = SequencingData.Prepare(instance);
        double optimum = FeasibleSequences.All(instance).Max(order => order.Sum(k => instance.Users[k].Weight));
        foreach ((TimeIndexedFrontPricing pricing, TimeIndexedPrefixTable table) in Programs(instance))
        {
            var prices = TimeIndexedNodeBound.Of(table, data, instance);
            var repricing = new SuffixRepricing(pricing, data, instance, () => BoundBudget.Unlimited) { After = 0, Worth = 0, Steps = 8 };
            SuffixSearch search = Search(data, prices, repricing);

            Assert.That(search.Incumbent, Is.EqualTo(optimum).Within(1e-9), $"root table {table.Value:G6}, δ = {pricing.StepSeconds:G4} s, {search.Repriced} re-priced");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void On_thirty_users_a_search_that_reprices_proves_the_same_optimum(int seed)
    {
        Instance instance = Plsolve.Generate("synthetic-general", new GenerationRequest { Users = 30, Seed = seed, Name = $"sg30-{seed}" });
        var data = SequencingData.Prepare(instance);
        TimeIndexedFrontPricing? pricing = null;
        TimeIndexedPrefixTable? last = null;
        new TimeIndexedBound(iterations: 300, coarseSteps: 600).Compute(instance, BoundBudget.Unlimited, table => last = table, p => pricing = p);
        Assert.That(pricing, Is.Not.Null);
        var prices = TimeIndexedNodeBound.Of(last!, data, instance);

        SuffixSearch plain = Search(data, prices, null);
        SuffixSearch repriced = Search(data, prices, new SuffixRepricing(pricing!, data, instance, () => BoundBudget.Unlimited) { After = 256, Worth = 0 });
        TestContext.Out.WriteLine($"optimum {plain.Incumbent}: {plain.Expanded} labels expanded without, {repriced.Expanded} with {repriced.Repriced} suffixes re-priced ({repriced.RepricedAway} dropped)");

        Assert.That(repriced.Incumbent, Is.EqualTo(plain.Incumbent));
        Assert.That(repriced.Repriced, Is.GreaterThan(0), "the search re-priced");
    }

    /// <summary>Each suffix of the sequences once (its bound depends on the suffix alone), with the most weight any of them puts in front.</summary>
    private static Dictionary<string, (int[] Order, int Split, double Prefix)> MostInFront(Instance instance, List<int[]> orders)
    {
        var suffixes = new Dictionary<string, (int[] Order, int Split, double Prefix)>();
        foreach (int[] order in orders)
        {
            double prefix = 0;
            for (int split = 0; split < order.Length; split++)
            {
                string key = string.Join(",", order.Skip(split));
                if (!suffixes.TryGetValue(key, out var known) || known.Prefix < prefix)
                {
                    suffixes[key] = (order, split, prefix);
                }

                prefix += instance.Users[order[split]].Weight;
            }
        }

        return suffixes;
    }

    /// <summary>The least bandwidth the suffix of <paramref name="order"/> from <paramref name="split"/> needs at its latest starts.</summary>
    private static double SuffixNeed(Instance instance, int[] order, int split, double[] latest)
    {
        double need = 0;
        for (int i = split; i < order.Length; i++)
        {
            User user = instance.Users[order[i]];
            need += ReferenceModel.LeastBandwidth(ReferenceModel.SnrBandwidth(instance, user), user.DataMbit * 1e6, latest[i]);
        }

        return need;
    }

    private static SuffixSearch Search(SequencingData data, TimeIndexedNodeBound prices, SuffixRepricing? repricing)
    {
        var search = new SuffixSearch(data, new SharedIncumbent(0.0), new ShardedLabelStore(1, LabelStore.DefaultBytes, data.Count), _ => true, () => false, 1e-9, prices: () => prices, repricing: repricing is null ? null : () => repricing);
        search.Run();
        Assert.That(search.Completed, Is.True);
        return search;
    }
}
