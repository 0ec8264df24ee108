using PartialLoading.Core.Solving;

namespace PartialLoading.Simulation;

/// <summary>A frame as planned: its epoch, time, and the verified solve (the frame instance is <see cref="SolveReport.Instance"/>).</summary>
/// <param name="Epoch">n.</param>
/// <param name="TimeSeconds">t_n; the plan's times are relative to it.</param>
/// <param name="Report">The policy's verified solve of the frame instance.</param>
public sealed record PlannedFrame(int Epoch, double TimeSeconds, SolveReport Report);
