namespace PartialLoading.Simulation;

/// <summary>What happened at one decision epoch (docs/model.md §11); a row of <c>frames.csv</c>.</summary>
/// <param name="Epoch">n, from 0.</param>
/// <param name="TimeSeconds">t_n.</param>
/// <param name="Pending">Requests in the frame instance: arrived by t_n, unserved, deadline after t_n, still servable.</param>
/// <param name="Served">Requests the plan serves.</param>
/// <param name="Missed">Requests found missed at t_n (deadline passed, or no longer servable even alone), before planning.</param>
/// <param name="Carried">Requests of the frame the plan leaves for later (<paramref name="Pending"/> − <paramref name="Served"/>).</param>
/// <param name="LoadingSeconds">Model loading in the plan, s.</param>
/// <param name="FullLoadingSeconds">What the same plan would load on a server that loads whole models at every switch, s.</param>
/// <param name="BusySeconds">From t_n to the end of the plan's last inference, s (0 when it serves nobody).</param>
/// <param name="BandwidthUsedHz">Σ of the served requests' bandwidths, Hz.</param>
/// <param name="SolverSeconds">The policy's solve time, s (0 when the frame was empty).</param>
public sealed record EpochRecord(
    int Epoch,
    double TimeSeconds,
    int Pending,
    int Served,
    int Missed,
    int Carried,
    double LoadingSeconds,
    double FullLoadingSeconds,
    double BusySeconds,
    double BandwidthUsedHz,
    double SolverSeconds);
