namespace PartialLoading.Core.Solving;

/// <summary>
/// The solver does not apply to this instance (for example <c>dp</c> on general sharing). The message is one line that
/// says which condition fails; <see cref="ApplicableSolvers"/> names solvers that do apply, as data, so that each caller
/// phrases the advice its own way (the command line as a <c>--solver</c> flag). The CLI prints it and exits with code 2.
/// </summary>
public sealed class SolverNotApplicableException : Exception
{
    /// <summary>Creates the exception with its one-line reason.</summary>
    /// <param name="message">Which condition fails, e.g. <c>dp: the deadlines differ</c>.</param>
    /// <param name="applicableSolvers">Names of solvers that take every instance (the catalog fills these in); none when unknown.</param>
    public SolverNotApplicableException(string message, IReadOnlyList<string>? applicableSolvers = null)
        : base(message)
    {
        ApplicableSolvers = applicableSolvers ?? [];
    }

    /// <summary>Solvers that apply instead, by catalog name; empty when the thrower does not know them.</summary>
    public IReadOnlyList<string> ApplicableSolvers { get; }

    /// <summary>The same refusal naming <paramref name="solvers"/> as the ones that apply.</summary>
    public SolverNotApplicableException WithApplicableSolvers(IReadOnlyList<string> solvers) => new(Message, solvers);
}
