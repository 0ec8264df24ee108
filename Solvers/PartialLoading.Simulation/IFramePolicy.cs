using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Simulation;

/// <summary>
/// How the server plans a frame: any solver, run on the frame's instance. The facade's <c>Plsolve.Simulate</c> makes
/// one from a catalog name (warm starts included); <see cref="SolverPolicy"/> wraps any <see cref="IScheduleSolver"/>.
/// </summary>
public interface IFramePolicy
{
    /// <summary>The policy's name in reports (the solver's name).</summary>
    string Name { get; }

    /// <summary>Plans <paramref name="frame"/>: a verified solve (<see cref="SolverRunner"/> re-checks every schedule).</summary>
    /// <param name="frame">The frame instance: pending requests, deadlines relative to the epoch, the model in memory.</param>
    /// <param name="options">The per-frame options (time limit, seed, threads).</param>
    /// <param name="cancellationToken">Stops the solver early with its best schedule so far.</param>
    /// <exception cref="SolverNotApplicableException">The solver refuses the frame.</exception>
    SolveReport Plan(Instance frame, SolverOptions options, CancellationToken cancellationToken);
}
