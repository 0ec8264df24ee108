namespace PartialLoading.Core.Solving;

/// <summary>A progress report: the best value found, the best bound proved (if any), and the time spent.</summary>
/// <param name="Objective">Value of the incumbent.</param>
/// <param name="Bound">Best proved upper bound, or null when the solver proves none.</param>
/// <param name="Elapsed">Time since the solve started.</param>
public sealed record SolverProgress(double Objective, double? Bound, TimeSpan Elapsed);
