using System.Collections.Immutable;
using System.Globalization;
using PartialLoading.Bandwidth;
using PartialLoading.Generation;
using PartialLoading.Core.Model;

namespace PartialLoading.Simulation;

/// <summary>
/// A generated <see cref="ArrivalTrace"/> (docs/model.md §11): requests arrive as a Poisson process of rate λ over
/// [0, H); their models, channels and payloads are those a scenario's generator draws (its model popularity and cell).
/// </summary>
/// <remarks>
/// <para>
/// The scenario's own deadlines are made for one decision (they grow with the work of all its users), so each request
/// gets a latency budget of its own instead: <c>e_r + U_r·S</c>, where e_r is the earliest it could finish alone on an
/// idle server (its model loaded into empty memory or its upload with the whole band, whichever ends later, then
/// inference), U_r is uniform in [0, 1] and S is the slack. Every request is thus servable on its own, and the slack
/// sets how long it may wait.
/// </para>
/// <para>
/// The scenario draws with the seed; the arrival gaps and the budgets' U_r come from a trace of their own derived from
/// it, so the same scenario, rate, horizon, slack and seed always give the same trace.
/// </para>
/// </remarks>
public static class PoissonArrivals
{
    /// <summary>Draws a trace.</summary>
    /// <param name="scenario">A scenario name of <see cref="ScenarioRegistry"/>, e.g. <c>resnet50-finetune</c>.</param>
    /// <param name="ratePerSecond">λ, requests per second, &gt; 0.</param>
    /// <param name="horizonSeconds">H, s, &gt; 0: arrivals fall in [0, H).</param>
    /// <param name="seed">The seed of every draw.</param>
    /// <param name="slackSeconds">S, s, ≥ 0: how far a latency budget may reach beyond the earliest finish alone.</param>
    /// <exception cref="GenerationRequestException">Unknown scenario, or a value out of range.</exception>
    public static ArrivalTrace Generate(string scenario, double ratePerSecond, double horizonSeconds, int seed, double slackSeconds = 1.0)
    {
        IScenario source = ScenarioRegistry.Get(scenario);
        Require(ratePerSecond > 0.0 && double.IsFinite(ratePerSecond), $"the arrival rate must be a positive number of requests per second, got {ratePerSecond}");
        Require(horizonSeconds > 0.0 && double.IsFinite(horizonSeconds), $"the horizon must be a positive number of seconds, got {horizonSeconds}");
        Require(slackSeconds >= 0.0 && double.IsFinite(slackSeconds), $"the slack must be at least 0 s, got {slackSeconds}");
        Require(ratePerSecond * horizonSeconds <= 50_000_000, $"rate × horizon = {ratePerSecond * horizonSeconds} expected requests; at most 50,000,000");

        var random = new Random(DerivedSeed(seed));
        var times = new List<double>();
        double t = 0.0;
        while (true)
        {
            // Exponential gaps; rounded to the microsecond so the times are readable and identical everywhere.
            t += -Math.Log(1.0 - random.NextDouble()) / ratePerSecond;
            double rounded = Math.Round(t, 6);
            if (rounded >= horizonSeconds)
            {
                break;
            }

            times.Add(rounded);
        }

        Instance drawn = source.Generate(new GenerationRequest { Users = times.Count, Seed = seed, Name = string.Create(CultureInfo.InvariantCulture, $"{scenario}-rate{ratePerSecond:R}-seed{seed}") });
        double rate = drawn.Server.LoadRateMbPerSecond;
        double band = drawn.Server.BandwidthHz;
        var requests = ImmutableArray.CreateBuilder<User>(drawn.Users.Length);
        foreach (User u in drawn.Users)
        {
            AiModel model = drawn.Models[u.Model];
            double earliest = Math.Max(model.SizeMb / rate, UplinkRate.UploadSeconds(u.SnrBandwidthHz, u.DataBits, band)) + model.InferenceSeconds;
            double budget = Math.Ceiling((earliest + (random.NextDouble() * slackSeconds)) * 1e4) / 1e4; // up to 0.1 ms, never tighter
            requests.Add(new User(u.Id, u.Model, u.DataMbit, budget, u.PowerWatts, u.GainDb, u.Weight, u.SnrBandwidthHz));
        }

        Instance catalogue = FrameInstance.WithRequests(drawn, drawn.Name, drawn.Server.InitialModel, requests.MoveToImmutable());
        return new ArrivalTrace(catalogue, [.. times], horizonSeconds);
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new GenerationRequestException(message);
        }
    }

    /// <summary>A seed for the arrival trace, apart from the scenario's own streams (SplitMix64 of the seed).</summary>
    private static int DerivedSeed(int seed)
    {
        ulong z = ((ulong)(uint)seed << 32 | 0xA771u) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
