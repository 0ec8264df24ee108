using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Simulation;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Simulation;

public class SimulatorTests
{
    private static readonly string[] EveryHeuristic = ["greedy", "edd", "fifo", "random", "full-loading", "local"];

    private static readonly SolverSettings TenIterations = new() { LocalSearch = new LocalSearchSettings { Iterations = 10 } };

    private static IEnumerable<TestCaseData> PoliciesOnRandomTraces()
    {
        foreach (string scenario in new[] { "synthetic-general", "synthetic-bottom" })
        {
            foreach (int seed in new[] { 1, 2 })
            {
                foreach (string policy in EveryHeuristic)
                {
                    yield return new TestCaseData(scenario, seed, policy).SetArgDisplayNames(scenario, $"seed {seed}", policy);
                }
            }
        }
    }

    [TestCaseSource(nameof(PoliciesOnRandomTraces))]
    public void Arrivals_equal_served_plus_missed_plus_pending_and_every_frame_verifies(string scenario, int seed, string policy)
    {
        ArrivalTrace trace = PoissonArrivals.Generate(scenario, ratePerSecond: 12, horizonSeconds: 6, seed, slackSeconds: 1.5);
        var frames = new List<PlannedFrame>();

        SimulationResult result = Simulator.Run(trace, new CatalogPolicy(policy, TenIterations), new SimulationSettings(0.5), onFrame: frames.Add);

        AssertConsistent(result, frames);
        Assert.That(result.Summary.Served, Is.GreaterThan(0), "some request is servable at this load");
    }

    [Test]
    public void A_horizon_of_more_than_the_most_epochs_is_refused_before_the_first_epoch()
    {
        ArrivalTrace trace = SimulationTraces.ThreeModels(1e9, ("r1", "A", 0.0, 1e9));
        var progress = new SynchronousProgress(_ => Assert.Fail("no epoch runs"));

        var refusal = Assert.Throws<ArgumentOutOfRangeException>(() => Simulator.Run(trace, new CatalogPolicy("greedy"), new SimulationSettings(1.0), progress));

        Assert.That(refusal!.Message, Does.Contain("up to 1E+09 decision epochs, more than the 1000000 a run may take"));
        Assert.That(Simulator.MostEpochs(1e6, 1.0), Is.EqualTo(Simulator.MaxEpochs), "a million seconds in frames of a second is the most that runs");
    }

    [Test]
    public void A_run_at_the_most_epochs_runs_every_one_of_them()
    {
        // Its time is measured, not asserted (docs/results: 0.34 s and 174 MB for one policy).
        ArrivalTrace trace = SimulationTraces.ThreeModels(1e6, ("r1", "A", 0.0, 0.6));

        SimulationResult result = Simulator.Run(trace, new CatalogPolicy("greedy"), new SimulationSettings(1.0));

        Assert.That(result.Epochs, Has.Length.EqualTo(Simulator.MaxEpochs));
    }

    [Test]
    public void Dp_runs_every_frame_of_a_batch_with_a_common_deadline_and_matches_the_conservation_law()
    {
        Instance batch = RandomInstances.Create(seed: 5, users: 14, models: 5, sharing: RandomSharing.BottomLayer, commonDeadline: true);
        ArrivalTrace trace = SimulationTraces.Batch(batch, horizonSeconds: 3);
        var frames = new List<PlannedFrame>();

        SimulationResult result = Simulator.Run(trace, new CatalogPolicy("dp"), new SimulationSettings(0.2), onFrame: frames.Add);

        AssertConsistent(result, frames);
        Assert.That(frames, Is.Not.Empty);
        Assert.That(frames.Select(f => f.Epoch), Is.EqualTo(result.Epochs.Where(e => e.Pending > 0).Select(e => e.Epoch)), "dp planned every non-empty frame");
    }

    [Test]
    public void Labeling_as_a_policy_conserves_requests_and_serves_at_least_as_many_in_the_first_frame_as_greedy()
    {
        ArrivalTrace trace = PoissonArrivals.Generate("synthetic-general", ratePerSecond: 8, horizonSeconds: 3, seed: 3);
        var exact = new List<PlannedFrame>();
        var greedy = new List<PlannedFrame>();

        SimulationResult labeling = Simulator.Run(trace, new CatalogPolicy("labeling"), new SimulationSettings(0.5) { FrameOptions = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(20) } }, onFrame: exact.Add);
        Simulator.Run(trace, new CatalogPolicy("greedy"), new SimulationSettings(0.5), onFrame: greedy.Add);

        AssertConsistent(labeling, exact);
        Assert.That(exact[0].Report.Value, Is.GreaterThanOrEqualTo(greedy[0].Report.Value), "the same first frame: an optimum is never below greedy");
    }

    [Test]
    public void Three_epochs_by_hand_serve_carry_the_model_and_miss_what_can_no_longer_be_served()
    {
        // t0 = 0: r1 (A) alone; alpha loads 0.3 s, inference 0.05 s: done at 0.35. Busy 0.35 < F, so t1 = 1.
        // t1 = 1: r2 (B, due 1.3) after A loads only beta (0.1 s): done at 1.15. t2 = 2.
        // t2 = 2: r3 (C, due 1.6) has passed its deadline; r5 (C, due 2.45) would need gamma (0.5 s) + 0.05 s > 0.45 s
        //         after B: missed although due later; r4 (B, due 2.1) finds B in memory, loads nothing, and starts once
        //         its upload (the whole band: ~12.5 ms) is in: done at 2 + upload + 0.05.
        // t3 = 3 ≥ H = 2.5 ends it; r6 (due 3.4) is still pending.
        ArrivalTrace trace = SimulationTraces.ThreeModels(
            2.5,
            ("r1", "A", 0.0, 0.6),
            ("r2", "B", 0.5, 0.8),
            ("r3", "C", 1.2, 0.4),
            ("r4", "B", 1.9, 0.2),
            ("r5", "C", 1.95, 0.5),
            ("r6", "A", 2.4, 1.0));

        SimulationResult result = Simulator.Run(trace, new CatalogPolicy("greedy"), new SimulationSettings(1.0));
        double upload = UplinkRate.UploadSeconds(trace.Catalogue.Users[3].SnrBandwidthHz, 2e6, 20e6);

        Assert.That(result.Epochs.Select(e => e.TimeSeconds), Is.EqualTo(new[] { 0.0, 1.0, 2.0 }));
        Assert.That(result.EndSeconds, Is.EqualTo(3.0));
        Assert.That(result.Epochs.Select(e => (e.Pending, e.Served, e.Missed, e.Carried)), Is.EqualTo(new[] { (1, 1, 0, 0), (1, 1, 0, 0), (1, 1, 2, 0) }));
        Assert.That(result.Epochs.Select(e => e.LoadingSeconds), Is.EqualTo(new[] { 0.3, 0.1, 0.0 }).Within(1e-12));
        Assert.That(result.Epochs.Select(e => e.FullLoadingSeconds), Is.EqualTo(new[] { 0.3, 0.4, 0.0 }).Within(1e-12));
        Assert.That(result.Outcomes.Select(o => (o.Fate, o.Epoch)), Is.EqualTo(new (RequestFate, int?)[]
        {
            (RequestFate.Served, 0), (RequestFate.Served, 1), (RequestFate.Missed, 2), (RequestFate.Served, 2), (RequestFate.Missed, 2), (RequestFate.Pending, null),
        }));
        Assert.That(result.Outcomes.Select(o => o.CompletionSeconds ?? -1), Is.EqualTo(new[] { 0.35, 1.15, -1, 2.05 + upload, -1, -1 }).Within(1e-9));
        SimulationSummary summary = result.Summary;
        Assert.That((summary.Arrivals, summary.Served, summary.Missed, summary.Pending), Is.EqualTo((6, 3, 2, 1)));
        Assert.That(summary.ResponseMeanSeconds, Is.EqualTo((0.35 + 0.65 + 0.15 + upload) / 3).Within(1e-9));
        Assert.That(summary.LoadingSavedSeconds, Is.EqualTo(0.3).Within(1e-12));
    }

    [Test]
    public void A_frame_that_starts_with_the_model_the_last_one_ended_on_loads_nothing_for_it()
    {
        ArrivalTrace trace = SimulationTraces.ThreeModels(2.0, ("first", "C", 0.0, 1.0), ("again", "C", 0.5, 1.0));
        var frames = new List<PlannedFrame>();

        SimulationResult result = Simulator.Run(trace, new CatalogPolicy("edd"), new SimulationSettings(0.6), onFrame: frames.Add);

        Assert.That(frames, Has.Count.EqualTo(2));
        Instance second = frames[1].Report.Instance;
        Assert.That(second.Server.InitialModel, Is.EqualTo(frames[0].Report.Evaluation.Timeline[^1].Model), "initial_model = the model the last plan ended on");
        Assert.That(frames[1].Report.Evaluation.Timeline[0].LoadSeconds, Is.Zero);
        Assert.That(result.Epochs[1].LoadingSeconds, Is.Zero);
    }

    [Test]
    public void Charged_solve_time_delays_each_next_epoch_by_exactly_that_time()
    {
        ArrivalTrace trace = PoissonArrivals.Generate("synthetic-bottom", ratePerSecond: 10, horizonSeconds: 4, seed: 4);

        SimulationResult result = Simulator.Run(trace, new CatalogPolicy("greedy"), new SimulationSettings(0.5) { ChargeSolverTime = true });

        for (int n = 0; n + 1 < result.Epochs.Length; n++)
        {
            EpochRecord e = result.Epochs[n];
            Assert.That(result.Epochs[n + 1].TimeSeconds, Is.EqualTo(e.TimeSeconds + Math.Max(0.5, e.BusySeconds) + e.SolverSeconds), $"epoch {n}");
        }

        Assert.That(result.Epochs.Where(e => e.Pending > 0).All(e => e.SolverSeconds > 0), Is.True);
    }

    [Test]
    public void Cancelling_keeps_the_finished_epochs_and_still_accounts_for_every_arrival()
    {
        ArrivalTrace trace = PoissonArrivals.Generate("synthetic-general", ratePerSecond: 5, horizonSeconds: 300, seed: 6);
        using var cancel = new CancellationTokenSource();
        var stopAfterThree = new SynchronousProgress(p =>
        {
            if (p.Epoch == 2)
            {
                cancel.Cancel();
            }
        });

        SimulationResult result = Simulator.Run(trace, new CatalogPolicy("greedy"), new SimulationSettings(1.0), stopAfterThree, cancellationToken: cancel.Token);

        Assert.That(result.Interrupted, Is.True);
        Assert.That(result.Epochs, Has.Length.EqualTo(3));
        Assert.That(result.Arrivals, Is.LessThan(trace.Count));
        AssertConsistent(result, []);
    }

    [Test]
    public void The_same_seed_and_iteration_budget_give_the_same_requests_csv_byte_for_byte()
    {
        byte[] Run()
        {
            ArrivalTrace trace = PoissonArrivals.Generate("synthetic-general", ratePerSecond: 15, horizonSeconds: 4, seed: 9);
            var settings = new SimulationSettings(0.5) { FrameOptions = new SolverOptions { Seed = 3 } };
            SimulationResult local = Simulator.Run(trace, new CatalogPolicy("local", TenIterations), settings);
            SimulationResult random = Simulator.Run(trace, new CatalogPolicy("random"), settings);
            using var folder = InstanceFolder.Empty();
            SimulationFiles.Write(folder.Path, [local, random]);
            return File.ReadAllBytes(folder.File(SimulationFiles.Requests));
        }

        byte[] first = Run();
        Assert.That(Run(), Is.EqualTo(first));
        Assert.That(first, Has.Length.GreaterThan(100));
    }

    [Test]
    public void Poisson_arrivals_are_sorted_below_the_horizon_and_the_same_for_a_seed()
    {
        ArrivalTrace a = PoissonArrivals.Generate("resnet50-finetune", ratePerSecond: 30, horizonSeconds: 10, seed: 1);
        ArrivalTrace b = PoissonArrivals.Generate("resnet50-finetune", ratePerSecond: 30, horizonSeconds: 10, seed: 1);
        ArrivalTrace other = PoissonArrivals.Generate("resnet50-finetune", ratePerSecond: 30, horizonSeconds: 10, seed: 2);

        Assert.That(a.ArrivalSeconds, Is.Ordered);
        Assert.That(a.ArrivalSeconds.All(t => t is >= 0 and < 10), Is.True);
        Assert.That(a.Count, Is.InRange(200, 400), "about 300 expected (Poisson, 30/s over 10 s)");
        Assert.That(b.ArrivalSeconds, Is.EqualTo(a.ArrivalSeconds));
        Assert.That(b.Catalogue.Users.Select(u => (u.Model, u.DeadlineSeconds)), Is.EqualTo(a.Catalogue.Users.Select(u => (u.Model, u.DeadlineSeconds))));
        Assert.That(other.ArrivalSeconds, Is.Not.EqualTo(a.ArrivalSeconds));
    }

    /// <summary>
    /// Conservation, fates that agree with the epochs, and every planned frame recomputed from its own instance:
    /// feasible, deadlines relative to its epoch, the model in memory carried from the frame before.
    /// </summary>
    private static void AssertConsistent(SimulationResult result, IReadOnlyList<PlannedFrame> frames)
    {
        SimulationSummary s = result.Summary;
        Assert.That(s.Served + s.Missed + s.Pending, Is.EqualTo(s.Arrivals), "conservation");
        Assert.That(result.Outcomes, Has.Length.EqualTo(result.Arrivals));
        Assert.That(s.Served, Is.EqualTo(result.Epochs.Sum(e => e.Served)));
        Assert.That(result.Epochs.Sum(e => e.Missed), Is.LessThanOrEqualTo(s.Missed));
        foreach (RequestOutcome o in result.Outcomes)
        {
            Arrival arrival = result.Trace[o.Request];
            if (o.Fate == RequestFate.Served)
            {
                Assert.That(o.CompletionSeconds!.Value, Is.LessThanOrEqualTo(arrival.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds));
                Assert.That(o.CompletionSeconds!.Value, Is.GreaterThan(arrival.TimeSeconds));
                Assert.That(result.Epochs[o.Epoch!.Value].TimeSeconds, Is.GreaterThanOrEqualTo(arrival.TimeSeconds));
            }
            else if (o.Fate == RequestFate.Pending)
            {
                Assert.That(arrival.DeadlineSeconds, Is.GreaterThan(result.EndSeconds));
            }
        }

        int? model = result.Trace.Catalogue.Server.InitialModel;
        foreach (PlannedFrame frame in frames)
        {
            Instance instance = frame.Report.Instance;
            ScheduleEvaluation again = new ScheduleEvaluator(instance, frame.Report.Result.LoadingRule).Evaluate(frame.Report.Schedule);
            Assert.That(again.IsFeasible, Is.True, $"epoch {frame.Epoch}: {string.Join("; ", again.Violations)}");
            Assert.That(instance.Server.InitialModel, Is.EqualTo(model), $"epoch {frame.Epoch}: the model in memory");
            foreach (User u in instance.Users)
            {
                int r = result.Trace.Catalogue.FindUser(u.Id)!.Value;
                Assert.That(u.DeadlineSeconds, Is.EqualTo(result.Trace[r].DeadlineSeconds - frame.TimeSeconds), "deadline relative to the epoch");
            }

            if (again.Timeline.Length > 0)
            {
                model = again.Timeline[^1].Model;
            }
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (<see cref="Progress{T}"/> would post).</summary>
    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
