using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartialLoading;
using PartialLoading.Cli.Output;
using PartialLoading.Core;
using PartialLoading.Generation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.DynamicProgramming.Labeling;
using PartialLoading.Heuristics.LocalSearch;
using ScottPlot;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// The labeling search's frontier (issue 16): generated general instances of 40, 50 and 60 users with 10 models and of
/// 40 users with 20 models (seeds 1–10), and bottom-layer instances of 40 users with a common deadline and the
/// scenario's binding 20 MHz band (seeds 1–3); 60 s each on two threads, warm start included (the catalog's: dp where it
/// applies, a short local search, then the large-neighbourhood search from the better of the two).
/// Writes docs/results/labeling-frontier.csv and docs/plots/labeling-frontier.png after every instance, so an
/// interrupted run keeps what it measured. Seeds are interleaved across the groups for the same reason.
/// </summary>
internal sealed class LabelingFrontierStudy : IFigureStudy
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private const int Threads = 2;
    private const int Seeds = 10;
    private const int BottomSeeds = 3;

    /// <summary>Iterations of the warm start's local search: a fraction of a second, and the same schedule on every machine.</summary>
    private const int WarmIterations = 200;

    /// <summary>The catalog's warm start (dp where it applies, local, lns), local with <see cref="WarmIterations"/>, lns with the catalog's budget per user; its time counts in <see cref="Limit"/>.</summary>
    private static readonly WarmStartPolicy WarmStart = SolverCatalog.WarmStartPolicy(new SolverSettings { LocalSearch = new LocalSearchSettings { Iterations = WarmIterations } });

    private static readonly Group[] Groups =
    [
        new("general 40", "synthetic-general", 40, null, Seeds, "sg40"),
        new("general 50", "synthetic-general", 50, null, Seeds, "sg50"),
        new("general 60", "synthetic-general", 60, null, Seeds, "sg60"),
        new("general 40, 20 models", "synthetic-general", 40, 20, Seeds, "sg40m20"),
        new("bottom 40, 20 MHz", "synthetic-bottom", 40, null, BottomSeeds, "sb40"),
    ];

    public string Name => "labeling-frontier";

    public string Description => "labeling alone: general 40/50/60 users (10 models) and 40 users with 20 models, 10 seeds; bottom-layer 40 users at 20 MHz, 3 seeds; 60 s, 2 threads (~45 min)";

    public int Run(StudyOutput output, TextWriter progress)
    {
        var rows = new List<Row>();
        string csv = string.Empty;
        string plot = string.Empty;
        progress.WriteLine($"labeling-frontier: {Limit.TotalSeconds} s per instance (warm start included), {Threads} threads, warm start: dp where it applies, local ({WarmIterations} iterations), then lns ({SolverCatalog.WarmStartLnsIterationsPerUser} per user)");
        for (int seed = 1; seed <= Seeds; seed++)
        {
            foreach (Group group in Groups.Where(g => seed <= g.Seeds))
            {
                rows.Add(Solve(group, seed, progress));
                csv = output.WriteResult($"{Name}.csv", Csv(rows));
                plot = Plot([.. rows.Select(r => (r.Group, r.Status == SolverStatus.Optimal))], output.PlotPath($"{Name}.png"));
            }
        }

        progress.WriteLine($"wrote {csv} and {plot}");
        return 0;
    }

    private static Instance Generate(Group group, int seed)
    {
        var request = new GenerationRequest { Users = group.Users, Seed = seed, Models = group.Models, Name = $"{group.Prefix}-{seed}" };
        return ScenarioRegistry.Get(group.Scenario).Generate(group.Scenario == "synthetic-bottom" ? request with { Deadlines = DeadlineMode.Common } : request);
    }

    private static Row Solve(Group group, int seed, TextWriter progress)
    {
        Instance instance = Generate(group, seed);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        SolveReport report = SolverRunner.Run(new LabelingSolver(), instance, new SolverOptions { TimeLimit = Limit, Threads = Threads, Seed = seed, WarmStartPolicy = WarmStart });
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        SolveReport warm = report.WarmStart!;

        var row = new Row(group.Name, instance.Name, instance.Users.Length, instance.Models.Length, report.Status, report.Value, report.Bound, seconds, cpuSeconds, warm.Value, warm.Runtime.TotalSeconds, report.Result.Note ?? string.Empty);
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {group.Name,-22} {instance.Name,-10} warm {warm.Value,3:0.##} value {row.Value,3:0.##} bound {row.Bound?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-",3} {row.Status.ToWord(),-9} {seconds,5:F1} s ({cpuSeconds:F1} s CPU)"));
        return row;
    }

    private static string Csv(IEnumerable<Row> rows)
    {
        var text = new StringBuilder("group,instance,users,models,status,value,bound,seconds,cpu_seconds,warm_value,warm_seconds,note\n");
        foreach (Row r in rows)
        {
            text.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"\"{r.Group}\",{r.Instance},{r.Users},{r.Models},{r.Status.ToWord()},{r.Value},{r.Bound?.ToString(CultureInfo.InvariantCulture) ?? string.Empty},{r.Seconds:F2},{r.CpuSeconds:F2},{r.WarmValue},{r.WarmSeconds:F2},\"{r.Note.Replace("\"", "'", StringComparison.Ordinal)}\"\n"));
        }

        return text.ToString();
    }

    public int Replot(StudyOutput output, TextWriter progress)
    {
        (string Group, bool Proved)[] outcomes = [.. ResultTable.Read(output.ResultPath($"{Name}.csv")).Select(r => (r.Text("group"), r.Text("status") == SolverStatus.Optimal.ToWord()))];
        progress.WriteLine($"{Name}: wrote {Plot(outcomes, output.PlotPath($"{Name}.png"))}");
        return 0;
    }

    /// <summary>Share proved optimal within 60 s per group, each bar labelled with proved of n; a group not yet run says so.</summary>
    private static string Plot(IReadOnlyList<(string Group, bool Proved)> outcomes, string path)
    {
        Plot plot = Figure.Panel(
            $"labeling (exact) alone: share of generated instances proved optimal within {Limit.TotalSeconds:0} s ({Threads} threads, dp/local/lns warm start)",
            "instance group: generated instances (users, models; bottom = synthetic-bottom, common deadline, 20 MHz) and n per group",
            "instances proved optimal (%)");
        var bars = new List<Bar>();
        var ticks = new List<(double Position, string Label)>();
        for (int g = 0; g < Groups.Length; g++)
        {
            bool[] inGroup = [.. outcomes.Where(o => o.Group == Groups[g].Name).Select(o => o.Proved)];
            int proved = inGroup.Count(p => p);
            ticks.Add((g, $"{Groups[g].Name} (n = {inGroup.Length})"));
            if (inGroup.Length == 0)
            {
                var text = plot.Add.Text("not run", g, 0);
                text.LabelAlignment = Alignment.LowerCenter;
                continue;
            }

            bars.Add(new Bar { Position = g, Value = 100.0 * proved / inGroup.Length, FillColor = Figure.ColorOf(0), Label = $"{proved} of {inGroup.Length}" });
        }

        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.Position)], [.. ticks.Select(t => t.Label)]);
        plot.Axes.SetLimitsY(0, 110);
        return new Figure(1, 1250, 560, plot).WritePngAndSvg(path);
    }

    private sealed record Group(string Name, string Scenario, int Users, int? Models, int Seeds, string Prefix);

    private sealed record Row(string Group, string Instance, int Users, int Models, SolverStatus Status, double Value, double? Bound, double Seconds, double CpuSeconds, double WarmValue, double WarmSeconds, string Note);
}
