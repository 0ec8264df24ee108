namespace PartialLoading.Simulation;

/// <summary>Where a simulation is, reported after every epoch.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Epoch">The epoch just finished.</param>
/// <param name="TimeSeconds">The next epoch's time t_{n+1}.</param>
/// <param name="HorizonSeconds">H.</param>
/// <param name="Served">Requests served so far.</param>
/// <param name="Missed">Requests missed so far.</param>
public sealed record SimulationProgress(string Policy, int Epoch, double TimeSeconds, double HorizonSeconds, int Served, int Missed);
