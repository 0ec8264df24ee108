namespace PartialLoading.Cli;

/// <summary>The exit codes of docs/model.md §9.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>A verification failed (the schedule is infeasible).</summary>
    public const int VerificationFailed = 1;

    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;

    /// <summary>A defect in plsolve itself (reported in one line, never as a stack trace).</summary>
    public const int InternalError = 3;

    /// <summary>
    /// A run (<c>solve</c>, <c>compare</c>) stopped by Ctrl-C before its end, what it finished kept: 128 + SIGINT, as
    /// shells report it.
    /// </summary>
    public const int Interrupted = 130;
}
