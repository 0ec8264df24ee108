using System.Collections.Immutable;
using PartialLoading.Core.Model;

namespace PartialLoading.Simulation;

/// <summary>
/// The instance a policy solves at a decision epoch (docs/model.md §11): the catalogue's server, blocks and models, the
/// model in GPU memory as <c>initial_model</c>, and the pending requests with deadlines relative to the epoch.
/// </summary>
/// <remarks>
/// Built from the catalogue's already validated parts rather than through the builder: the values are the same
/// ones (a relative deadline is a positive difference of two validated numbers), so re-validating thousands of frames
/// would only cost time.
/// </remarks>
internal static class FrameInstance
{
    /// <summary>The frame at <paramref name="epochSeconds"/> for the pending requests of <paramref name="trace"/>.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="name">The frame instance's name.</param>
    /// <param name="epochSeconds">t_n.</param>
    /// <param name="modelInMemory">The model in GPU memory at t_n, or null.</param>
    /// <param name="pending">Request indices, each with its absolute deadline after t_n.</param>
    public static Instance Create(ArrivalTrace trace, string name, double epochSeconds, int? modelInMemory, IReadOnlyList<int> pending)
    {
        var users = ImmutableArray.CreateBuilder<User>(pending.Count);
        foreach (int r in pending)
        {
            Arrival arrival = trace[r];
            double relative = arrival.DeadlineSeconds - epochSeconds;
            if (!(relative > 0.0))
            {
                throw new ArgumentException($"Request {r} is due at {arrival.DeadlineSeconds} s, not after the epoch at {epochSeconds} s.", nameof(pending));
            }

            User u = arrival.Request;
            users.Add(new User(u.Id, u.Model, u.DataMbit, relative, u.PowerWatts, u.GainDb, u.Weight, u.SnrBandwidthHz));
        }

        return WithRequests(trace.Catalogue, name, modelInMemory, users.MoveToImmutable());
    }

    /// <summary>The catalogue with another initial model and other users.</summary>
    public static Instance WithRequests(Instance catalogue, string name, int? modelInMemory, ImmutableArray<User> users)
    {
        Server s = catalogue.Server;
        var server = new Server(s.LoadRateMbPerSecond, s.BandwidthHz, s.NoiseDbmPerHz, modelInMemory);
        return new Instance(name, server, catalogue.Blocks, catalogue.Models, users);
    }
}
