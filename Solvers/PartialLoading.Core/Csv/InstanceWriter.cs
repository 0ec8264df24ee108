using System.Globalization;
using CsvHelper;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Csv;

/// <summary>Writes an instance as the four CSV files of docs/model.md §7, each whole or not at all.</summary>
public static class InstanceWriter
{
    /// <summary>The names of the files an instance folder holds (docs/model.md §7).</summary>
    public static IReadOnlyList<string> FileNames { get; } = [InstanceFiles.Server, InstanceFiles.Blocks, InstanceFiles.Models, InstanceFiles.Users];

    /// <summary>Writes <paramref name="instance"/> into <paramref name="directory"/> (created if needed).</summary>
    /// <remarks>Numbers are written in their shortest round-trip form, so reading the folder back gives an equal instance.</remarks>
    public static void Write(Instance instance, string directory)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        Tables(instance, (name, header, rows) => WriteTable(Path.Combine(directory, name), header, rows));
    }

    /// <summary>Gives <paramref name="table"/> each of the four files: its name, header and rows.</summary>
    private static void Tables(Instance instance, Action<string, IReadOnlyList<string>, IEnumerable<string[]>> table)
    {
        Server server = instance.Server;
        table(InstanceFiles.Server, InstanceFiles.ServerSchema.Required, [
            [N(server.LoadRateMbPerSecond), N(server.BandwidthHz), N(server.NoiseDbmPerHz), server.InitialModel is int i ? instance.Models[i].Id : string.Empty],
        ]);
        table(InstanceFiles.Blocks, InstanceFiles.BlocksSchema.Required,
            instance.Blocks.Select(b => new[] { b.Id, N(b.SizeMb) }));
        table(InstanceFiles.Models, InstanceFiles.ModelsSchema.Required,
            instance.Models.Select(m => new[] { m.Id, N(m.InferenceSeconds), string.Join(InstanceFiles.BlockSeparator, m.Blocks.Select(j => instance.Blocks[j].Id)) }));
        bool weights = !instance.HasUnitWeights;
        string[] userColumns = weights ? [.. InstanceFiles.UsersSchema.Required, "weight"] : [.. InstanceFiles.UsersSchema.Required];
        table(InstanceFiles.Users, userColumns,
            instance.Users.Select(u =>
            {
                string[] row = [u.Id, instance.Models[u.Model].Id, N(u.DataMbit), N(u.DeadlineSeconds), N(u.PowerWatts), N(u.GainDb)];
                return weights ? [.. row, N(u.Weight)] : row;
            }));
    }

    /// <summary>
    /// The four files of <paramref name="instance"/> as <see cref="Write"/> writes them, by name (<see cref="FileNames"/>),
    /// for a caller that writes them together with others (a folder swapped in whole).
    /// </summary>
    internal static IReadOnlyList<(string Name, byte[] Bytes)> Contents(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var files = new List<(string Name, byte[] Bytes)>();
        Tables(instance, (name, header, rows) => files.Add((name, Table(header, rows))));
        return files;
    }

    /// <summary>Writes a CSV table (invariant culture, <c>\n</c> line ends) whole or not at all.</summary>
    internal static void WriteTable(string path, IReadOnlyList<string> header, IEnumerable<string[]> rows)
        => AtomicFile.Write(path, stream => WriteTable(stream, header, rows));

    /// <summary>A CSV table (invariant culture, <c>\n</c> line ends) as bytes.</summary>
    internal static byte[] Table(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var buffer = new MemoryStream();
        WriteTable(buffer, header, rows);
        return buffer.ToArray();
    }

    private static void WriteTable(Stream stream, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using CsvWriter writer = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        writer.WriteHeader([.. header]);
        foreach (string[] row in rows)
        {
            writer.WriteRecord(row);
        }

        writer.Flush();
    }

    private static string N(double value) => ScheduleFile.Number(value);
}
