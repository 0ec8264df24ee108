using System.Collections.Immutable;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Simulation;

namespace PartialLoading.Tests.Simulation;

/// <summary>Arrival traces for the simulation tests: a hand-made one on the three-models catalogue, and batches.</summary>
internal static class SimulationTraces
{
    /// <summary>
    /// The catalogue of <c>instances/three-models</c> (R = 1000 MB/s; A = {alpha 300}, B = {alpha, beta 100},
    /// C = {gamma 500}; inference 0.05 s) with the requests (id, model, arrival, budget) as users.
    /// </summary>
    public static ArrivalTrace ThreeModels(double horizonSeconds, params (string Id, string Model, double Arrival, double Budget)[] requests)
    {
        InstanceBuilder builder = new InstanceBuilder("three-models-trace")
            .SetServer(loadRateMbPerSecond: 1000, bandwidthHz: 20e6, noiseDbmPerHz: -174)
            .AddBlock("alpha", 300).AddBlock("beta", 100).AddBlock("gamma", 500)
            .AddModel("A", 0.05, "alpha").AddModel("B", 0.05, "alpha", "beta").AddModel("C", 0.05, "gamma");
        foreach (var r in requests)
        {
            builder.AddUser(r.Id, r.Model, dataMbit: 2, deadlineSeconds: r.Budget, powerWatts: 0.2, gainDb: -100);
        }

        return new ArrivalTrace(builder.Build(), [.. requests.Select(r => r.Arrival)], horizonSeconds);
    }

    /// <summary>
    /// Every request of <paramref name="instance"/> arriving at time 0 with its deadline as the budget: each frame then
    /// has a common deadline when the instance has one (so <c>dp</c> applies to bottom-layer instances).
    /// </summary>
    public static ArrivalTrace Batch(Instance instance, double horizonSeconds)
        => new(instance, ImmutableArray.CreateRange(Enumerable.Repeat(0.0, instance.Users.Length)), horizonSeconds);
}
