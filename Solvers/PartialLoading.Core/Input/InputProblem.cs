namespace PartialLoading.Core.Input;

/// <summary>
/// One problem with the input, located as precisely as it can be: <c>users.csv:17: column 'deadline_s': …</c>
/// for files, <c>user 'u7': column 'deadline_s': …</c> for instances built in code.
/// </summary>
/// <param name="Source">The file name (<c>users.csv</c>) or the entity (<c>user 'u7'</c>).</param>
/// <param name="Line">The 1-based line in the file, when there is one.</param>
/// <param name="Column">The column name, when the problem is in one cell or column.</param>
/// <param name="Message">What is wrong, in a phrase.</param>
public sealed record InputProblem(string Source, int? Line, string? Column, string Message)
{
    /// <summary>The one-line form: <c>source[:line]: [column 'name': ]message</c>.</summary>
    public override string ToString()
    {
        string location = Line is int line ? $"{Source}:{line}" : Source;
        return Column is null ? $"{location}: {Message}" : $"{location}: column '{Column}': {Message}";
    }
}
