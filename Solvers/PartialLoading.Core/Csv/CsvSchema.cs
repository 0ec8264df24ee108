namespace PartialLoading.Core.Csv;

/// <summary>The columns a CSV file must have and those it may have; any other column is an error.</summary>
internal sealed record CsvSchema(IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    public IEnumerable<string> All => Required.Concat(Optional);
}
