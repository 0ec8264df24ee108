namespace PartialLoading.Core.Input;

/// <summary>
/// The input (an instance folder, a schedule file, or an instance built in code) has problems; all of them are
/// listed, one line each, so a user fixes them in one pass.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the exception for a non-empty list of problems.</summary>
    public InvalidInputException(IReadOnlyList<InputProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("An invalid input has at least one problem.", nameof(problems));
        }

        Problems = problems;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public InvalidInputException(InputProblem problem)
        : this([problem])
    {
    }

    /// <summary>The problems, in file and line order.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }
}
