using System.Collections.Immutable;
using PartialLoading.Core.Model;

namespace PartialLoading.Simulation;

/// <summary>
/// The requests a server sees over a horizon (docs/model.md §11): a catalogue (server, blocks, models) whose users are
/// the requests, in arrival order, and their arrival times. Read one with <see cref="ArrivalsFile.Read"/> or draw one
/// with <see cref="PoissonArrivals.Generate"/>.
/// </summary>
/// <remarks>
/// Keeping the requests as the users of one <see cref="Instance"/> means they were validated once, by the rules of
/// <c>users.csv</c>, and each frame's instance reuses the catalogue's blocks and models as they are.
/// </remarks>
public sealed class ArrivalTrace
{
    /// <summary>Creates a trace.</summary>
    /// <param name="catalogue">
    /// The server, blocks and models, with one user per request in arrival order; a user's deadline is its latency
    /// budget. The server's initial model is the model in GPU memory at time 0.
    /// </param>
    /// <param name="arrivalSeconds">Arrival times aligned with the users, non-decreasing, each ≥ 0.</param>
    /// <param name="horizonSeconds">
    /// The end of the arrival window H, &gt; every arrival time (null: the last absolute deadline, so every request is
    /// decided by the end — served or missed — and none is left pending).
    /// </param>
    /// <exception cref="ArgumentException">The times do not match the users, are negative, unsorted, or not below the horizon.</exception>
    public ArrivalTrace(Instance catalogue, ImmutableArray<double> arrivalSeconds, double? horizonSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (arrivalSeconds.IsDefault || arrivalSeconds.Length != catalogue.Users.Length)
        {
            throw new ArgumentException($"One arrival time per request is needed: {catalogue.Users.Length} requests, {(arrivalSeconds.IsDefault ? 0 : arrivalSeconds.Length)} times.", nameof(arrivalSeconds));
        }

        double previous = 0.0;
        double lastDeadline = 0.0;
        for (int r = 0; r < arrivalSeconds.Length; r++)
        {
            double a = arrivalSeconds[r];
            if (!(a >= previous) || !double.IsFinite(a))
            {
                throw new ArgumentException($"Arrival times must be finite, at least 0 and sorted; request {r} ('{catalogue.Users[r].Id}') arrives at {a} s after {previous} s.", nameof(arrivalSeconds));
            }

            previous = a;
            lastDeadline = Math.Max(lastDeadline, a + catalogue.Users[r].DeadlineSeconds);
        }

        // A budget below the resolution of its arrival time rounds the absolute deadline down to the arrival itself:
        // the default horizon then still ends just after the last arrival, and that request is missed, not a crash.
        double horizon = horizonSeconds ?? (arrivalSeconds.Length > 0 && !(lastDeadline > previous) ? Math.BitIncrement(previous) : lastDeadline);
        if ((arrivalSeconds.Length > 0 && !(horizon > previous)) || !(horizon > 0.0) || !double.IsFinite(horizon))
        {
            throw new ArgumentException($"The horizon must be a positive number after the last arrival ({previous} s), got {horizon} s.", nameof(horizonSeconds));
        }

        Catalogue = catalogue;
        ArrivalSeconds = arrivalSeconds;
        HorizonSeconds = horizon;
    }

    /// <summary>The server, blocks and models; its users are the requests in arrival order (deadline = latency budget).</summary>
    public Instance Catalogue { get; }

    /// <summary>Arrival times a_r aligned with <see cref="Catalogue"/>'s users, non-decreasing.</summary>
    public ImmutableArray<double> ArrivalSeconds { get; }

    /// <summary>The end of the arrival window H, s: decision epochs run while t_n &lt; H.</summary>
    public double HorizonSeconds { get; }

    /// <summary>The number of requests.</summary>
    public int Count => ArrivalSeconds.Length;

    /// <summary>Request <paramref name="index"/> with its arrival time.</summary>
    public Arrival this[int index] => new(index, ArrivalSeconds[index], Catalogue.Users[index]);

    /// <summary>
    /// The requests that arrive before <paramref name="horizonSeconds"/>, with that horizon: a shorter run over the same
    /// trace (the requests keep their indices, as a prefix).
    /// </summary>
    public ArrivalTrace Until(double horizonSeconds)
    {
        if (!(horizonSeconds > 0.0) || !double.IsFinite(horizonSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(horizonSeconds), horizonSeconds, "The horizon must be a positive number of seconds.");
        }

        int count = 0;
        while (count < Count && ArrivalSeconds[count] < horizonSeconds)
        {
            count++;
        }

        if (count == Count)
        {
            return new ArrivalTrace(Catalogue, ArrivalSeconds, horizonSeconds);
        }

        Instance kept = FrameInstance.WithRequests(Catalogue, Catalogue.Name, Catalogue.Server.InitialModel, Catalogue.Users[..count]);
        return new ArrivalTrace(kept, ArrivalSeconds[..count], horizonSeconds);
    }
}
