using CsvHelper;
using PartialLoading.Core.Input;

namespace PartialLoading.Core.Csv;

/// <summary>
/// A CSV file read whole into records with their line numbers, its header checked against a schema. Reading
/// never throws for bad content: every problem is added to the caller's list, one line each.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string fileName, Dictionary<string, int> columns, List<CsvRecord> records)
    {
        FileName = fileName;
        _columns = columns;
        Records = records;
    }

    public string FileName { get; }

    public IReadOnlyList<CsvRecord> Records { get; }

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>
    /// The trimmed cell of a column, or null when the record is too short, the column absent, or the record has more
    /// or fewer fields than the header and the column is not the first: its cells cannot be matched to columns (an
    /// unquoted "1,000" shifts every later one), and a shifted value would be reported under the wrong column. The
    /// first (the id, in every file but server.csv) is kept, so that rows naming it are not reported too.
    /// </summary>
    public string? Cell(CsvRecord record, string column)
        => _columns.TryGetValue(column, out int index) && index < record.Fields.Length && (index == 0 || !record.Misaligned) ? record.Fields[index] : null;

    /// <summary>The largest file read, bytes (256 MiB: four million users at 64 bytes a row).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The longest line read, bytes (1 MiB: a model of tens of thousands of blocks).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>
    /// Reads <paramref name="path"/>. Returns null when the file cannot be used at all (missing, empty, not a regular
    /// file, too large, a line too long, not UTF-8, a required column missing); a table with an unknown column is
    /// still returned, so its rows are checked too.
    /// </summary>
    public static CsvTable? Read(string path, CsvSchema schema, List<InputProblem> problems)
    {
        string fileName = Path.GetFileName(path);
        byte[]? bytes = ReadBytes(path, fileName, problems);
        if (bytes is null || !IsUsableText(bytes, fileName, problems))
        {
            return null;
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, fileName, schema, problems);
    }

    /// <summary>
    /// The file's bytes, or null with its problem. Pipes and devices report a size of 0 and are never opened (opening
    /// a pipe blocks until someone writes to it; a device such as /dev/zero never ends); a regular file is read up to
    /// the size it had when asked.
    /// </summary>
    private static byte[]? ReadBytes(string path, string fileName, List<InputProblem> problems)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                // A symbolic link's own size is its target's name: look at what it points to.
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }

            if (!info.Exists)
            {
                problems.Add(new InputProblem(fileName, null, null, Directory.Exists(path) ? "is a folder, not a file" : "file not found"));
                return null;
            }

            if (info.Length == 0)
            {
                problems.Add(new InputProblem(fileName, null, null, "the file is empty (expected a header row), or not a regular file (pipes and devices are not read)"));
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                problems.Add(new InputProblem(fileName, null, null, $"the file has {info.Length} bytes, more than the {MaxFileBytes >> 20} MiB read"));
                return null;
            }

            byte[] bytes = new byte[info.Length];
            using FileStream stream = File.OpenRead(path);
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            return read == bytes.Length ? bytes : bytes[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(fileName, null, null, $"cannot be read: {e.Message}"));
            return null;
        }
    }

    /// <summary>False (with the problem, at its line) when a line is longer than <see cref="MaxLineBytes"/> or the text is not UTF-8.</summary>
    private static bool IsUsableText(byte[] bytes, string fileName, List<InputProblem> problems)
    {
        ReadOnlySpan<byte> rest = bytes;
        int line = 1;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)'\n');
            int length = end < 0 ? rest.Length : end;
            if (length > MaxLineBytes)
            {
                problems.Add(new InputProblem(fileName, line, null, $"the line is longer than {MaxLineBytes >> 20} MiB"));
                return false;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
            line++;
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return true;
        }

        int offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(offset), out _, out int consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        int badLine = bytes.AsSpan(0, offset).Count((byte)'\n') + 1;
        problems.Add(new InputProblem(fileName, badLine, null, $"not valid UTF-8 (byte {offset + 1} of the file); save the file as UTF-8"));
        return false;
    }

    public static CsvTable? Read(Stream stream, string fileName, CsvSchema schema, List<InputProblem> problems)
    {
        var malformedLines = new HashSet<int>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            OnMalformedRecord = record =>
            {
                int line = (int)record.LineNumber;
                if (record.Reason != CsvMalformedReason.FieldCountMismatch && malformedLines.Add(line))
                {
                    problems.Add(new InputProblem(fileName, line, null, $"malformed quoting ({Describe(record.Reason)})"));
                }
            },
        };

        using CsvReader reader = CsvReader.Create(stream, options, leaveOpen: true);
        reader.ReadHeader();
        if (reader.Headers.Count == 0)
        {
            problems.Add(new InputProblem(fileName, null, null, "the file is empty (expected a header row)"));
            return null;
        }

        Dictionary<string, int>? columns = CheckHeader(fileName, reader.Headers, schema, problems, out bool usable);
        var records = new List<CsvRecord>();
        while (reader.Read())
        {
            int line = (int)reader.LineNumber;
            if (malformedLines.Contains(line))
            {
                continue; // reported by the callback; its fields cannot be trusted
            }

            var fields = new string[reader.FieldCount];
            bool allEmpty = true;
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
                allEmpty &= fields[i].Length == 0;
            }

            if (allEmpty)
            {
                continue; // a blank line, or a spreadsheet's row of bare commas
            }

            if (fields.Length != reader.Headers.Count)
            {
                problems.Add(new InputProblem(fileName, line, null, $"expected {reader.Headers.Count} fields (one per header column), found {fields.Length}"));
            }

            records.Add(new CsvRecord(line, fields, Misaligned: fields.Length != reader.Headers.Count));
        }

        return usable ? new CsvTable(fileName, columns!, records) : null;
    }

    private static Dictionary<string, int>? CheckHeader(string fileName, IReadOnlyList<string> headers, CsvSchema schema, List<InputProblem> problems, out bool usable)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = new HashSet<string>(schema.All, StringComparer.Ordinal);
        usable = true;
        for (int i = 0; i < headers.Count; i++)
        {
            string name = headers[i].Trim();
            if (name.Length == 0)
            {
                problems.Add(new InputProblem(fileName, 1, null, $"header column {i + 1} has no name"));
            }
            else if (!known.Contains(name))
            {
                problems.Add(new InputProblem(fileName, 1, InputEcho.Cell(name), $"unknown column (expected {string.Join(", ", schema.All)})"));
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(new InputProblem(fileName, 1, InputEcho.Cell(name), "appears twice in the header"));
                usable = false;
            }
        }

        foreach (string required in schema.Required)
        {
            if (!columns.ContainsKey(required))
            {
                problems.Add(new InputProblem(fileName, 1, required, "missing from the header"));
                usable = false;
            }
        }

        return columns;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        _ => reason.ToString(),
    };
}

/// <summary>One data record of a CSV file, the line it starts on, and whether its field count differs from the header's.</summary>
internal sealed record CsvRecord(int Line, string[] Fields, bool Misaligned = false);
