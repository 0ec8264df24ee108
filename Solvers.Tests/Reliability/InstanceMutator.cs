using System.Text;

namespace PartialLoading.Tests.Reliability;

/// <summary>
/// Mutates the files of a library instance the way hostile or careless input does (issue 19, item 4): numbers at
/// the edges of double, broken encodings, broken structure. Each mutation is drawn from a seed, so a failing case is
/// reproduced by its seed alone.
/// </summary>
internal static class InstanceMutator
{
    /// <summary>The files a mutation may touch: the instance's four and the schedule given to verify.</summary>
    public static readonly string[] Files = ["server.csv", "blocks.csv", "models.csv", "users.csv", "best.csv"];

    private static readonly string[] EdgeNumbers =
    [
        "0", "-0", "5e-324", "4.9e-324", "2.2250738585072014e-308", "1e-308", "1e-307", "1e-300", "1e-9", "1e-6", "1e6", "1e9", "1e12", "1e15",
        "1e300", "1e308", "1.7976931348623157e308", "1.7976931348623159e308", "-1e308", "-5e-324", "1e400", "-1e-400",
        "NaN", "nan", "inf", "-Infinity", "∞", "", " ", "0x10", "1,5", "١", "1e", ".", "-", "+", "1..2", "9999999999999999999999999",
        "0.1e-2147483648", "1e2147483648", "00000000000000000001", "-1", "-300", "300", "301", "-301", "100", "101",
    ];

    private static readonly string[] EdgeTexts =
    [
        "", " ", "\"", "\"\"", "a\"b", "\"unclosed", "a\nb", "a\r\nb", "\0", "x;y", ";", ";;", "é", "\u202e", "\ufeff", new string('x', 5000), "m01;m01",
    ];

    /// <summary>One to three mutations: the files (null: deleted) and what was done, in a phrase.</summary>
    public static (Dictionary<string, byte[]?> Files, string What) Mutate(IReadOnlyDictionary<string, byte[]> original, Random random)
    {
        var files = original.ToDictionary(p => p.Key, p => (byte[]?)p.Value);
        var what = new List<string>();
        for (int step = random.Next(1, 4); step > 0; step--)
        {
            what.Add(MutateOnce(files, random));
        }

        return (files, string.Join("; ", what));
    }

    private static string MutateOnce(Dictionary<string, byte[]?> files, Random random)
    {
        string file = Files[random.Next(Files.Length)];
        if (files[file] is not byte[] bytes)
        {
            return $"{file}: already deleted";
        }

        string text = Encoding.UTF8.GetString(bytes);
        string[] lines = text.Split('\n');
        int kind = random.Next(14);
        string what;
        switch (kind)
        {
            case 0:
            case 1:
            case 2:
            case 3:
            {
                // A number cell, or (half the time) the whole column, so sums overflow too.
                string value = EdgeNumbers[random.Next(EdgeNumbers.Length)];
                bool column = random.Next(2) == 0;
                files[file] = Encoding.UTF8.GetBytes(ReplaceNumber(lines, random, value, column, out string where));
                what = $"{file}: {(column ? "column" : "cell")} {where} = '{value}'";
                break;
            }

            case 4:
            {
                string value = EdgeTexts[random.Next(EdgeTexts.Length)];
                files[file] = Encoding.UTF8.GetBytes(ReplaceCell(lines, random, value, out string where));
                what = $"{file}: cell {where} = text of {value.Length} chars";
                break;
            }

            case 5:
            {
                int at = random.Next(bytes.Length + 1);
                byte[] bad = [(byte)random.Next(0x80, 0x100)];
                files[file] = [.. bytes[..at], .. bad, .. bytes[at..]];
                what = $"{file}: byte 0x{bad[0]:x2} inserted at {at}";
                break;
            }

            case 6:
                files[file] = Encoding.Unicode.GetBytes(text);
                what = $"{file}: UTF-16";
                break;
            case 7:
                files[file] = Encoding.UTF8.GetBytes(random.Next(2) == 0 ? text.Replace("\n", "\r\n") : text.Replace("\n", "\r"));
                what = $"{file}: CRLF or CR line ends";
                break;
            case 8:
            {
                int cut = random.Next(bytes.Length + 1);
                files[file] = bytes[..cut];
                what = $"{file}: cut at byte {cut}";
                break;
            }

            case 9:
                files[file] = null;
                what = $"{file}: deleted";
                break;
            case 10:
            {
                int line = random.Next(lines.Length);
                var list = lines.ToList();
                if (random.Next(2) == 0)
                {
                    list.Insert(line, lines[line]);
                    what = $"{file}: line {line + 1} doubled";
                }
                else
                {
                    list.RemoveAt(line);
                    what = $"{file}: line {line + 1} removed";
                }

                files[file] = Encoding.UTF8.GetBytes(string.Join('\n', list));
                break;
            }

            case 11:
            {
                // A column dropped, doubled or renamed, in the header only or in every line.
                string[] header = lines[0].Split(',');
                int column = random.Next(header.Length);
                int how = random.Next(3);
                string[] changed = [.. lines.Select((l, i) => i == 0 || how == 0 ? ChangeColumn(l, column, how) : l)];
                files[file] = Encoding.UTF8.GetBytes(string.Join('\n', changed));
                what = $"{file}: column {column + 1} {(how == 0 ? "dropped everywhere" : how == 1 ? "doubled in the header" : "renamed")}";
                break;
            }

            case 12:
            {
                // Rows of one file multiplied: big, with duplicate ids.
                int copies = random.Next(2, 200);
                files[file] = Encoding.UTF8.GetBytes(lines[0] + "\n" + string.Concat(Enumerable.Repeat(string.Join('\n', lines.Skip(1)).TrimEnd('\n') + "\n", copies)));
                what = $"{file}: rows repeated {copies} times";
                break;
            }

            default:
                files[file] = [0xEF, 0xBB, 0xBF, .. bytes, 0xEF, 0xBB, 0xBF, (byte)'\n'];
                what = $"{file}: BOM at both ends";
                break;
        }

        return what;
    }

    /// <summary>Replaces a cell that holds a number (or every such cell of its column) by <paramref name="value"/>.</summary>
    private static string ReplaceNumber(string[] lines, Random random, string value, bool wholeColumn, out string where)
    {
        string[][] cells = [.. lines.Select(l => l.Split(','))];
        var numeric = new List<(int Row, int Column)>();
        for (int row = 1; row < cells.Length; row++)
        {
            for (int column = 0; column < cells[row].Length; column++)
            {
                if (double.TryParse(cells[row][column], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    numeric.Add((row, column));
                }
            }
        }

        if (numeric.Count == 0)
        {
            return ReplaceCell(lines, random, value, out where);
        }

        (int r, int c) = numeric[random.Next(numeric.Count)];
        foreach ((int row, int column) in numeric.Where(p => wholeColumn ? p.Column == c : p == (r, c)))
        {
            cells[row][column] = value.Contains(',') ? "\"" + value + "\"" : value;
        }

        where = wholeColumn ? $"{c + 1}" : $"{r + 1}:{c + 1}";
        return string.Join('\n', cells.Select(row => string.Join(',', row)));
    }

    private static string ReplaceCell(string[] lines, Random random, string value, out string where)
    {
        int row = lines.Length > 1 ? random.Next(random.Next(4) == 0 ? 0 : 1, lines.Length) : 0;
        string[] cells = lines[row].Split(',');
        int column = random.Next(cells.Length);
        cells[column] = value.Contains(',') || value.Contains('"') || value.Contains('\n') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
        string[] copy = [.. lines];
        copy[row] = string.Join(',', cells);
        where = $"{row + 1}:{column + 1}";
        return string.Join('\n', copy);
    }

    private static string ChangeColumn(string line, int column, int how)
    {
        var cells = line.Split(',').ToList();
        if (column >= cells.Count)
        {
            return line;
        }

        switch (how)
        {
            case 0:
                cells.RemoveAt(column);
                break;
            case 1:
                cells.Insert(column, cells[column]);
                break;
            default:
                cells[column] += "_x";
                break;
        }

        return string.Join(',', cells);
    }
}
