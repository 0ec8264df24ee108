using PartialLoading.Bounds;
using PartialLoading.Core;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Input;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Generation;
using PartialLoading.Simulation;

namespace PartialLoading;

/// <summary>
/// The entry point: what the <c>plsolve</c> command line does, from code. Read, build or generate an
/// <see cref="Instance"/>; solve it with a solver picked by name (<see cref="SolverCatalog"/>) or by type; get a
/// <see cref="SolveReport"/> (schedule, status, value, bound, gap, runtime); evaluate or verify any schedule.
/// </summary>
/// <remarks>
/// <para>
/// Every solve goes through <see cref="SolverRunner"/>, as <c>plsolve solve</c> does: the schedule is recomputed from
/// the instance before it is reported, <see cref="SolverOptions.Progress"/> receives objective, bound and elapsed
/// time, and the cancellation token stops the solver with the best schedule found so far.
/// </para>
/// <para>
/// The types behind these methods are public too, for finer control: <see cref="InstanceBuilder"/>,
/// <see cref="InstanceReader"/>, <see cref="ScheduleEvaluator"/>, <see cref="Core.Planning.OrderPlanner"/> (an order's
/// least-bandwidth plan, for writing a solver of one's own against <see cref="IScheduleSolver"/>).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// Instance instance = Plsolve.ReadInstance("instances/three-models");
/// SolveReport quick = Plsolve.Solve(instance, "greedy");
/// SolveReport exact = Plsolve.Solve(instance, "cpsat", new SolverOptions { TimeLimit = TimeSpan.FromSeconds(10) });
/// Console.WriteLine(quick);   // greedy: value 3 (3 of 3 users served), heuristic, 0.001 s
/// Console.WriteLine(exact);   // cpsat: value 3 (3 of 3 users served), optimal, bound 3, gap 0%, 0.05 s
/// </code>
/// </example>
public static class Plsolve
{
    /// <summary>Every solver by name, with what it does (<see cref="SolverCatalog.All"/>).</summary>
    public static IReadOnlyList<SolverInfo> Solvers => SolverCatalog.All;

    /// <summary>Starts an instance in code; <see cref="InstanceBuilder.Build"/> validates it as the CSV reader does.</summary>
    /// <param name="name">The instance's name in reports.</param>
    public static InstanceBuilder NewInstance(string name = "instance") => new(name);

    /// <summary>Reads the instance folder <paramref name="directory"/> (the four CSV files of docs/model.md §7).</summary>
    /// <exception cref="InvalidInputException">The files break a rule; every problem is listed, one line each.</exception>
    public static Instance ReadInstance(string directory) => InstanceReader.Read(directory);

    /// <summary>Writes <paramref name="instance"/> as the four CSV files into <paramref name="directory"/>, each whole or not at all.</summary>
    public static void WriteInstance(Instance instance, string directory) => InstanceWriter.Write(instance, directory);

    /// <summary>Generates an instance of a named scenario (<see cref="ScenarioRegistry.All"/>), as <c>plsolve generate</c> does.</summary>
    /// <param name="scenario">The scenario's name, e.g. <c>resnet50-finetune</c>.</param>
    /// <param name="request">Users, seed, and any defaults to override; the same request gives the same instance.</param>
    /// <exception cref="GenerationRequestException">Unknown scenario, or a value out of range.</exception>
    public static Instance Generate(string scenario, GenerationRequest request) => ScenarioRegistry.Get(scenario).Generate(request);

    /// <summary>Solves <paramref name="instance"/> with the solver called <paramref name="solver"/>, as <c>plsolve solve --solver NAME</c> does.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="solver">A name from <see cref="SolverCatalog.Names"/>: <c>local</c>, <c>greedy</c>, <c>dp</c>, <c>milp</c>, <c>cpsat</c>, ….</param>
    /// <param name="options">
    /// Time limit, threads, seed, progress, warm start and warm-start policy (default: <see cref="SolverOptions.Default"/>;
    /// with no <see cref="SolverOptions.WarmStartPolicy"/>, the catalog's, <see cref="SolverCatalog.WarmStartPolicy"/>).
    /// </param>
    /// <param name="settings">
    /// Each solver's own settings, e.g. the MILP backend or the greedy rule (default: <see cref="SolverSettings.Default"/>);
    /// the heuristics that warm-start a search take their part too.
    /// </param>
    /// <param name="cancellationToken">Stops the solver early; the best schedule found so far is then reported.</param>
    /// <returns>The verified result; <see cref="SolveReport.WarmStart"/> is the heuristic run that started it, if any.</returns>
    /// <remarks>
    /// A solver that <see cref="SolverTraits.TakesWarmStart"/> (<c>labeling</c>, <c>milp</c>, <c>cpsat</c>) first gets the
    /// best schedule of the policy's heuristics as its <see cref="SolverOptions.WarmStart"/>, unless one is given; give
    /// <see cref="Schedule.Empty"/> or <see cref="WarmStartPolicy.None"/> to start it cold.
    /// </remarks>
    /// <exception cref="ArgumentException">No solver has that name.</exception>
    /// <exception cref="SolverNotApplicableException">
    /// The solver refuses the instance (e.g. <c>dp</c> on general sharing); the message says why in one line and
    /// <see cref="SolverNotApplicableException.ApplicableSolvers"/> names solvers that apply.
    /// </exception>
    /// <exception cref="SolverDefectException">The solver's schedule does not hold up when recomputed (a bug to report).</exception>
    public static SolveReport Solve(Instance instance, string solver, SolverOptions? options = null, SolverSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Run(SolverCatalog.Get(solver).Create(settings), instance, options, settings, cancellationToken);
    }

    /// <summary>Solves <paramref name="instance"/> with <paramref name="solver"/>, any <see cref="IScheduleSolver"/>.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="solver">The solver, e.g. <c>new GreedySolver()</c> or <c>new CpSatSolver(new CpSatSettings { … })</c>, or one of your own.</param>
    /// <param name="options">
    /// Time limit, threads, seed, progress, warm start and warm-start policy (default: <see cref="SolverOptions.Default"/>;
    /// with no <see cref="SolverOptions.WarmStartPolicy"/>, the catalog's with default settings).
    /// </param>
    /// <param name="cancellationToken">Stops the solver early; the best schedule found so far is then reported.</param>
    /// <returns>The verified result.</returns>
    /// <remarks>
    /// A solver whose <see cref="IScheduleSolver.Traits"/> say it takes a warm start gets one as in
    /// <see cref="Solve(Instance, string, SolverOptions?, SolverSettings?, CancellationToken)"/>.
    /// </remarks>
    /// <exception cref="SolverNotApplicableException">The solver refuses the instance; the message says why in one line.</exception>
    /// <exception cref="SolverDefectException">The solver's schedule does not hold up when recomputed (a bug to report).</exception>
    public static SolveReport Solve(Instance instance, IScheduleSolver solver, SolverOptions? options = null, CancellationToken cancellationToken = default)
        => Solve(instance, solver, options, settings: null, cancellationToken);

    /// <summary>Solves <paramref name="instance"/> with <paramref name="solver"/>, with the warm-start heuristics' and the bound's part of <paramref name="settings"/>.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="solver">The solver, e.g. one of your own.</param>
    /// <param name="options">Time limit, threads, seed, progress, warm start and warm-start policy.</param>
    /// <param name="settings">The warm-start heuristics' settings and <see cref="SolverSettings.Bound"/> (default: <see cref="SolverSettings.Default"/>).</param>
    /// <param name="cancellationToken">Stops the solver early; the best schedule found so far is then reported.</param>
    /// <returns>The verified result, with a proved bound attached by <see cref="SolverSettings.Bound"/>.</returns>
    /// <exception cref="SolverNotApplicableException">The solver refuses the instance; the message says why in one line.</exception>
    /// <exception cref="SolverDefectException">The solver's schedule does not hold up when recomputed (a bug to report).</exception>
    public static SolveReport Solve(Instance instance, IScheduleSolver solver, SolverOptions? options, SolverSettings? settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(solver);
        return Run(solver, instance, options, settings, cancellationToken);
    }

    /// <summary>The most time the fast bound attached to a result may take (2 s); relaxations not run by then are skipped, what they proved is kept.</summary>
    public static TimeSpan FastBoundTimeLimit { get; } = TimeSpan.FromSeconds(2);

    private static SolveReport Run(IScheduleSolver solver, Instance instance, SolverOptions? options, SolverSettings? settings, CancellationToken cancellationToken)
    {
        options ??= SolverOptions.Default;
        if (options.WarmStartPolicy is null && solver.Traits.TakesWarmStart)
        {
            options = options with { WarmStartPolicy = SolverCatalog.WarmStartPolicy(settings) };
        }

        SolveReport report;
        try
        {
            report = SolverRunner.Run(solver, instance, options, cancellationToken);
        }
        catch (SolverNotApplicableException refusal) when (refusal.ApplicableSolvers.Count == 0)
        {
            throw refusal.WithApplicableSolvers(SolverCatalog.ApplicableInstead(solver.Traits, instance, settings));
        }

        return WithBound(report, (settings ?? SolverSettings.Default).Bound, options, cancellationToken);
    }

    /// <summary>
    /// The time a strong bound gets after a solver that ran <paramref name="used"/> of <paramref name="timeLimit"/>: what
    /// is left (so the run keeps to its limit), never less than <see cref="FastBoundTimeLimit"/> (a solver that used its
    /// whole limit still gets the bound the fast relaxations give); 60 s without a limit.
    /// </summary>
    public static TimeSpan StrongBoundTimeLimit(TimeSpan? timeLimit, TimeSpan used)
        => timeLimit is not TimeSpan total ? TimeSpan.FromSeconds(60) : total - used > FastBoundTimeLimit ? total - used : FastBoundTimeLimit;

    /// <summary>
    /// Attaches the bound of <paramref name="effort"/> to a result that is not proved optimal (docs/model.md §10), and
    /// tells the progress reporter the outcome again, so that a display ends on the reported bound.
    /// </summary>
    private static SolveReport WithBound(SolveReport report, BoundEffort effort, SolverOptions options, CancellationToken cancellationToken)
    {
        if (effort == BoundEffort.None || report.Status == SolverStatus.Optimal)
        {
            return report;
        }

        TimeSpan limit = effort == BoundEffort.Fast ? FastBoundTimeLimit : StrongBoundTimeLimit(options.TimeLimit, report.Runtime + report.WarmStartTime);
        CombinedBound bound = UpperBound.Compute(report.Instance, effort, limit, cancellationToken);
        if (!bound.HasValue)
        {
            return report;
        }

        SolveReport bounded = report.WithProvedBound(bound.Value, bound.Source!, bound.Elapsed);
        options.Progress?.Report(new SolverProgress(bounded.Value, bounded.Bound, bounded.Runtime));
        return bounded;
    }

    /// <summary>
    /// A proved upper bound on <paramref name="instance"/>'s optimum, as <c>plsolve bound</c> computes it: the least of
    /// the relaxations of docs/model.md §10 that <paramref name="effort"/> runs, which one gave it, and each one's value
    /// and time (<see cref="UpperBound"/>). A heuristic's result with this bound is <c>feasible</c> with gap
    /// <see cref="CombinedBound.GapOf"/>.
    /// </summary>
    /// <param name="instance">The instance.</param>
    /// <param name="effort"><see cref="BoundEffort.Fast"/> (about as long as reading the instance) or <see cref="BoundEffort.Strong"/>.</param>
    /// <param name="timeLimit">Wall-clock time for all relaxations together; what is proved by then is kept.</param>
    /// <param name="cancellationToken">Stops the run early; what is proved so far is kept.</param>
    public static CombinedBound Bound(Instance instance, BoundEffort effort = BoundEffort.Strong, TimeSpan? timeLimit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return UpperBound.Compute(instance, effort, timeLimit, cancellationToken);
    }

    /// <summary>
    /// Reads an arrivals folder (docs/model.md §11): <c>arrivals.csv</c> (<c>arrival_s</c>, then the columns of
    /// <c>users.csv</c> with <c>deadline_s</c> the latency budget) beside the catalogue's <c>server.csv</c>,
    /// <c>blocks.csv</c> and <c>models.csv</c>.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="horizonSeconds">End of the arrival window (null: the last absolute deadline, so every request is decided).</param>
    /// <exception cref="InvalidInputException">A file breaks a rule; every problem is listed, one line each.</exception>
    public static ArrivalTrace ReadArrivals(string directory, double? horizonSeconds = null) => ArrivalsFile.Read(directory, horizonSeconds);

    /// <summary>
    /// Draws Poisson arrivals at <paramref name="ratePerSecond"/> over [0, <paramref name="horizonSeconds"/>) with a
    /// scenario's models, popularity and channel (<see cref="PoissonArrivals.Generate"/>: each request's latency budget is
    /// its earliest finish alone plus a uniform share of <paramref name="slackSeconds"/>).
    /// </summary>
    /// <exception cref="GenerationRequestException">Unknown scenario, or a value out of range.</exception>
    public static ArrivalTrace GenerateArrivals(string scenario, double ratePerSecond, double horizonSeconds, int seed = 0, double slackSeconds = 1.0)
        => PoissonArrivals.Generate(scenario, ratePerSecond, horizonSeconds, seed, slackSeconds);

    /// <summary>
    /// Serves <paramref name="trace"/> frame after frame with the catalog solver <paramref name="policy"/> as the policy,
    /// as <c>plsolve simulate --policy NAME</c> does (docs/model.md §11); every frame's schedule is verified.
    /// </summary>
    /// <param name="trace">The requests and their arrival times.</param>
    /// <param name="policy">A name from <see cref="SolverCatalog.Names"/>, e.g. <c>greedy</c>.</param>
    /// <param name="settings">Frame length, per-frame solver options (time limit: the frame length unless given), charged solve time.</param>
    /// <param name="solverSettings">Each solver's own settings, e.g. <c>local</c>'s iteration budget.</param>
    /// <param name="progress">Told after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops after the epoch under way; the finished epochs are kept.</param>
    /// <returns>Per-epoch records, each request's fate and the summary.</returns>
    /// <exception cref="ArgumentException">No solver has that name.</exception>
    /// <exception cref="SolverNotApplicableException">The policy refuses a frame; the message names the epoch.</exception>
    public static SimulationResult Simulate(
        ArrivalTrace trace,
        string policy,
        SimulationSettings settings,
        SolverSettings? solverSettings = null,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
        => Simulator.Run(trace, new CatalogPolicy(policy, solverSettings), settings, progress, null, cancellationToken);

    /// <summary>Serves <paramref name="trace"/> with any <see cref="IScheduleSolver"/> as the policy (docs/model.md §11).</summary>
    /// <param name="trace">The requests and their arrival times.</param>
    /// <param name="policy">The solver, e.g. one of your own.</param>
    /// <param name="settings">Frame length, per-frame solver options, charged solve time.</param>
    /// <param name="progress">Told after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops after the epoch under way; the finished epochs are kept.</param>
    /// <exception cref="SolverNotApplicableException">The policy refuses a frame; the message names the epoch.</exception>
    public static SimulationResult Simulate(
        ArrivalTrace trace,
        IScheduleSolver policy,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
        => Simulator.Run(trace, new SolverPolicy(policy), settings, progress, null, cancellationToken);

    /// <summary>Recomputes <paramref name="schedule"/>'s timeline from the instance and names every violation (docs/model.md §3).</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="schedule">Any schedule: served users in order and their bandwidths.</param>
    /// <param name="rule">What a model switch loads (default: only the missing blocks, the problem's rule).</param>
    /// <exception cref="ArgumentException">A user index is out of range.</exception>
    public static ScheduleEvaluation Evaluate(Instance instance, Schedule schedule, LoadingRule rule = LoadingRule.SharedBlocks)
        => new ScheduleEvaluator(instance, rule).Evaluate(schedule);

    /// <summary>
    /// Reads a schedule file and recomputes it, as <c>plsolve verify</c> does (docs/model.md §8): <c>position</c>,
    /// <c>user_id</c> and, when present, <c>bandwidth_hz</c> are read; without bandwidths each user gets exactly its
    /// least bandwidth.
    /// </summary>
    /// <param name="instance">The instance the schedule is for.</param>
    /// <param name="scheduleFile">Path of a <c>schedule.csv</c>.</param>
    /// <param name="rule">What a model switch loads (default: only the missing blocks, the problem's rule).</param>
    /// <returns>The evaluation: <see cref="ScheduleEvaluation.IsFeasible"/>, value, and every violation.</returns>
    /// <exception cref="InvalidInputException">The file is missing or malformed, or names an unknown user.</exception>
    public static ScheduleEvaluation Verify(Instance instance, string scheduleFile, LoadingRule rule = LoadingRule.SharedBlocks)
    {
        ScheduleFile file = ScheduleFile.Read(scheduleFile, instance);
        return new ScheduleEvaluator(instance, rule).Evaluate(file.Order, file.BandwidthsHz is { } bandwidths ? bandwidths : null);
    }

    /// <summary>Writes a solve's schedule as <c>schedule.csv</c> (docs/model.md §8) to <paramref name="path"/>, whole or not at all.</summary>
    public static void WriteSchedule(SolveReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ScheduleFile.Write(path, report.Instance, report.Evaluation);
    }
}
