using PartialLoading.Core.Model;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Heuristics;

/// <summary>The local search's incremental checks against the reference model recomputing whole orders.</summary>
public class ServiceSequenceTests
{
    /// <remarks>Also: the O(log n) budget filter rejects only insertions whose Σβ breaks the budget.</remarks>
    [Test]
    public void Insertion_feasibility_equals_the_reference_at_every_position([Range(1, 80)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];

        for (int user = 0; user < instance.Users.Length; user++)
        {
            if (sequence.IsServed(user))
            {
                continue;
            }

            for (int position = 0; position <= order.Count; position++)
            {
                List<int> extended = [.. order];
                extended.Insert(position, user);
                Assert.That(sequence.CanInsert(user, position), Is.EqualTo(ReferenceModel.IsFeasibleOrder(instance, extended)), $"user {user} at {position} in [{string.Join(",", order)}]");
                Assert.That(sequence.InsertionDelay(user, position), Is.EqualTo(Busy(instance, extended) - Busy(instance, order)).Within(1e-9));
                if (sequence.MeetsDeadlinesWith(user, position) && !sequence.MayFitBudgetInserting(user, position))
                {
                    Assert.That(ReferenceModel.TotalLeastBandwidth(instance, extended), Is.GreaterThan(instance.Server.BandwidthHz * (1.0 + 1e-9)), $"user {user} at {position}");
                }
            }
        }
    }

    [Test]
    public void A_user_said_to_fit_nowhere_misses_a_deadline_at_every_position([Range(1, 80)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        for (int user = 0; user < instance.Users.Length; user++)
        {
            if (sequence.IsServed(user) || sequence.MayInsertSomewhere(user))
            {
                continue;
            }

            for (int position = 0; position <= order.Count; position++)
            {
                List<int> extended = [.. order];
                extended.Insert(position, user);
                double[] ends = ReferenceModel.EndsWithInstantUploads(instance, extended);
                Assert.That(extended.Select((k, p) => ends[p] <= instance.Users[k].DeadlineSeconds + 1e-9).All(ok => ok), Is.False, $"user {user} fits at {position} in [{string.Join(",", order)}]");
            }
        }
    }

    [Test]
    public void The_tangent_of_the_least_bandwidth_at_the_latest_start_stays_below_it_at_earlier_starts([Range(1, 40)] int seed)
    {
        (Instance instance, _) = Draw(seed);
        foreach (User user in instance.Users)
        {
            double latest = user.DeadlineSeconds - instance.Models[user.Model].InferenceSeconds;
            double least = PartialLoading.Bandwidth.LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest);
            double slope = ServiceSequence.Slope(user, latest, least) * (1.0 - 1e-6);
            for (double earlier = latest * 0.999; earlier > latest * 0.01; earlier *= 0.9)
            {
                double exact = PartialLoading.Bandwidth.LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, earlier);
                Assert.That(least + (slope * (latest - earlier)), Is.LessThanOrEqualTo(exact), $"user {user.Id} starting at {earlier} s instead of {latest} s");
            }
        }
    }

    [Test]
    public void Relocation_and_replacement_delays_equal_the_change_of_busy_time([Range(1, 60)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        double busy = Busy(instance, order);
        Assert.That(sequence.BusySeconds, Is.EqualTo(busy).Within(1e-9));

        for (int from = 0; from < order.Count; from++)
        {
            for (int count = 1; from + count <= order.Count; count++)
            {
                for (int target = 0; target <= order.Count; target++)
                {
                    if (target >= from && target <= from + count)
                    {
                        continue; // not a move
                    }

                    int[] moved = Neighbourhood.Moved(order, from, count, target);
                    Assert.That(moved, Is.EquivalentTo(order));
                    Assert.That(sequence.RelocationDelay(from, count, target), Is.EqualTo(Busy(instance, moved) - busy).Within(1e-9), $"[{from}, +{count}) → {target}");
                }
            }

            for (int user = 0; user < instance.Users.Length; user++)
            {
                if (!sequence.IsServed(user))
                {
                    List<int> replaced = [.. order];
                    replaced[from] = user;
                    Assert.That(sequence.ReplacementDelay(from, user), Is.EqualTo(Busy(instance, replaced) - busy).Within(1e-9));
                }
            }
        }
    }

    [Test]
    public void Replacement_deadline_filter_rejects_only_replacements_that_miss_a_deadline([Range(1, 60)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        for (int position = 0; position < order.Count; position++)
        {
            for (int user = 0; user < instance.Users.Length; user++)
            {
                if (sequence.IsServed(user))
                {
                    continue;
                }

                List<int> replaced = [.. order];
                replaced[position] = user;
                double[] ends = ReferenceModel.EndsWithInstantUploads(instance, replaced);
                bool meets = replaced.Select((k, n) => ends[n] <= instance.Users[k].DeadlineSeconds + 1e-9).All(ok => ok);
                Assert.That(sequence.MayMeetDeadlinesReplacing(position, user), Is.EqualTo(meets), $"user {user} at {position} in [{string.Join(",", order)}]");
            }
        }
    }

    [Test]
    public void Evaluation_reusing_the_sequence_bandwidths_equals_the_evaluation_from_scratch([Range(1, 60)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        foreach (int[] candidate in SingleUserMovesAndReplacements(instance, sequence))
        {
            bool fresh = Feasibility.Evaluate(instance, instance.LoadingTimes, candidate, out SequenceScore freshScore);
            bool reused = Feasibility.Evaluate(instance, instance.LoadingTimes, candidate, out SequenceScore reusedScore, sequence);
            Assert.That((reused, reusedScore), Is.EqualTo((fresh, freshScore)), $"[{string.Join(",", candidate)}]");
        }
    }

    [Test]
    public void Concatenated_segments_give_the_latest_start_of_the_backward_pass([Range(1, 40)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        Assume.That(order, Is.Not.Empty);
        double first = ReferenceModel.LatestStarts(instance, order)[0];
        Assert.That(sequence.Segment(0, order.Count).Latest, Is.EqualTo(first).Within(1e-9));
        for (int cut = 1; cut < order.Count; cut++)
        {
            LatestStartSegment joined = sequence.Segment(0, cut).Then(sequence.Segment(cut, order.Count), instance.LoadingTimes);
            Assert.That(joined.Latest, Is.EqualTo(first).Within(1e-9), $"cut at {cut}");
            Assert.That(joined.Duration, Is.EqualTo(sequence.Segment(0, order.Count).Duration).Within(1e-9));
        }
    }

    [Test]
    public void Relocation_deadline_filter_rejects_only_moves_that_miss_a_deadline([Range(1, 60)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        for (int from = 0; from < order.Count; from++)
        {
            for (int count = 1; from + count <= order.Count; count++)
            {
                for (int target = 0; target <= order.Count; target++)
                {
                    if (target >= from && target <= from + count)
                    {
                        continue;
                    }

                    int[] moved = Neighbourhood.Moved(order, from, count, target);
                    double[] ends = ReferenceModel.EndsWithInstantUploads(instance, moved);
                    bool meets = moved.Select((k, n) => ends[n] <= instance.Users[k].DeadlineSeconds + 1e-9).All(ok => ok);
                    if (!sequence.MayMeetDeadlinesMoving(from, count, target))
                    {
                        Assert.That(meets, Is.False, $"[{from}, +{count}) → {target} meets every deadline");
                    }
                }
            }
        }
    }

    [Test]
    public void The_lower_bound_of_the_least_bandwidth_after_a_replacement_never_exceeds_it([Range(1, 80)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        for (int user = 0; user < instance.Users.Length; user++)
        {
            if (sequence.IsServed(user))
            {
                continue;
            }

            for (int position = 0; position < order.Count; position++)
            {
                List<int> replaced = [.. order];
                replaced[position] = user;
                if (sequence.MayMeetDeadlinesReplacing(position, user) && ReferenceModel.EndsWithInstantUploads(instance, replaced).Select((e, p) => e <= instance.Users[replaced[p]].DeadlineSeconds + 1e-9).All(ok => ok))
                {
                    double reference = ReferenceModel.TotalLeastBandwidth(instance, replaced);
                    Assert.That(sequence.LeastBandwidthLowerBoundReplacing(position, user), Is.LessThanOrEqualTo(reference * (1 + 1e-9)), $"user {user} at {position}");
                }
            }
        }
    }

    [Test]
    public void The_lower_bound_of_the_least_bandwidth_after_a_relocation_never_exceeds_it([Range(1, 80)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        for (int from = 0; from < order.Count; from++)
        {
            for (int count = 1; from + count <= order.Count; count++)
            {
                for (int target = 0; target <= order.Count; target++)
                {
                    int[] moved = Neighbourhood.Moved(order, from, count, target);
                    if ((target < from || target > from + count) && ReferenceModel.EndsWithInstantUploads(instance, moved).Select((e, p) => e <= instance.Users[moved[p]].DeadlineSeconds + 1e-9).All(ok => ok))
                    {
                        double reference = ReferenceModel.TotalLeastBandwidth(instance, moved);
                        Assert.That(sequence.LeastBandwidthLowerBoundMoving(from, count, target), Is.LessThanOrEqualTo(reference * (1 + 1e-9)), $"[{from}, +{count}) → {target}");
                    }
                }
            }
        }
    }

    [Test]
    public void Trying_an_order_keeps_it_exactly_when_its_evaluation_is_feasible_and_scores_better([Range(1, 60)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        foreach (int[] candidate in SingleUserMovesAndReplacements(instance, sequence))
        {
            ServiceSequence trial = sequence.Clone();
            bool better = Feasibility.Evaluate(instance, instance.LoadingTimes, candidate, out SequenceScore score) && score.CompareTo(sequence.Score) > 0;
            Assert.That(trial.TryReplace(candidate, sequence.Score), Is.EqualTo(better), $"[{string.Join(",", candidate)}]");
            var fresh = new ServiceSequence(instance, instance.LoadingTimes, better ? candidate : [.. sequence.Order]);
            Assert.That((trial.Order, trial.Score, trial.Runs), Is.EqualTo((fresh.Order, fresh.Score, fresh.Runs)));
        }
    }

    [Test]
    public void A_sequence_changed_in_place_caches_what_a_fresh_one_computes([Range(1, 40)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        var random = new Random(seed);
        for (int step = 0; step < 6 && sequence.Count > 0; step++)
        {
            sequence.RemoveRange(random.Next(sequence.Count), 1);
            for (int user = 0; user < instance.Users.Length; user++)
            {
                int position = random.Next(sequence.Count + 1);
                if (!sequence.IsServed(user) && sequence.CanInsert(user, position))
                {
                    sequence.Insert(user, position);
                    break;
                }
            }

            var fresh = new ServiceSequence(instance, instance.LoadingTimes, sequence.Order);
            Assert.That(sequence.Score, Is.EqualTo(fresh.Score));
            Assert.That(sequence.LeastBandwidthHz, Is.EqualTo(ReferenceModel.TotalLeastBandwidth(instance, [.. sequence.Order])).Within(1e-7).Percent);
            Assert.That(sequence.Runs, Is.EqualTo(fresh.Runs));
            ServiceSequence copy = sequence.Clone();
            Assert.That((copy.Score, copy.Order), Is.EqualTo((sequence.Score, sequence.Order)));
            Assert.That(copy.Stamp, Is.Not.EqualTo(sequence.Stamp));
        }
    }

    /// <remarks>
    /// The in-place swap keeps the caches the moves read (the slack table, the prefix sums of β and of its slopes, the
    /// runs) itself; every probe is compared bit for bit with a sequence that took the same order by a whole rebuild,
    /// over chains of swaps so that in-place states are swapped again.
    /// </remarks>
    [Test]
    public void Replacing_within_a_model_decides_and_caches_as_the_whole_rebuild_does([Range(1, 60)] int seed) => SwapWithinModels(seed);

    [Test]
    public void The_swaps_within_a_model_checked_include_thousands_that_are_kept()
        => Assert.That(Enumerable.Range(1, 60).Sum(SwapWithinModels), Is.GreaterThan(1000), "too few swaps kept for the comparison to mean anything");

    /// <summary>Random swaps within a model on a 16-user draw, each compared with the whole rebuild; the number kept.</summary>
    private static int SwapWithinModels(int seed)
    {
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 16, models: 3, bandwidth: seed % 2 == 0 ? RandomBandwidth.Tight : RandomBandwidth.Ample,
            commonDeadline: seed % 3 == 0, initialModel: seed % 4 < 2, sharing: seed % 5 == 0 ? RandomSharing.BottomLayer : RandomSharing.General);
        var admitted = new List<int>();
        foreach (int user in Enumerable.Range(0, instance.Users.Length).OrderBy(_ => random.Next()))
        {
            if (ReferenceModel.IsFeasibleOrder(instance, [.. admitted, user]))
            {
                admitted.Add(user);
            }
        }

        var inPlace = new ServiceSequence(instance, instance.LoadingTimes, admitted);
        int swaps = 0;
        for (int attempt = 0; attempt < 200 && inPlace.Count > 0; attempt++)
        {
            int position = random.Next(inPlace.Count);
            int[] sameModel = [.. Enumerable.Range(0, instance.Users.Length).Where(u => !inPlace.IsServed(u) && instance.Users[u].Model == inPlace.ModelAt(position))];
            if (sameModel.Length == 0)
            {
                continue;
            }

            int user = sameModel[random.Next(sameModel.Length)];
            int[] candidate = [.. inPlace.Order];
            candidate[position] = user;
            _ = inPlace.MayInsertSomewhere(user); // builds the slack table, which the swap then updates in place
            var rebuilt = new ServiceSequence(instance, instance.LoadingTimes, inPlace.Order);
            SequenceScore bar = attempt % 3 == 0 ? new SequenceScore(0.0, 0.0, 0.0) : inPlace.Score;
            ServiceSequence? copy = attempt % 4 == 1 ? inPlace.Clone() : null; // shares the caches until one of them changes
            bool kept = inPlace.TryReplaceWithinModel(position, user, bar);
            Assert.That(kept, Is.EqualTo(rebuilt.TryReplace(candidate, bar)), $"swap of {user} at {position}");
            swaps += kept ? 1 : 0;
            AssertSameCaches(instance, inPlace, rebuilt);
            if (copy is not null)
            {
                AssertSameCaches(instance, copy, new ServiceSequence(instance, instance.LoadingTimes, copy.Order));
            }
        }

        return swaps;
    }

    /// <summary>An instance and a feasible sequence of some of its users (admitted in random order).</summary>
    [Test]
    public void The_least_bandwidth_after_a_replacement_equals_the_reference_or_is_infinite_only_past_the_budget([Range(1, 60)] int seed)
    {
        (Instance instance, ServiceSequence sequence) = Draw(seed);
        List<int> order = [.. sequence.Order];
        double limit = instance.Server.BandwidthHz * (1.0 + 1e-9);
        for (int position = 0; position < order.Count; position++)
        {
            for (int user = 0; user < instance.Users.Length; user++)
            {
                List<int> replaced = [.. order];
                replaced[position] = user;
                if (sequence.IsServed(user) || !ReferenceModel.EndsWithInstantUploads(instance, replaced).Select((e, p) => e <= instance.Users[replaced[p]].DeadlineSeconds + 1e-9).All(ok => ok))
                {
                    continue; // the walk is meaningful where the deadlines hold
                }

                double reference = ReferenceModel.TotalLeastBandwidth(instance, replaced);
                double walked = sequence.LeastBandwidthReplacing(position, user);
                if (double.IsPositiveInfinity(walked))
                {
                    Assert.That(reference, Is.GreaterThan(limit * (1 - 1e-9)), $"user {user} at {position}");
                }
                else
                {
                    Assert.That(walked, Is.EqualTo(reference).Within(1e-7).Percent, $"user {user} at {position}");
                }
            }
        }
    }

    /// <summary>Every order one move of a served user or one replacement by an unserved user away from the sequence's.</summary>
    private static List<int[]> SingleUserMovesAndReplacements(Instance instance, ServiceSequence sequence)
    {
        List<int> order = [.. sequence.Order];
        var candidates = new List<int[]>();
        for (int from = 0; from < order.Count; from++)
        {
            candidates.AddRange(Enumerable.Range(0, order.Count + 1).Where(target => target < from || target > from + 1).Select(target => Neighbourhood.Moved(order, from, 1, target)));
            candidates.AddRange(Enumerable.Range(0, instance.Users.Length).Where(user => !sequence.IsServed(user)).Select(user =>
            {
                int[] replaced = [.. order];
                replaced[from] = user;
                return replaced;
            }));
        }

        return candidates;
    }

    private static (Instance, ServiceSequence) Draw(int seed)
    {
        var random = new Random(seed);
        Instance instance = RandomInstances.Create(seed, users: 8, models: 4, bandwidth: seed % 2 == 0 ? RandomBandwidth.Tight : RandomBandwidth.Ample,
            commonDeadline: seed % 3 == 0, initialModel: seed % 4 < 2, sharing: seed % 5 == 0 ? RandomSharing.BottomLayer : RandomSharing.General);
        var order = new List<int>();
        foreach (int user in Enumerable.Range(0, 8).OrderBy(_ => random.Next()))
        {
            if (ReferenceModel.IsFeasibleOrder(instance, [.. order, user]))
            {
                order.Add(user);
            }
        }

        return (instance, new ServiceSequence(instance, instance.LoadingTimes, order));
    }

    private static void AssertSameCaches(Instance instance, ServiceSequence actual, ServiceSequence expected)
    {
        Assert.That((actual.Order, actual.Score, actual.Runs, actual.MostLeastBandwidthHz), Is.EqualTo((expected.Order, expected.Score, expected.Runs, expected.MostLeastBandwidthHz)));
        int n = expected.Count;
        for (int p = 0; p < n; p++)
        {
            Assert.That(actual.LeastBandwidthAt(p), Is.EqualTo(expected.LeastBandwidthAt(p)), $"β at {p}");
            for (int q = p + 1; q <= n; q++)
            {
                Assert.That(actual.Segment(p, q), Is.EqualTo(expected.Segment(p, q)), $"segment [{p}, {q})");
            }
        }

        for (int user = 0; user < instance.Users.Length; user++)
        {
            Assert.That(actual.MayInsertSomewhere(user), Is.EqualTo(expected.MayInsertSomewhere(user)), $"user {user} somewhere");
            if (actual.IsServed(user))
            {
                continue;
            }

            for (int p = 0; p <= n; p++)
            {
                Assert.That(actual.MayFitBudgetInserting(user, p), Is.EqualTo(expected.MayFitBudgetInserting(user, p)), $"user {user} at {p}");
                if (p < n)
                {
                    Assert.That(actual.LeastBandwidthLowerBoundReplacing(p, user), Is.EqualTo(expected.LeastBandwidthLowerBoundReplacing(p, user)), $"user {user} in place of {p}");
                }
            }
        }
    }

    private static double Busy(Instance instance, IReadOnlyList<int> order)
        => order.Count == 0 ? 0.0 : ReferenceModel.EndsWithInstantUploads(instance, order)[^1];
}
