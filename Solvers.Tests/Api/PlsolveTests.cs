using PartialLoading.Bounds;
using PartialLoading.Core;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.LargeNeighbourhood;
using PartialLoading.Generation;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Api;

public class PlsolveTests
{
    private static IEnumerable<string> Names() => SolverCatalog.Names;

    /// <summary>A small bottom-layer instance with a common deadline, so that every solver of the catalog applies.</summary>
    private static Instance EverySolverApplies() => RandomInstances.Create(11, users: 8, models: 4, sharing: RandomSharing.BottomLayer, commonDeadline: true);

    [TestCase(10.0, 3.0, 7.0)]
    [TestCase(10.0, 9.5, 2.0)]
    [TestCase(5.0, 5.2, 2.0)]
    [TestCase(null, 30.0, 60.0)]
    public void A_strong_bound_gets_what_the_solver_left_of_the_limit_and_at_least_the_fast_allowance(double? limit, double used, double expected)
    {
        TimeSpan given = Plsolve.StrongBoundTimeLimit(limit is double s ? TimeSpan.FromSeconds(s) : null, TimeSpan.FromSeconds(used));

        Assert.That(given, Is.EqualTo(TimeSpan.FromSeconds(expected)));
        Assert.That(Plsolve.FastBoundTimeLimit, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void A_solver_by_name_gives_what_the_solver_by_type_gives()
    {
        Instance instance = RandomInstances.Create(5, users: 20);

        SolveReport byName = Plsolve.Solve(instance, "edd");
        SolveReport byType = Plsolve.Solve(instance, new EarliestDeadlineBaseline());

        Assert.That(byName.Solver, Is.EqualTo("edd"));
        Assert.That(byName.Schedule.Order, Is.EqualTo(byType.Schedule.Order));
        Assert.That(byName.Schedule.BandwidthsHz, Is.EqualTo(byType.Schedule.BandwidthsHz));
    }

    [Test]
    public void An_exact_search_starts_from_the_heuristics_schedule()
    {
        Instance instance = RandomInstances.Create(5, users: 20);
        var search = new RecordingSolver("a search of my own", takesWarmStart: true);

        SolveReport report = Plsolve.Solve(instance, search, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(5) });

        // The local search runs until its time limit here, so its schedule is pinned by what it must be, not by equality.
        Schedule warm = search.Options!.WarmStart!;
        ScheduleEvaluation evaluation = Plsolve.Evaluate(instance, warm);
        Assert.That(evaluation.IsFeasible, Is.True);
        Assert.That(evaluation.Value, Is.GreaterThanOrEqualTo(Plsolve.Solve(instance, "greedy").Value).And.GreaterThanOrEqualTo(Plsolve.Solve(instance, "edd").Value));
        Assert.That(search.Options.TimeLimit + report.WarmStartTime, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(5)), "the warm start counts against the limit");
        Assert.That(search.Options.TimeLimit, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(report.WarmStart!.Schedule, Is.SameAs(warm), "the report carries the warm start's own run");
        Assert.That(report.WarmStart.Solver, Is.AnyOf("local", "lns"));
        Assert.That(report.WarmStartTime, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public void A_warm_start_given_is_kept_and_the_empty_one_starts_cold()
    {
        Instance instance = RandomInstances.Create(5, users: 20);
        var search = new RecordingSolver("milp", takesWarmStart: true);

        SolveReport given = Plsolve.Solve(instance, search, new SolverOptions { WarmStart = Schedule.Empty });
        Assert.That(search.Options!.WarmStart, Is.SameAs(Schedule.Empty));
        Assert.That(given.WarmStart, Is.Null);

        SolveReport cold = Plsolve.Solve(instance, search, new SolverOptions { WarmStartPolicy = WarmStartPolicy.None });
        Assert.That(search.Options!.WarmStart, Is.Null);
        Assert.That(cold.WarmStart, Is.Null);
    }

    [Test]
    public void The_warm_start_is_the_heuristics_run_for_exact_solvers_only()
    {
        // Iteration budgets make the searches' schedules independent of the time they are given.
        Instance instance = RandomInstances.Create(5, users: 20);
        var settings = new SolverSettings { LocalSearch = new LocalSearchSettings { Iterations = 30 }, Lns = new LnsSettings { Iterations = 40 } };

        SolveReport exact = Plsolve.Solve(instance, "cpsat", new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60) }, settings);
        SolveReport? warm = exact.WarmStart;

        // dp refuses general sharing; lns goes on from local's schedule, as `plsolve solve --solver lns` does.
        SolveReport local = Plsolve.Solve(instance, "local", settings: settings);
        SolveReport lns = Plsolve.Solve(instance, "lns", settings: settings);
        Assert.That(lns.WarmStart!.Solver, Is.EqualTo("local"));
        SolveReport better = lns.Value > local.Value ? lns : local;
        Assert.That(warm!.Solver, Is.EqualTo(better.Solver));
        Assert.That(warm.Schedule.Order, Is.EqualTo(better.Schedule.Order));
        Assert.That(warm.Value, Is.GreaterThanOrEqualTo(local.Value), "a later search never makes the warm start worse");
        Assert.That(exact.Value, Is.GreaterThanOrEqualTo(warm.Value));
        Assert.That(Plsolve.Solve(instance, "greedy").WarmStart, Is.Null);
    }

    [Test]
    public void The_policy_runs_in_turn_each_search_from_the_best_before_it_and_a_listed_search_only_after_those_before_it()
    {
        Instance instance = RandomInstances.Create(5, users: 20);
        Schedule edd = Plsolve.Solve(instance, "edd").Schedule;
        RecordingSolver second = new("second", takesWarmStart: true), third = new("third", takesWarmStart: true);
        var policy = new WarmStartPolicy([new EarliestDeadlineBaseline(), second, third]);

        SolveReport mine = Plsolve.Solve(instance, new RecordingSolver("mine", takesWarmStart: true), new SolverOptions { WarmStartPolicy = policy });

        Assert.That(second.Options!.WarmStart!.Order, Is.EqualTo(edd.Order), "the second goes on from the first's schedule");
        Assert.That(third.Options!.WarmStart!.Order, Is.EqualTo(edd.Order), "the third from the best so far");
        Assert.That(mine.WarmStart!.Solver, Is.EqualTo("edd"), "the first on ties");

        second = new("second", takesWarmStart: true);
        third = new("third", takesWarmStart: true);
        Plsolve.Solve(instance, second, new SolverOptions { WarmStartPolicy = new WarmStartPolicy([new EarliestDeadlineBaseline(), second, third]) });

        Assert.That(second.Options!.WarmStart!.Order, Is.EqualTo(edd.Order), "a listed search is started by those before it");
        Assert.That(third.Options, Is.Null, "and never by those after it");
    }

    [Test]
    public void The_local_search_starts_from_the_dp_where_it_applies_and_is_never_its_own_warm_start()
    {
        var settings = new SolverSettings { LocalSearch = new LocalSearchSettings { Iterations = 30 } };
        SolveReport general = Plsolve.Solve(RandomInstances.Create(5, users: 20), "local", settings: settings);
        Assert.That(general.WarmStart, Is.Null, "dp refuses general sharing, and local does not start local");

        SolveReport bottom = Plsolve.Solve(EverySolverApplies(), "local", settings: settings);
        Assert.That(bottom.WarmStart!.Solver, Is.EqualTo("dp"));
        Assert.That(bottom.Value, Is.GreaterThanOrEqualTo(bottom.WarmStart.Value), "a warm start never makes the result worse");
    }

    [TestCase("edd")]
    [TestCase("dp")]
    [TestCase("a solver of my own")]
    public void Other_solvers_get_no_warm_start(string name)
    {
        var solver = new RecordingSolver(name);

        Plsolve.Solve(RandomInstances.Create(5, users: 20), solver);

        Assert.That(solver.Options!.WarmStart, Is.Null);
    }

    [TestCaseSource(nameof(Names))]
    public void Every_solver_reports_progress_ending_on_its_verified_outcome(string name)
    {
        Instance instance = EverySolverApplies();
        var progress = new RecordedProgress();

        SolveReport report = Plsolve.Solve(instance, name, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(5), Progress = progress });

        Assert.That(progress.Reports, Is.Not.Empty);
        SolverProgress last = progress.Reports[^1];
        Assert.That(last.Objective, Is.EqualTo(report.Value));
        Assert.That(last.Bound, Is.EqualTo(report.Bound));
        Assert.That(last.Elapsed, Is.EqualTo(report.Runtime));
    }

    [TestCaseSource(nameof(Names))]
    public void Every_solver_cancelled_before_it_starts_serves_nobody_and_claims_no_optimum(string name)
    {
        Instance instance = EverySolverApplies();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        SolveReport report = Plsolve.Solve(instance, name, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(30) }, cancellationToken: cancelled.Token);

        Assert.That(report.Served, Is.Zero);
        Assert.That(report.Status, Is.Not.EqualTo(SolverStatus.Optimal));
    }

    [Test]
    public void A_written_schedule_verifies_to_the_same_timeline()
    {
        Instance instance = RandomInstances.Create(5, users: 20);
        SolveReport report = Plsolve.Solve(instance, "edd");
        using InstanceFolder folder = InstanceFolder.Empty();
        string path = folder.File("schedule.csv");

        Plsolve.WriteSchedule(report, path);
        ScheduleEvaluation verified = Plsolve.Verify(instance, path);

        Assert.That(verified.IsFeasible, Is.True);
        Assert.That(verified.Value, Is.EqualTo(report.Value));
        Assert.That(verified.Timeline, Is.EqualTo(report.Evaluation.Timeline));
    }

    [Test]
    public void A_schedule_file_naming_an_unknown_user_is_bad_input()
    {
        Instance instance = RandomInstances.Create(5, users: 4);
        using InstanceFolder folder = InstanceFolder.Empty();
        folder.Write("schedule.csv", "position,user_id\n1,nobody\n");

        var problem = Assert.Throws<InvalidInputException>(() => Plsolve.Verify(instance, folder.File("schedule.csv")));

        Assert.That(problem!.Problems.Single().ToString(), Is.EqualTo("schedule.csv:2: column 'user_id': unknown user 'nobody'"));
    }

    [Test]
    public void Evaluate_names_the_violations_of_any_schedule()
    {
        Instance instance = Plsolve.NewInstance("late")
            .SetServer(loadRateMbPerSecond: 100, bandwidthHz: 20e6)
            .AddBlock("b", 100)
            .AddModel("M", 0.1, "b")
            .AddUser("u", "M", dataMbit: 1, deadlineSeconds: 0.5, powerWatts: 0.2, gainDb: -100)
            .Build();

        ScheduleEvaluation evaluation = Plsolve.Evaluate(instance, new Schedule([0], [20e6]));

        Assert.That(evaluation.IsFeasible, Is.False);
        Assert.That(evaluation.Violations.Single().Kind, Is.EqualTo(ViolationKind.DeadlineMissed));
    }

    [Test]
    public void A_generated_instance_written_and_read_back_solves_alike()
    {
        Instance generated = Plsolve.Generate("resnet50-finetune", new GenerationRequest { Users = 30, Seed = 4, Name = "round-trip" });
        using InstanceFolder folder = InstanceFolder.Empty();

        Plsolve.WriteInstance(generated, folder.Path);
        Instance read = Plsolve.ReadInstance(folder.Path);

        Assert.That(Plsolve.Solve(read, "fifo").Schedule.Order, Is.EqualTo(Plsolve.Solve(generated, "fifo").Schedule.Order));
    }

    [Test]
    public void A_report_reads_as_one_line()
    {
        Instance instance = RandomInstances.Create(3, users: 8, models: 3);

        SolveReport exact = Plsolve.Solve(instance, "cpsat", new SolverOptions { TimeLimit = TimeSpan.FromSeconds(30) });
        SolveReport heuristic = Plsolve.Solve(instance, "fifo");

        Assert.That(exact.ToString(), Does.Match(@"^cpsat: value \d+ \(\d+ of 8 users served\), optimal, bound \d+, gap 0%, [0-9.]+ s \(\+ [0-9.]+ s warm start\)$"));
        Assert.That(heuristic.ToString(), Does.Match(@"^fifo: value \d+ \(\d+ of 8 users served\), feasible, bound \d+, gap [0-9.]+%, [0-9.]+ s$"), "a heuristic's result carries the fast bound");
    }

    [TestCase("greedy", 3)]
    [TestCase("edd", 4)]
    [TestCase("local", 5)]
    [TestCase("fifo", 6)]
    public void A_heuristic_result_carries_a_proved_bound_never_below_its_value(string solver, int seed)
    {
        Instance instance = RandomInstances.Create(seed, users: 30, models: 5);

        SolveReport report = Plsolve.Solve(instance, solver);
        SolveReport unbounded = Plsolve.Solve(instance, solver, settings: new SolverSettings { Bound = BoundEffort.None });

        Assert.That(report.Bound, Is.GreaterThanOrEqualTo(report.Value));
        Assert.That(report.BoundSource, Is.Not.Null.And.Not.EqualTo(solver), "a relaxation proved it");
        Assert.That(report.Status, Is.EqualTo(report.Value >= report.Bound ? SolverStatus.Optimal : SolverStatus.Feasible));
        Assert.That(report.Schedule.Order, Is.EqualTo(unbounded.Schedule.Order), "attaching a bound never changes the schedule");
        Assert.That(unbounded.Status, Is.EqualTo(SolverStatus.Heuristic));
        Assert.That(unbounded.Bound, Is.Null);
    }

    [Test]
    public void A_bound_below_a_verified_value_is_a_defect()
    {
        Instance instance = RandomInstances.Create(3, users: 10, models: 3);
        SolveReport report = Plsolve.Solve(instance, "edd", settings: new SolverSettings { Bound = BoundEffort.None });
        Assert.That(report.Value, Is.GreaterThan(0));

        var defect = Assert.Throws<SolverDefectException>(() => report.WithProvedBound(report.Value - 0.5, "wrong-relaxation", TimeSpan.Zero));

        Assert.That(defect!.Solver, Is.EqualTo("wrong-relaxation"));
    }

    /// <summary>A solver that records the options it was given and returns their warm start (or nothing).</summary>
    private sealed class RecordingSolver(string name, bool takesWarmStart = false) : IScheduleSolver
    {
        public string Name => name;

        public SolverTraits Traits { get; } = SolverTraits.Heuristic with { TakesWarmStart = takesWarmStart };

        public SolverOptions? Options { get; private set; }

        public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
        {
            Options = options;
            return new SolverResult(options.WarmStart ?? Schedule.Empty, SolverStatus.Heuristic);
        }
    }

    /// <summary>Keeps every report, in order (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class RecordedProgress : IProgress<SolverProgress>
    {
        private readonly Lock _gate = new();

        public List<SolverProgress> Reports { get; } = [];

        public void Report(SolverProgress value)
        {
            lock (_gate)
            {
                Reports.Add(value);
            }
        }
    }

    [Test]
    public void A_bound_from_code_is_the_least_relaxation_and_above_every_heuristic()
    {
        Instance instance = EverySolverApplies();

        CombinedBound bound = Plsolve.Bound(instance, BoundEffort.Fast);

        Assert.That(bound.Value, Is.EqualTo(UpperBound.Compute(instance, BoundEffort.Fast).Value));
        Assert.That(bound.Value, Is.GreaterThanOrEqualTo(Plsolve.Solve(instance, "local").Value));
        Assert.That(bound.Parts.Select(p => p.Relaxation), Is.EqualTo(UpperBound.Relaxations(BoundEffort.Fast).Select(r => r.Name)));
    }
}
