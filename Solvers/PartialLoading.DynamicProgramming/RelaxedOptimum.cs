namespace PartialLoading.DynamicProgramming;

/// <summary>
/// The optimum of the scheduling relaxation (instant uploads): how many users each model serves, the value in
/// weight units, and the least busy time that serves them. Also what the program cost, for the benchmarks.
/// </summary>
/// <param name="Value">Σ of the served users' weights, in units of <see cref="BottomLayerProblem.WeightUnit"/>.</param>
/// <param name="BusyTimeSeconds">Loading plus inference time of the canonical order, at most T (+1e-9 s).</param>
/// <param name="Counts">Users served per DP model (aligned with <see cref="BottomLayerProblem.Models"/>).</param>
/// <param name="States">DP states evaluated: Σ over models of the values reachable after the model.</param>
/// <param name="TraceBytes">Memory kept for reconstruction, bytes.</param>
internal sealed record RelaxedOptimum(long Value, double BusyTimeSeconds, int[] Counts, long States, long TraceBytes);
