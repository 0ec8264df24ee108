// An edge server hosting ResNet-50 classifiers fine-tuned from shared checkpoints answers a Poisson stream of requests
// for a minute. Every second (a frame) it plans the requests waiting with a policy — any solver of the catalog — and
// carries the model left in GPU memory into the next frame. This program compares three policies on the same
// arrivals: greedy (the source's rule, sharing-aware), local search with a fixed iteration budget (reproducible), and
// full-loading (a server that ignores sharing), and prints what each served, missed and saved.
//
//   dotnet run -c Release -- [requests per second, default 8]
using System.Globalization;
using PartialLoading;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Simulation;

double rate = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 8;
ArrivalTrace arrivals = Plsolve.GenerateArrivals("resnet50-finetune", ratePerSecond: rate, horizonSeconds: 60, seed: 1);
// Or from files: Plsolve.ReadArrivals("folder") with arrivals.csv beside server.csv, blocks.csv and models.csv.

var settings = new SimulationSettings(frameSeconds: 1.0) { FrameOptions = new SolverOptions { Seed = 1 } };
var solverSettings = new SolverSettings { LocalSearch = new LocalSearchSettings { Iterations = 200 } };

Console.WriteLine($"{arrivals.Count} requests over {arrivals.HorizonSeconds} s, frames of {settings.FrameSeconds} s");
Console.WriteLine($"{"policy",-13} {"served",7} {"missed",7} {"pending",7} {"p95 response",13} {"loading saved",14}");
foreach (string policy in new[] { "greedy", "local", "full-loading" })
{
    SimulationResult result = Plsolve.Simulate(arrivals, policy, settings, solverSettings);
    SimulationSummary s = result.Summary;
    if (s.Served + s.Missed + s.Pending != s.Arrivals)
    {
        Console.Error.WriteLine($"{policy}: {s.Arrivals} arrivals but {s.Served} + {s.Missed} + {s.Pending} accounted for");
        return 1;
    }

    string p95 = s.ResponseP95Seconds is double p ? $"{p:F3} s" : "-";
    Console.WriteLine($"{policy,-13} {s.Served,7} {s.Missed,7} {s.Pending,7} {p95,13} {s.LoadingSavedSeconds,12:F2} s");
}

return 0;
