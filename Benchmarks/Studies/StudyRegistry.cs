namespace PartialLoading.Benchmarks.Studies;

/// <summary>The studies <c>-- study NAME</c> knows; add a study by adding it to <see cref="All"/>.</summary>
internal static class StudyRegistry
{
    private static readonly IStudy[] All =
    [
        new DpScalingStudy(),
        new ExactFrontierStudy(),
        new BoundQualityStudy(),
        new LabelingFrontierStudy(),
        new HeuristicGapStudy(),
        new ServingStudy(),
        new LnsQualityStudy(generatedUsers: 1000),
        new LnsQualityStudy(generatedUsers: 10000),
        new GapTimeStudy(),
        new LocalScalingStudy(),
        new SolverSweepStudy(
            "throughput-users", "task throughput against the number of users K (10-160), every solver, 3 seeds; CSV + PNG (~4 min)",
            "users K", [10, 20, 40, 80, 160], (panel, k, seed) => SolverSweepStudy.Base(panel, (int)k, seed)),
        new SolverSweepStudy(
            "throughput-deadline", "task throughput against a common deadline T (K = 20), every solver, 3 seeds; CSV + PNG (~4 min)",
            "common deadline T (s), K = 20 users", [0.25, 0.5, 1, 1.5, 2, 3], (panel, t, seed) => SolverSweepStudy.Base(panel, SweptUsers, seed) with { CommonDeadlineSeconds = t }),
        new SolverSweepStudy(
            "throughput-bandwidth", "task throughput against the total uplink bandwidth B (K = 20, T = 1 s), every solver, 3 seeds; CSV + PNG (~4 min)",
            "total uplink bandwidth B (MHz), K = 20 users, common deadline T = 1 s", [1, 2, 5, 10, 20, 50],
            (panel, b, seed) => SolverSweepStudy.Base(panel, SweptUsers, seed) with { BandwidthHz = b * 1e6, CommonDeadlineSeconds = SweptDeadlineSeconds }),
        new SolverSweepStudy(
            "throughput-loading-rate", "task throughput against the loading rate R (K = 20, T = 1 s), every solver, 3 seeds; CSV + PNG (~4 min)",
            "loading rate R (MB/s), K = 20 users, common deadline T = 1 s", [250, 500, 1000, 2000, 4000],
            (panel, r, seed) => SolverSweepStudy.Base(panel, SweptUsers, seed) with { LoadRateMbPerSecond = r, CommonDeadlineSeconds = SweptDeadlineSeconds }),
        new SolverSweepStudy(
            "runtime-users", "solver time against the number of users K (10-640), every solver, 2 seeds; CSV + PNG (~4 min)",
            "users K", [10, 20, 40, 80, 160, 320, 640], (panel, k, seed) => SolverSweepStudy.Base(panel, (int)k, seed), SweepMetric.Runtime, seeds: 2),
    ];

    /// <summary>K of the sweeps over deadline, bandwidth and loading rate: small enough for cpsat at every point.</summary>
    private const int SweptUsers = 20;

    /// <summary>
    /// The fixed deadline of the bandwidth and loading-rate sweeps. The generator derives its deadlines from the busy
    /// time at the instance's own R (and per-user ones from each user's upload), so without a fixed T a faster loading
    /// rate would also shorten the deadlines and the sweep would not isolate the parameter. 1 s serves about 2/3 of
    /// 20 users at the defaults (throughput-deadline).
    /// </summary>
    private const double SweptDeadlineSeconds = 1.0;

    /// <summary>
    /// Runs the study named in <paramref name="args"/>[0], or lists the studies. With <c>--plot-only</c> it redraws
    /// the study's figure from its CSV instead (<c>all --plot-only</c>: every study that has one).
    /// </summary>
    public static int Run(string[] args)
    {
        bool plotOnly = args.Length == 2 && args[1] == "--plot-only";
        if (plotOnly && args[0] == "all")
        {
            StudyOutput output = StudyOutput.InRepository();
            return All.OfType<IFigureStudy>().Select(s => s.Replot(output, Console.Error)).Max();
        }

        IStudy? study = args.Length == 1 || plotOnly ? All.FirstOrDefault(s => s.Name == args[0]) : null;
        if (study is null)
        {
            Console.Error.WriteLine(args.Length == 0 ? "study: name a study:" : $"study: unknown study '{string.Join(' ', args)}'; known (add --plot-only to redraw a figure from its CSV):");
            foreach (IStudy known in All)
            {
                Console.Error.WriteLine($"  {known.Name,-14} {known.Description}");
            }

            return 2;
        }

        if (!plotOnly)
        {
            return study.Run(StudyOutput.InRepository(), Console.Error);
        }

        if (study is not IFigureStudy figure)
        {
            Console.Error.WriteLine($"study: {study.Name} has no figure to redraw");
            return 2;
        }

        return figure.Replot(StudyOutput.InRepository(), Console.Error);
    }
}
