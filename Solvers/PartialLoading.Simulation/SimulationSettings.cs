using PartialLoading.Core.Solving;

namespace PartialLoading.Simulation;

/// <summary>How a simulation runs (docs/model.md §11): the frame length, the policy's per-frame options, and whether its thinking time is charged.</summary>
public sealed record SimulationSettings
{
    /// <summary>Creates settings with frame length <paramref name="frameSeconds"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The frame is not a positive number of seconds.</exception>
    public SimulationSettings(double frameSeconds)
    {
        FrameSeconds = frameSeconds;
    }

    /// <summary>
    /// F, s, &gt; 0: the least time between two decision epochs, t_{n+1} = max(t_n + F, end of the plan made at t_n).
    /// </summary>
    public double FrameSeconds
    {
        get;
        init => field = value > 0.0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The frame must be a positive number of seconds.");
    }

    /// <summary>
    /// The options each frame's solve gets. A null <see cref="SolverOptions.TimeLimit"/> becomes the frame length: a
    /// policy that thought longer than a frame would plan for a moment that has passed. Give an iteration budget
    /// (e.g. <c>local</c>'s) rather than a time limit for byte-identical reruns.
    /// </summary>
    public SolverOptions FrameOptions { get; init; } = SolverOptions.Default;

    /// <summary>
    /// When true, the policy's own time delays the next epoch: t_{n+1} = max(t_n + F, end of the plan) + its solve time,
    /// so a slow policy pays for its thinking with idle server time. Results then depend on the machine's speed.
    /// </summary>
    public bool ChargeSolverTime { get; init; }

    /// <summary>The options each frame's solve actually gets: <see cref="FrameOptions"/> with the time limit filled in.</summary>
    public SolverOptions EffectiveFrameOptions
        => FrameOptions.TimeLimit is null ? FrameOptions with { TimeLimit = TimeSpan.FromSeconds(FrameSeconds) } : FrameOptions;
}
