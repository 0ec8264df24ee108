using PartialLoading.Bandwidth;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.DynamicProgramming.Labeling;

/// <summary>
/// The bounds of the labeling search never cut off a schedule: for every feasible sequence of small random instances
/// (enumerated plainly) and every split into prefix and suffix, the bound asked at the suffix — computed with the
/// reference model's latest starts and bisection β — covers the prefix. Plus the tables the bounds read.
/// </summary>
public class PrefixBoundTests
{
    private const double Tolerance = 1e-9;

    private static IEnumerable<TestCaseData> Instances()
    {
        for (int seed = 1; seed <= 24; seed++)
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    private static Instance Create(int seed) => RandomInstances.Enumerated(seed, leastModels: 3);

    [TestCaseSource(nameof(Instances))]
    public void The_bounds_at_every_suffix_of_every_feasible_sequence_cover_its_prefix(int seed)
    {
        Instance instance = Create(seed);
        var data = SequencingData.Prepare(instance);
        var bound = new PrefixBound(data, Tolerance);
        int[] local = LocalUserNumbers.Of(data, instance);
        List<int[]> orders = FeasibleSequences.All(instance);
        Assert.That(orders, Is.Not.Empty, "somebody can be served");
        foreach (int[] order in orders)
        {
            double[] latest = ReferenceModel.LatestStarts(instance, order);
            double total = order.Sum(k => instance.Users[k].Weight);
            Assert.That(bound.Evaluate(0UL, -1, double.PositiveInfinity, data.BudgetHz, out _), Is.GreaterThanOrEqualTo(total - 1e-9), $"empty suffix of [{string.Join(",", order)}]");
            if (data.UnitWeights)
            {
                Assert.That(bound.MostInFront(UserSet.Empty, -1, double.PositiveInfinity, data.BudgetHz, data.Count), Is.GreaterThanOrEqualTo(order.Length), $"empty suffix of [{string.Join(",", order)}]");
            }

            for (int split = 1; split < order.Length; split++)
            {
                ulong served = 0;
                double need = 0;
                for (int i = split; i < order.Length; i++)
                {
                    User user = instance.Users[order[i]];
                    served |= 1UL << local[order[i]];
                    need += ReferenceModel.LeastBandwidth(ReferenceModel.SnrBandwidth(instance, user), user.DataMbit * 1e6, latest[i]);
                }

                int first = local[order[split]];
                int firstModel = data.Model[first];
                double prefix = order.Take(split).Sum(k => instance.Users[k].Weight);

                // A hair of extra budget absorbs the bisection's rounding; it only loosens the bound asked.
                double left = instance.Server.BandwidthHz - need + (1e-7 * instance.Server.BandwidthHz);
                string where = $"[{string.Join(",", order)}] split at {split}";
                Assert.That(bound.Evaluate(served, firstModel, latest[split], left, out ulong relevant), Is.GreaterThanOrEqualTo(prefix - 1e-9), where);
                Assert.That(relevant & ~served, Is.Zero, "relevant users are suffix users");
                if (data.UnitWeights)
                {
                    Assert.That(bound.PathBandwidthFits(UserSet.FromLow(served), firstModel, latest[split], left, split), Is.True, where);
                    Assert.That(bound.MostInFront(UserSet.FromLow(served), firstModel, latest[split], left, data.Count), Is.GreaterThanOrEqualTo(split), where);
                }
            }
        }
    }

    private static IEnumerable<TestCaseData> WitnessInstances()
    {
        foreach (int seed in (int[])[1, 2, 3, 4, 6, 7, 8, 9]) // seed 5 has 6 users that can be served alone
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    /// <summary>
    /// A witness (users an earlier "fits" took) changes the path relaxation's work, never its answer — neither the
    /// witness tried alone nor the program over its users' models: at random suffixes
    /// of 30-user instances (any served set, first model, latest start and bandwidth left) and every count, it answers
    /// with any witness — the last call's, every user, a random set — as it does without; each "fits" names that many
    /// users outside the suffix, and handed back they fit again.
    /// </summary>
    [TestCaseSource(nameof(WitnessInstances))]
    public void A_witness_changes_no_answer_of_the_path_relaxation(int seed)
    {
        Instance instance = RandomInstances.Create(seed, users: 30, models: 6, bandwidth: seed % 2 == 0 ? RandomBandwidth.Ample : RandomBandwidth.Tight, initialModel: seed % 3 == 0);
        var data = SequencingData.Prepare(instance);
        Assume.That(data.PathLoad, Is.Not.Null);
        var plain = new PrefixBound(data, Tolerance);
        var witnessed = new PrefixBound(data, Tolerance);
        var random = new Random(seed);
        ulong everybody = (1UL << data.Count) - 1;
        double latestDeadline = data.Deadline.Max();
        ulong previous = 0UL;
        int fits = 0;
        int refusals = 0;
        for (int context = 0; context < 200; context++)
        {
            ulong served = (ulong)random.NextInt64() & (ulong)random.NextInt64() & (ulong)random.NextInt64() & everybody;
            int firstModel = context % 10 == 0 ? -1 : random.Next(data.ModelCount);
            double latestStart = firstModel < 0 ? double.PositiveInfinity : (0.2 + (0.8 * random.NextDouble())) * latestDeadline;
            double left = (0.2 + (0.8 * random.NextDouble())) * data.BudgetHz;
            for (int needed = 1; needed <= data.Count; needed++)
            {
                string where = $"context {context}, {needed} users";
                bool expected = plain.PathBandwidthFits(UserSet.FromLow(served), firstModel, latestStart, left, needed);
                ulong found = plain.LastWitness;
                foreach ((ulong witness, ulong other) in (ReadOnlySpan<(ulong, ulong)>)[(previous, 0UL), (everybody, 0UL), ((ulong)random.NextInt64() & everybody, previous)])
                {
                    Assert.That(witnessed.PathBandwidthFits(UserSet.FromLow(served), firstModel, latestStart, left, needed, witness, other), Is.EqualTo(expected), where);
                }

                if (expected)
                {
                    fits++;
                    Assert.That(System.Numerics.BitOperations.PopCount(found), Is.EqualTo(needed), where);
                    Assert.That(found & served, Is.Zero, where);
                    Assert.That(witnessed.PathBandwidthFits(UserSet.FromLow(served), firstModel, latestStart, left, needed, found), Is.True, where);
                    previous = found;
                }
                else
                {
                    refusals++;
                    Assert.That(found, Is.Zero, where);
                }
            }
        }

        Assert.That(fits, Is.GreaterThan(100), "the contexts let users in");
        Assert.That(refusals, Is.GreaterThan(100), "the contexts refuse some counts");
    }

    private static IEnumerable<TestCaseData> ManyModelInstances()
    {
        foreach (int seed in (int[])[1, 3, 4, 5, 6, 7, 8, 9, 11, 12])
        {
            yield return new TestCaseData(seed).SetName($"seed {seed}");
        }
    }

    /// <summary>
    /// Above <see cref="SequencingData.MaxNodePathModels"/> models (15 or 16) the Held–Karp table is kept for the
    /// deadline thresholds and the reported cap only: the node relaxations stand aside (they answer yes); no feasible
    /// sequence serves more users by a deadline than its threshold; the bound and the cap at every suffix of every
    /// feasible sequence cover its prefix (one user per model, few fit together, so the sequences can be enumerated);
    /// and labeling proves the best length.
    /// </summary>
    [TestCaseSource(nameof(ManyModelInstances))]
    public void With_more_models_than_the_node_relaxations_take_the_thresholds_cover_every_prefix(int seed)
    {
        Instance instance = OneUserPerModel(seed, models: 15 + (seed % 2));
        var data = SequencingData.Prepare(instance);
        Assume.That(data.ModelCount, Is.GreaterThan(SequencingData.MaxNodePathModels));
        Assert.That(data.PathLoad, Is.Not.Null, "the thresholds read the Held–Karp table");
        var bound = new PrefixBound(data, Tolerance);
        int[] local = LocalUserNumbers.Of(data, instance);
        List<int[]> orders = FeasibleSequences.All(instance);
        Assert.That(orders, Is.Not.Empty);
        Assert.That(bound.PathBandwidthFits(UserSet.Empty, -1, double.PositiveInfinity, data.BudgetHz, data.Count + 1), Is.True, "no node relaxation above its limit");

        double[] atDeadline = [.. Enumerable.Range(0, data.Count).Select(k => LeastBandwidth.Hz(data.SnrHz[k], data.DataBits[k], data.Deadline[k] - data.Inference[k] + Tolerance))];
        DeadlineThresholds thresholds = DeadlineThresholds.Compute(data, atDeadline, Tolerance);
        int[] mostFound = [.. thresholds.Deadlines.Select(d => orders.Max(order => order.Count(k => instance.Users[k].DeadlineSeconds <= d)))];
        TestContext.Out.WriteLine($"{orders.Count} feasible sequences, {data.ModelCount} models; by each deadline at most {string.Join(" ", thresholds.MostServed)}, found {string.Join(" ", mostFound)}");
        for (int t = 0; t < mostFound.Length; t++)
        {
            Assert.That(thresholds.MostServed[t], Is.GreaterThanOrEqualTo(mostFound[t]), $"by {thresholds.Deadlines[t]} s");
        }

        foreach (int[] order in orders)
        {
            double[] latest = ReferenceModel.LatestStarts(instance, order);
            Assert.That(bound.Evaluate(0UL, -1, double.PositiveInfinity, data.BudgetHz, out _), Is.GreaterThanOrEqualTo(order.Length - 1e-9));
            Assert.That(bound.MostInFront(UserSet.Empty, -1, double.PositiveInfinity, data.BudgetHz, data.Count), Is.GreaterThanOrEqualTo(order.Length), $"[{string.Join(",", order)}]");
            double need = 0;
            ulong served = 0;
            for (int split = order.Length - 1; split >= 1; split--)
            {
                User user = instance.Users[order[split]];
                served |= 1UL << local[order[split]];
                need += ReferenceModel.LeastBandwidth(ReferenceModel.SnrBandwidth(instance, user), user.DataMbit * 1e6, latest[split]);
                double left = instance.Server.BandwidthHz - need + (1e-7 * instance.Server.BandwidthHz);
                int firstModel = data.Model[local[order[split]]];
                Assert.That(bound.Evaluate(served, firstModel, latest[split], left, out _), Is.GreaterThanOrEqualTo(split - 1e-9), $"[{string.Join(",", order)}] split at {split}");
                Assert.That(bound.MostInFront(UserSet.FromLow(served), firstModel, latest[split], left, data.Count), Is.GreaterThanOrEqualTo(split), $"[{string.Join(",", order)}] split at {split}");
            }
        }

        // The least memory limit leaves no room for the 16-model table (10 MB): the solver goes without, not refuses.
        int optimum = orders.Max(order => order.Length);
        foreach ((int threads, int megabytes) in ((int, int)[])[(1, LabelingSettings.DefaultMemoryLimitMegabytes), (2, LabelingSettings.DefaultMemoryLimitMegabytes), (1, 16)])
        {
            var solver = new LabelingSolver(new LabelingSettings { MemoryLimitMegabytes = megabytes });
            SolveReport report = SolverRunner.Run(solver, instance, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60), Threads = threads });
            Assert.That(report.Status, Is.EqualTo(SolverStatus.Optimal), report.Result.Note);
            Assert.That(report.Value, Is.EqualTo(optimum), $"{threads} thread(s), {megabytes} MB");
            Assert.That(ReferenceModel.IsFeasibleSchedule(instance, report.Result.Schedule.Order, report.Result.Schedule.BandwidthsHz, sharing: true), Is.True);
        }
    }

    [TestCaseSource(nameof(Instances))]
    public void Stopped_the_path_relaxation_prunes_nothing_and_the_thresholds_found_so_far_stand(int seed)
    {
        var data = SequencingData.Prepare(Create(seed));
        Assume.That(data.PathLoad, Is.Not.Null);
        double[] atDeadline = PrefixBound.DeadlineBandwidths(data, Tolerance);
        DeadlineThresholds full = DeadlineThresholds.Compute(data, atDeadline, Tolerance);
        int polls = 0;
        DeadlineThresholds cut = DeadlineThresholds.Compute(data, atDeadline, Tolerance, stop: () => ++polls > 2, grace: TimeSpan.Zero);
        var fresh = new PrefixBound(data, Tolerance);
        var stopped = new PrefixBound(data, Tolerance, stop: () => true);

        Assert.That(cut.Deadlines, Is.EqualTo(full.Deadlines.Take(2).ToArray()));
        Assert.That(cut.MostServed, Is.EqualTo(full.MostServed.Take(2).ToArray()));
        for (int needed = 1; needed <= data.Count; needed++)
        {
            bool fits = fresh.PathBandwidthFits(UserSet.Empty, -1, double.PositiveInfinity, data.BudgetHz, needed);
            Assert.That(!fits || stopped.PathBandwidthFits(UserSet.Empty, -1, double.PositiveInfinity, data.BudgetHz, needed), Is.True, $"{needed} users: stopped, it prunes nothing the program would keep");
        }

        Assert.That(
            stopped.MostInFront(UserSet.Empty, -1, double.PositiveInfinity, data.BudgetHz, data.Count),
            Is.GreaterThanOrEqualTo(fresh.MostInFront(UserSet.Empty, -1, double.PositiveInfinity, data.BudgetHz, data.Count)));
    }

    [TestCaseSource(nameof(Instances))]
    public void Thresholds_on_a_tight_budget_are_the_full_ones_at_evenly_spaced_deadlines(int seed)
    {
        var data = SequencingData.Prepare(Create(seed));
        Assume.That(data.PathLoad, Is.Not.Null);
        double[] atDeadline = [.. Enumerable.Range(0, data.Count).Select(k => LeastBandwidth.Hz(data.SnrHz[k], data.DataBits[k], data.Deadline[k] - data.Inference[k] + Tolerance))];
        DeadlineThresholds full = DeadlineThresholds.Compute(data, atDeadline, Tolerance);
        Assume.That(full.Deadlines, Has.Length.GreaterThan(2));

        // Room for two deadlines' worth of model sets: two of them are kept, the last among them.
        DeadlineThresholds spaced = DeadlineThresholds.Compute(data, atDeadline, Tolerance, setVisits: 2L << data.ModelCount);

        Assert.That(full.Deadlines, Is.EqualTo(data.Deadline.Distinct().Order().ToArray()));
        Assert.That(spaced.Deadlines, Has.Length.EqualTo(2));
        Assert.That(spaced.Deadlines[^1], Is.EqualTo(full.Deadlines[^1]));
        for (int t = 0; t < spaced.Deadlines.Length; t++)
        {
            int at = Array.IndexOf(full.Deadlines, spaced.Deadlines[t]);
            Assert.That(at, Is.GreaterThanOrEqualTo(0));
            Assert.That(spaced.MostServed[t], Is.EqualTo(full.MostServed[at]));
        }
    }

    [TestCaseSource(nameof(Instances))]
    public void The_loading_paths_are_the_shortest_over_every_order_of_the_models(int seed)
    {
        var data = SequencingData.Prepare(Create(seed));
        Assume.That(data.PathLoad, Is.Not.Null);
        int m = data.ModelCount;
        for (int q = 1; q < 1 << m; q++)
        {
            int[] models = [.. Enumerable.Range(0, m).Where(i => (q >> i & 1) != 0)];
            double shortest = double.PositiveInfinity;
            var endingAt = new double[m];
            Array.Fill(endingAt, double.PositiveInfinity);
            foreach (int[] permutation in Permutations(models))
            {
                double cost = data.FromInitial[permutation[0]];
                for (int i = 1; i < permutation.Length; i++)
                {
                    cost += data.Loading[(permutation[i - 1] * m) + permutation[i]];
                }

                shortest = Math.Min(shortest, cost);
                endingAt[permutation[^1]] = Math.Min(endingAt[permutation[^1]], cost);
            }

            Assert.That(data.PathLoad![q], Is.EqualTo(shortest).Within(1e-12));
            foreach (int last in models)
            {
                Assert.That(data.PathEndingAt![(q * m) + last], Is.EqualTo(endingAt[last]).Within(1e-12));
            }
        }
    }

    [Test]
    public void The_bandwidth_table_never_exceeds_the_closed_form()
    {
        var data = SequencingData.Prepare(RandomInstances.Create(3, users: 12, bandwidth: RandomBandwidth.Ample));
        var floor = new LeastBandwidthFloor(data, Tolerance);
        var random = new Random(5);
        for (int trial = 0; trial < 5000; trial++)
        {
            int k = random.Next(data.Count);
            double t = random.NextDouble() * (data.Deadline[k] - data.Inference[k]);
            double exact = PartialLoading.Bandwidth.LeastBandwidth.Hz(data.SnrHz[k], data.DataBits[k], t);
            Assert.That(floor.Below(k, t), Is.LessThanOrEqualTo(exact * (1 + 1e-12)), $"user {k} at {t} s");
        }
    }

    [Test]
    public void Only_users_that_can_be_served_alone_take_part()
    {
        Instance instance = RandomInstances.Create(11, users: 9, bandwidth: RandomBandwidth.Tight);

        var data = SequencingData.Prepare(instance);

        int[] alone = [.. Enumerable.Range(0, instance.Users.Length).Where(k => ReferenceModel.IsFeasibleOrder(instance, [k]))];
        Assert.That(data.Users, Is.EqualTo(alone));
        Assert.That(data.ModelCount, Is.EqualTo(alone.Select(k => instance.Users[k].Model).Distinct().Count()));
    }

    /// <summary>Random blocks shared between models, one user per model, deadlines spread.</summary>
    private static Instance OneUserPerModel(int seed, int models)
    {
        var random = new Random(seed);
        var builder = new InstanceBuilder($"one-user-per-model-{seed}");
        int blocks = models + 2;
        for (int j = 0; j < blocks; j++)
        {
            builder.AddBlock($"b{j}", Math.Round(20 + (random.NextDouble() * 200), 1));
        }

        for (int i = 0; i < models; i++)
        {
            double density = seed % 4 == 0 ? 0.4 : 0.2;
            string[] chosen = [.. Enumerable.Range(0, blocks).Where(_ => random.NextDouble() < density).Select(j => $"b{j}").DefaultIfEmpty($"b{i}")];
            builder.AddModel($"m{i}", Math.Round(0.01 + (random.NextDouble() * 0.08), 3), chosen);
        }

        double budget = seed % 2 == 0 ? 1e12 : 1e6 + (random.NextDouble() * 4e6);
        builder.SetServer(Math.Round(2000 + (random.NextDouble() * 2000), 1), budget, -174, seed % 3 == 0 ? $"m{random.Next(models)}" : null);
        for (int k = 0; k < models; k++)
        {
            builder.AddUser(
                $"u{k}",
                $"m{k}",
                dataMbit: Math.Round(0.2 + (random.NextDouble() * 2.5), 2),
                deadlineSeconds: Math.Round(0.3 + (random.NextDouble() * 0.5), 3),
                powerWatts: 0.2,
                gainDb: Math.Round(-125 + (random.NextDouble() * 30), 1));
        }

        return builder.Build();
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (int i = 0; i < items.Length; i++)
        {
            int[] rest = [.. items.Take(i), .. items.Skip(i + 1)];
            foreach (int[] tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
