// An edge server hosts eight image classifiers, all ResNet-50 fine-tuned from three pre-trained checkpoints with the
// bottom stages frozen, so models of one checkpoint share those stages and a switch between them loads only the rest.
// Fifty users each send one 224x224 image with a deadline. This program builds that instance in code, solves it with
// greedy and with the exact labeling search (the exact solver the README recommends), and prints both. It starts from
// the local search's schedule, keeps the best one found, and when the time limit stops it before the proof, its bound
// and gap say how far from proved it is.
//
//   dotnet run -c Release -- [exact time limit in seconds, default 10]
using System.Globalization;
using PartialLoading;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Generation.Architectures;
using PartialLoading.DynamicProgramming.Labeling;

const string Heuristic = "greedy"; // any name of Plsolve.Solvers (local, edd, ...): switching solvers is this one word
TimeSpan exactLimit = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10);

// Block sizes: ResNet-50's published per-stage parameter counts at fp32 (stem, layer1-layer4; the fc head per task).
Architecture resnet = PublishedArchitectures.ResNet50;
var builder = Plsolve.NewInstance("resnet50-fleet")
    .SetServer(loadRateMbPerSecond: 1000, bandwidthHz: 20e6, noiseDbmPerHz: -174);

// Checkpoint c freezes its bottom FrozenStages[c] body stages: one shared block each.
int[] frozenStages = [4, 3, 2];
for (int c = 0; c < frozenStages.Length; c++)
{
    foreach (ArchitectureLayer stage in resnet.Body.Take(frozenStages[c]))
    {
        builder.AddBlock($"ckpt{c}-{stage.Name}", resnet.SizeMb(stage.Parameters));
    }
}

// Each task owns the stages above its checkpoint's frozen ones and a classifier for its classes; 8 ms per inference.
(string Task, int Checkpoint, int Classes)[] tasks =
[
    ("cifar10", 0, 10), ("cifar100", 0, 100), ("dtd", 0, 47),
    ("food101", 1, 101), ("flowers102", 1, 102), ("pets", 1, 37),
    ("cars", 2, 196), ("aircraft", 2, 100),
];
foreach ((string task, int c, int classes) in tasks)
{
    var blocks = resnet.Body.Take(frozenStages[c]).Select(stage => $"ckpt{c}-{stage.Name}").ToList();
    foreach (ArchitectureLayer stage in resnet.Body.Skip(frozenStages[c]))
    {
        builder.AddBlock($"{task}-{stage.Name}", resnet.SizeMb(stage.Parameters));
        blocks.Add($"{task}-{stage.Name}");
    }

    builder.AddBlock($"{task}-fc", resnet.SizeMb(resnet.HeadParameters(classes)));
    builder.AddModel(task, 0.008, [.. blocks, $"{task}-fc"]);
}

// 50 users: a task, an image of 0.3-1.2 Mbit, a deadline within 0.15-0.75 s, 0.2 W and a gain of -95 to -125 dB.
var random = new Random(2026);
for (int k = 1; k <= 50; k++)
{
    builder.AddUser(
        $"u{k:D2}",
        tasks[random.Next(tasks.Length)].Task,
        dataMbit: Math.Round(0.3 + (0.9 * random.NextDouble()), 3),
        deadlineSeconds: Math.Round(0.15 + (0.6 * random.NextDouble()), 3),
        powerWatts: 0.2,
        gainDb: Math.Round(-95 - (30 * random.NextDouble()), 1));
}

Instance instance = builder.Build(); // validates like the CSV reader: every problem, one line each

// A heuristic by name, in milliseconds.
SolveReport quick = Plsolve.Solve(instance, Heuristic);

// The exact solver by type, with typed settings; it starts from the local search's schedule, reports progress
// (objective, bound, elapsed) on stderr, and Ctrl-C stops it with the best schedule so far, as the time limit does.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var options = new SolverOptions { TimeLimit = exactLimit, Threads = 2, Progress = new StderrProgress() };
SolveReport exact = Plsolve.Solve(instance, new LabelingSolver(new LabelingSettings { MemoryLimitMegabytes = 1024 }), options, stop.Token);

Console.WriteLine($"instance  {instance.Name}: {instance.Users.Length} users, {instance.Models.Length} models, {instance.Blocks.Length} blocks");
Console.WriteLine($"heuristic {quick}");
Console.WriteLine($"exact     {exact}");
Console.WriteLine();
Console.WriteLine("exact schedule: pos  user  model        bandwidth_mhz  end_s   deadline_s");
foreach (TimelineEntry entry in exact.Evaluation.Timeline)
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"                {entry.Position,4}  {instance.Users[entry.User].Id,-4}  {instance.Models[entry.Model].Id,-11}  {entry.BandwidthHz / 1e6,13:F3}  {entry.EndSeconds,6:F3}  {entry.DeadlineSeconds,10:F3}"));
}

// Any schedule can be recomputed from the instance alone, e.g. one from another tool or a hand-made one.
ScheduleEvaluation check = Plsolve.Evaluate(instance, exact.Schedule);
Console.WriteLine(check.IsFeasible
    ? $"verified: {check.Served} users served, every deadline met, {check.BandwidthUsedHz / 1e6:F3} of {instance.Server.BandwidthHz / 1e6:F3} MHz used"
    : $"violations: {string.Join("; ", check.Violations)}");
return check.IsFeasible && exact.Value >= quick.Value ? 0 : 1;

/// <summary>Objective, bound and time on stderr, as the exact solver reports them (about once a second).</summary>
internal sealed class StderrProgress : IProgress<SolverProgress>
{
    public void Report(SolverProgress value)
        => Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{value.Elapsed.TotalSeconds,5:F1} s] best {value.Objective}, bound {value.Bound?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
}
