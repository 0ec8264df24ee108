using System.Globalization;
using CsvHelper;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Csv;

/// <summary>Writes an instance as the four CSV files of docs/model.md §7, each whole or not at all, all written before any replaces an old one.</summary>
public static class InstanceWriter
{
    /// <summary>The names of the files an instance folder holds (docs/model.md §7).</summary>
    public static IReadOnlyList<string> FileNames { get; } = [InstanceFiles.Server, InstanceFiles.Blocks, InstanceFiles.Models, InstanceFiles.Users];

    /// <summary>Writes <paramref name="instance"/> into <paramref name="directory"/> (created if needed).</summary>
    /// <remarks>
    /// Numbers are written in their shortest round-trip form, so reading the folder back gives an equal instance. Every
    /// file is written in full before the first is renamed into place, so a full disk leaves the old files untouched.
    /// </remarks>
    public static void Write(Instance instance, string directory)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(directory);
        AtomicFile.WriteTogether([.. Files(instance).Select(f => (Path.Combine(directory, f.Name), (Action<Stream>)(stream => stream.Write(f.Bytes))))]);
    }

    /// <summary>
    /// The four files of <paramref name="instance"/>, named as in <see cref="FileNames"/> and in that order, as bytes,
    /// for a caller that writes them together with files of its own (a folder swapped in one step).
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Files(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Server server = instance.Server;
        bool weights = !instance.HasUnitWeights;
        string[] userColumns = weights ? [.. InstanceFiles.UsersSchema.Required, "weight"] : [.. InstanceFiles.UsersSchema.Required];
        return
        [
            (InstanceFiles.Server, Table(InstanceFiles.ServerSchema.Required, [
                [N(server.LoadRateMbPerSecond), N(server.BandwidthHz), N(server.NoiseDbmPerHz), server.InitialModel is int i ? instance.Models[i].Id : string.Empty],
            ])),
            (InstanceFiles.Blocks, Table(InstanceFiles.BlocksSchema.Required, instance.Blocks.Select(b => new[] { b.Id, N(b.SizeMb) }))),
            (InstanceFiles.Models, Table(InstanceFiles.ModelsSchema.Required,
                instance.Models.Select(m => new[] { m.Id, N(m.InferenceSeconds), string.Join(InstanceFiles.BlockSeparator, m.Blocks.Select(j => instance.Blocks[j].Id)) }))),
            (InstanceFiles.Users, Table(userColumns, instance.Users.Select(u =>
            {
                string[] row = [u.Id, instance.Models[u.Model].Id, N(u.DataMbit), N(u.DeadlineSeconds), N(u.PowerWatts), N(u.GainDb)];
                return weights ? [.. row, N(u.Weight)] : row;
            }))),
        ];
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
