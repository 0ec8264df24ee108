namespace PartialLoading.Core.Solving;

/// <summary>
/// The solver does not apply to this instance (for example <c>dp</c> on general sharing). The message is one line
/// that says which condition fails and suggests another solver; the CLI prints it and exits with code 2.
/// </summary>
public sealed class SolverNotApplicableException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public SolverNotApplicableException(string message)
        : base(message)
    {
    }
}
