using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Csv;

/// <summary>
/// Reads an instance folder (<c>server.csv</c>, <c>blocks.csv</c>, <c>models.csv</c>, <c>users.csv</c>; docs/model.md §7).
/// Every problem of every file is collected and reported together as one <see cref="InvalidInputException"/>.
/// </summary>
public static class InstanceReader
{
    /// <summary>Reads and validates the instance in <paramref name="directory"/>; its name is the folder's name.</summary>
    /// <exception cref="InvalidInputException">The folder or its files break a rule of docs/model.md §7; every problem is listed.</exception>
    public static Instance Read(string directory) => Read(directory, InstanceFiles.Users, InstanceFiles.UsersSchema, null);

    /// <summary>
    /// Reads the catalogue in <paramref name="directory"/> with its requests taken from <paramref name="usersFile"/>
    /// (e.g. <c>arrivals.csv</c>), whose schema adds columns to those of <c>users.csv</c>; <paramref name="readExtra"/>
    /// reads and checks them, adding its problems to the same list so every file is reported at once.
    /// </summary>
    internal static Instance Read(string directory, string usersFile, CsvSchema usersSchema, Action<CsvTable, List<InputProblem>>? readExtra)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (File.Exists(directory))
        {
            // Naming a file of the instance (users.csv) instead of its folder is a common slip: say so, not "not found".
            throw new InvalidInputException(new InputProblem(directory, null, null, "is a file, not an instance folder (give the folder that holds server.csv, blocks.csv, models.csv and users.csv)"));
        }

        if (!Directory.Exists(directory))
        {
            throw new InvalidInputException(new InputProblem(directory, null, null, "instance folder not found"));
        }

        try
        {
            // A folder that cannot be listed would make each of its four files "not found": say it once.
            using IEnumerator<string> entries = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
            entries.MoveNext();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidInputException(new InputProblem(directory, null, null, $"instance folder cannot be read: {e.Message}"));
        }

        var problems = new List<InputProblem>();
        CsvTable? server = CsvTable.Read(Path.Combine(directory, InstanceFiles.Server), InstanceFiles.ServerSchema, problems);
        CsvTable? blocks = CsvTable.Read(Path.Combine(directory, InstanceFiles.Blocks), InstanceFiles.BlocksSchema, problems);
        CsvTable? models = CsvTable.Read(Path.Combine(directory, InstanceFiles.Models), InstanceFiles.ModelsSchema, problems);
        CsvTable? users = CsvTable.Read(Path.Combine(directory, usersFile), usersSchema, problems);

        var builder = new InstanceBuilder(string.IsNullOrEmpty(name) ? "instance" : name)
        {
            BlocksUnavailable = blocks is null,
            ModelsUnavailable = models is null,
        };

        builder.ServerUnavailable = server is null || !AddServer(builder, server, problems);
        if (blocks is not null)
        {
            AddBlocks(builder, blocks, problems);
        }

        if (models is not null)
        {
            AddModels(builder, models, problems);
        }

        if (users is not null)
        {
            AddUsers(builder, users, problems);
            readExtra?.Invoke(users, problems);
        }

        // The builder's problems come after the cell problems found while reading; they are sorted together.
        Instance? instance = builder.TryBuild(problems);
        if (problems.Count > 0 || instance is null || users is null)
        {
            throw new InvalidInputException(Sorted(problems, usersFile));
        }

        return instance;
    }

    private static bool AddServer(InstanceBuilder builder, CsvTable table, List<InputProblem> problems)
    {
        if (table.Records.Count != 1)
        {
            problems.Add(new InputProblem(table.FileName, null, null, $"expected exactly one data row, found {table.Records.Count}"));
            return false;
        }

        CsvRecord row = table.Records[0];
        string file = table.FileName;
        string? initial = table.Cell(row, "initial_model")?.Trim();
        builder.AddServer(
            new InputLocation(file, row.Line),
            CsvCells.Number(table.Cell(row, "load_rate_mb_per_s"), file, row.Line, "load_rate_mb_per_s", problems),
            CsvCells.Number(table.Cell(row, "bandwidth_hz"), file, row.Line, "bandwidth_hz", problems),
            CsvCells.Number(table.Cell(row, "noise_dbm_per_hz"), file, row.Line, "noise_dbm_per_hz", problems),
            string.IsNullOrEmpty(initial) ? null : Field.Of(initial));
        return true;
    }

    private static void AddBlocks(InstanceBuilder builder, CsvTable table, List<InputProblem> problems)
    {
        string file = table.FileName;
        foreach (CsvRecord row in table.Records)
        {
            builder.AddBlock(
                new InputLocation(file, row.Line),
                CsvCells.Text(table.Cell(row, "block_id"), file, row.Line, "block_id", problems),
                CsvCells.Number(table.Cell(row, "size_mb"), file, row.Line, "size_mb", problems));
        }
    }

    private static void AddModels(InstanceBuilder builder, CsvTable table, List<InputProblem> problems)
    {
        string file = table.FileName;
        foreach (CsvRecord row in table.Records)
        {
            string? blocksText = table.Cell(row, "blocks");
            IReadOnlyList<string>? blocks = blocksText?.Split(InstanceFiles.BlockSeparator).Select(id => id.Trim()).ToArray();
            builder.AddModel(
                new InputLocation(file, row.Line),
                CsvCells.Text(table.Cell(row, "model_id"), file, row.Line, "model_id", problems),
                CsvCells.Number(table.Cell(row, "inference_s"), file, row.Line, "inference_s", problems),
                blocks,
                blocksText);
        }
    }

    private static void AddUsers(InstanceBuilder builder, CsvTable table, List<InputProblem> problems)
    {
        string file = table.FileName;
        foreach (CsvRecord row in table.Records)
        {
            string? weightText = table.Cell(row, "weight");
            Field<double> weight = table.HasColumn("weight") && !string.IsNullOrEmpty(weightText)
                ? CsvCells.Number(weightText, file, row.Line, "weight", problems)
                : table.HasColumn("weight") && weightText is null ? Field<double>.Invalid(string.Empty) : Field.Of(1.0);
            builder.AddUser(
                new InputLocation(file, row.Line),
                CsvCells.Text(table.Cell(row, "user_id"), file, row.Line, "user_id", problems),
                CsvCells.Text(table.Cell(row, "model_id"), file, row.Line, "model_id", problems),
                CsvCells.Number(table.Cell(row, "data_mbit"), file, row.Line, "data_mbit", problems),
                CsvCells.Number(table.Cell(row, "deadline_s"), file, row.Line, "deadline_s", problems),
                CsvCells.Number(table.Cell(row, "power_w"), file, row.Line, "power_w", problems),
                CsvCells.Number(table.Cell(row, "gain_db"), file, row.Line, "gain_db", problems),
                weight);
        }
    }

    private static List<InputProblem> Sorted(List<InputProblem> problems, string usersFile)
    {
        string[] fileOrder = [InstanceFiles.Server, InstanceFiles.Blocks, InstanceFiles.Models, usersFile];
        return [.. problems
            .Select((problem, index) => (problem, index))
            .OrderBy(p => Array.IndexOf(fileOrder, p.problem.Source) is int i && i >= 0 ? i : fileOrder.Length)
            .ThenBy(p => p.problem.Line ?? 0)
            .ThenBy(p => p.index)
            .Select(p => p.problem)];
    }
}
