namespace PartialLoading.Core.Evaluation;

/// <summary>What a violation is about.</summary>
public enum ViolationKind
{
    /// <summary>A user appears at two positions.</summary>
    DuplicateUser,

    /// <summary>A request ends after its deadline.</summary>
    DeadlineMissed,

    /// <summary>The bandwidths add up to more than the budget B.</summary>
    OverBudget,

    /// <summary>A user cannot finish its upload by its latest start even with the whole budget.</summary>
    UploadImpossible,
}

/// <summary>One reason a schedule is infeasible, with a message that names the user, the limit and the excess.</summary>
/// <param name="Kind">The kind of violation.</param>
/// <param name="Message">One line for people, using the ids of the instance files.</param>
/// <param name="Position">The 1-based position concerned, if one.</param>
/// <param name="User">The user concerned, if one.</param>
/// <param name="Excess">By how much the limit is exceeded (seconds or Hz), or 0 when not a quantity.</param>
public sealed record Violation(ViolationKind Kind, string Message, int? Position, int? User, double Excess)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
