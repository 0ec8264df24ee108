namespace PartialLoading.Core.Input;

/// <summary>Where an entity came from: a line of a CSV file, or a call of <see cref="InstanceBuilder"/>.</summary>
internal readonly record struct InputLocation(string Source, int? Line)
{
    public InputProblem Problem(string? column, string message) => new(Source, Line, column, message);
}
