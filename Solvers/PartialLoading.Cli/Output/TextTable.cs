namespace PartialLoading.Cli.Output;

/// <summary>A plain aligned text table: text columns left-aligned, numeric columns right-aligned.</summary>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] row)
    {
        if (row.Length != header.Length)
        {
            throw new ArgumentException("Every row needs one cell per column.", nameof(row));
        }

        _rows.Add(row);
    }

    public void Write(TextWriter writer, string indent = "")
    {
        int columns = header.Length;
        var widths = new int[columns];
        var numeric = new bool[columns];
        for (int c = 0; c < columns; c++)
        {
            widths[c] = header[c].Length;
            numeric[c] = _rows.Count > 0 && _rows.All(r => r[c].Length == 0 || IsNumber(r[c]));
            foreach (string[] row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        WriteRow(writer, indent, header, widths, numeric);
        foreach (string[] row in _rows)
        {
            WriteRow(writer, indent, row, widths, numeric);
        }
    }

    private static void WriteRow(TextWriter writer, string indent, string[] cells, int[] widths, bool[] numeric)
    {
        var parts = new string[cells.Length];
        for (int c = 0; c < cells.Length; c++)
        {
            parts[c] = numeric[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]);
        }

        writer.WriteLine((indent + string.Join("  ", parts)).TrimEnd());
    }

    private static bool IsNumber(string text)
        => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
           || text is "inf" or "-inf";
}
