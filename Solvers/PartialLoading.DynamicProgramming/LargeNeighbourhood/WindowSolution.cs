namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>A better filling of a window than the current one.</summary>
/// <param name="Order">The users to serve in the window, in service order (instance indices).</param>
/// <param name="Value">Σ w of <paramref name="Order"/>.</param>
/// <param name="NeedHz">Σ β of the prefix and the window with this filling, Hz (an upper bound when decided by bounds).</param>
internal sealed record WindowSolution(int[] Order, double Value, double NeedHz);
