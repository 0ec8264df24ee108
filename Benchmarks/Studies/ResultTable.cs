using CsvHelper;

namespace PartialLoading.Benchmarks.Studies;

/// <summary>
/// A study's result CSV read back, row by row, so that its figure can be redrawn (<c>study NAME --plot-only</c>)
/// without running the study again.
/// </summary>
internal static class ResultTable
{
    /// <summary>The rows of <paramref name="path"/>, each field by its column name.</summary>
    public static IReadOnlyList<ResultRow> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using CsvReader csv = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',', HasHeader = true, TrackLineNumbers = true }, leaveOpen: false);
        csv.ReadHeader();
        if (csv.Headers.Count == 0)
        {
            throw new InvalidDataException($"{path}: no header row");
        }

        var rows = new List<ResultRow>();
        while (csv.Read())
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < csv.Headers.Count && i < csv.FieldCount; i++)
            {
                fields[csv.Headers[i]] = csv.GetString(i);
            }

            rows.Add(new ResultRow(path, (int)csv.LineNumber, fields));
        }

        return rows;
    }
}
