using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading.Core;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Generation;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Milp;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// The exact solvers' frontier (issue 5): the target set (10 generated general instances, 30 users, 10 models,
/// 60 s each), the largest size each backend proves within 60 s, and agreement with the DP on bottom-layer,
/// common-deadline instances up to 60 users. Writes docs/results/NAME.csv and docs/plots/NAME.png.
/// </summary>
/// <remarks>
/// <c>exact-frontier</c> runs every backend (1–2 h, most of it MPSolver backends running into their limit); the
/// labeling search's own, larger frontier is <see cref="LabelingFrontierStudy"/>.
/// </remarks>
internal sealed class ExactFrontierStudy : IStudy
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly int[] FrontierSizes = [10, 15, 20, 25, 30, 35, 40, 45, 50, 60];
    private static readonly int[] DpSizes = [20, 30, 40, 50, 60];

    /// <summary>The backends run on the whole 30-user target set (the others only on the frontier's 3 seeds per size).</summary>
    private static readonly string[] TargetBackends = ["labeling", "cpsat visits", "milp scip"];

    private readonly string[] _backends;

    /// <summary>Every backend.</summary>
    public ExactFrontierStudy()
        : this("exact-frontier", "exact solvers: 30-user target set, largest size proved in 60 s per backend, DP agreement (~1-2 h)", [.. Backends().Select(b => b.Name)])
    {
    }

    /// <summary>Only <paramref name="backends"/> (names as in <see cref="Backends"/>).</summary>
    public ExactFrontierStudy(string name, string description, string[] backends)
    {
        Name = name;
        Description = description;
        _backends = backends;
    }

    public string Name { get; }

    public string Description { get; }

    private static IEnumerable<(string Name, Func<IScheduleSolver> Create)> Backends()
    {
        yield return ("labeling", () => new LabelingSolver());
        yield return ("cpsat visits", () => new CpSatSolver());
        yield return ("cpsat circuit", () => new CpSatSolver(new CpSatSettings { Formulation = CpSatFormulation.Circuit }));
        yield return ("milp scip", () => new MilpSolver());
        yield return ("milp highs", () => new MilpSolver(new MilpSettings { Backend = MilpBackend.Highs }));
        yield return ("milp cbc", () => new MilpSolver(new MilpSettings { Backend = MilpBackend.Cbc }));
    }

    public int Run(StudyOutput output, TextWriter progress)
    {
        var rows = new List<Row>();
        IScenario general = ScenarioRegistry.Get("synthetic-general");

        progress.WriteLine("target: synthetic-general, 30 users, 10 models, seeds 1-10, 60 s");
        foreach (string backend in TargetBackends.Where(_backends.Contains))
        {
            var create = Backends().First(b => b.Name == backend).Create;
            for (int seed = 1; seed <= 10; seed++)
            {
                rows.Add(Solve("target", backend, general.Generate(new GenerationRequest { Users = 30, Seed = seed, Name = $"sg30-{seed}" }), create, progress));
            }
        }

        progress.WriteLine("frontier: synthetic-general, 10 models, seeds 1-3 per size, 60 s");
        foreach ((string backend, Func<IScheduleSolver> create) in Backends().Where(b => _backends.Contains(b.Name)))
        {
            foreach (int users in FrontierSizes)
            {
                var atSize = Enumerable.Range(1, 3)
                    .Select(seed => Solve("frontier", backend, general.Generate(new GenerationRequest { Users = users, Seed = seed, Name = $"sg{users}-{seed}" }), create, progress))
                    .ToList();
                rows.AddRange(atSize);
                if (atSize.Count(r => r.Status == SolverStatus.Optimal) < 2)
                {
                    break; // past this backend's frontier
                }
            }
        }

        // Ample bandwidth (1 THz) in a 300 m cell (no power-limited cell-edge users) keeps the DP exact, so every exact
        // solver must meet it ("dp agreement"); with the scenario's own budget and 1 km cell the bandwidth binds and the
        // DP's repaired order is only a heuristic ("dp binding").
        progress.WriteLine("dp agreement: synthetic-bottom, common deadline, seeds 1-2 per size, 60 s; ample and binding bandwidth");
        IScenario bottom = ScenarioRegistry.Get("synthetic-bottom");
        foreach (int users in DpSizes)
        {
            for (int seed = 1; seed <= 2; seed++)
            {
                foreach ((string part, double? budget, double? radius) in new[] { ("dp agreement", (double?)1e12, (double?)300.0), ("dp binding", null, null) })
                {
                    Instance instance = bottom.Generate(new GenerationRequest { Users = users, Seed = seed, Deadlines = DeadlineMode.Common, BandwidthHz = budget, CellRadiusMeters = radius, Name = $"sb{users}-{seed}" });
                    rows.Add(Solve(part, "dp", instance, () => new DynamicProgrammingSolver(), progress));
                    foreach ((string backend, Func<IScheduleSolver> create) in Backends().Where(b => b.Name is "labeling" or "cpsat visits" && _backends.Contains(b.Name)))
                    {
                        rows.Add(Solve(part, backend, instance, create, progress));
                    }
                }
            }
        }

        string csv = output.WriteResult($"{Name}.csv", Csv(rows));
        string plot = Plot(rows, output.PlotPath($"{Name}.png"));
        progress.WriteLine($"wrote {csv} and {plot}");
        return 0;
    }

    private static Row Solve(string part, string backend, Instance instance, Func<IScheduleSolver> create, TextWriter progress)
    {
        // One warm start for every backend, EDD's (not the catalog's policy), so the backends start alike.
        Schedule warm = SolverRunner.Run(new EarliestDeadlineBaseline(), instance).Result.Schedule;
        var watch = Stopwatch.StartNew();
        SolveReport report = SolverRunner.Run(create(), instance, new SolverOptions { TimeLimit = Limit, Threads = 2, WarmStart = warm });
        var row = new Row(part, backend, instance.Name, instance.Users.Length, report.Status, report.Value, report.Bound, watch.Elapsed.TotalSeconds);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {part,-13} {backend,-14} {instance.Name,-8} value {row.Value,4:0.##} bound {row.Bound?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-",5} {row.Status.ToWord(),-9} {row.Seconds,6:F1} s"));
        return row;
    }

    private static string Csv(IEnumerable<Row> rows)
    {
        var text = new StringBuilder("part,solver,instance,users,status,value,bound,seconds\n");
        foreach (Row r in rows)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{r.Part},{r.Solver},{r.Instance},{r.Users},{r.Status.ToWord()},{r.Value},{r.Bound?.ToString(CultureInfo.InvariantCulture) ?? string.Empty},{r.Seconds:F2}\n"));
        }

        return text.ToString();
    }

    /// <summary>Share of instances proved within 60 s against the number of users, one line per backend.</summary>
    private static string Plot(List<Row> rows, string path)
    {
        var plot = new Plot();
        foreach (string backend in Backends().Select(b => b.Name))
        {
            var bySize = rows.Where(r => r.Part is "target" or "frontier" && r.Solver == backend).GroupBy(r => r.Users).OrderBy(g => g.Key).ToList();
            if (bySize.Count == 0)
            {
                continue;
            }

            double[] xs = [.. bySize.Select(g => (double)g.Key)];
            double[] ys = [.. bySize.Select(g => 100.0 * g.Count(r => r.Status == SolverStatus.Optimal) / g.Count())];
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = backend;
        }

        plot.Title("Exact solvers on synthetic-general (10 models): proved optimal within 60 s");
        plot.XLabel("users");
        plot.YLabel("instances proved optimal (%)");
        plot.Axes.SetLimitsY(-5, 105);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, 900, 500);
        return path;
    }

    private sealed record Row(string Part, string Solver, string Instance, int Users, SolverStatus Status, double Value, double? Bound, double Seconds);
}
