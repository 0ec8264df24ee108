using System.CommandLine;
using System.Text;
using System.Text.Json;
using PartialLoading.Cli.Output;
using PartialLoading.Cli.Sharing;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Sharing;

namespace PartialLoading.Cli.Commands;

/// <summary><c>plsolve info DIR [--json]</c>: sizes, sharing structure and how much of the parameters is shared.</summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        Argument<string> directory = CommonOptions.InstanceDirectory();
        Option<bool> json = CommonOptions.Json("the statistics");
        var command = new Command("info", "Describe an instance: sizes, sharing structure (bottom-layer clusters or general), shared parameters.")
        {
            directory, json,
        };
        command.SetAction(parsed =>
        {
            Instance instance = InstanceReader.Read(parsed.GetRequiredValue(directory));
            SharingStatistics sharing = SharingStatistics.Of(instance);
            console.Out.WriteLine(parsed.GetValue(json) ? Json(instance, sharing) : Text(instance, sharing));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Text(Instance instance, SharingStatistics sharing)
    {
        var o = new StringBuilder();
        Server server = instance.Server;
        string initial = server.InitialModel is int i ? instance.Models[i].Id : "none (empty memory)";
        o.AppendLine($"instance   {instance.Name}");
        o.AppendLine($"server     load rate {Formats.Number(server.LoadRateMbPerSecond)} MB/s, bandwidth {Formats.Number(server.BandwidthHz / 1e6)} MHz, noise {Formats.Number(server.NoiseDbmPerHz)} dBm/Hz, initial model {initial}");
        o.AppendLine($"blocks     {instance.Blocks.Length}, {Formats.Number(sharing.DistinctMb)} MB in use");
        if (instance.Models.Length > 0)
        {
            o.AppendLine($"models     {instance.Models.Length}, {Range(instance.Models.Select(m => m.SizeMb))} MB each, inference {Range(instance.Models.Select(m => m.InferenceSeconds))} s, {Formats.Number(sharing.TotalModelMb)} MB if loaded whole");
        }

        if (instance.Users.Length > 0)
        {
            string deadlines = CommonDeadline(instance) is double t ? $"common deadline {Formats.Number(t)} s" : $"deadlines {Range(instance.Users.Select(u => u.DeadlineSeconds))} s";
            string weights = instance.HasUnitWeights ? "unit weights" : $"weights {Range(instance.Users.Select(u => u.Weight))}";
            o.AppendLine($"users      {instance.Users.Length}, {deadlines}, {weights}, input {Range(instance.Users.Select(u => u.DataMbit))} Mbit");
        }
        else
        {
            o.AppendLine("users      0 (the optimum is 0)");
        }

        o.AppendLine($"shared     {Formats.Number(sharing.SharedMb)} of {Formats.Number(sharing.DistinctMb)} MB ({Formats.Percent(sharing.SharedFraction)}) is in two or more models; two models share {Formats.Number(sharing.MeanPairSharedMb)} MB on average");
        int requested = sharing.RequestedModels.Length;
        if (instance.Users.Length > 0)
        {
            double[] usersPerModel = [.. instance.Users.GroupBy(u => u.Model).Select(g => (double)g.Count())];
            o.AppendLine($"requested  {requested} of {instance.Models.Length} models have users ({Range(usersPerModel)} {(usersPerModel.Max() == 1 ? "user" : "users")} each)");
        }

        o.AppendLine($"successor  after its best predecessor a requested model loads {Formats.Percent(sharing.MeanBestPredecessorSavedFraction)} less on average ({Formats.Number(sharing.MeanBestPredecessorSavingMb)} MB; " +
                     $"{sharing.RequestedModelsWithPartner} of {requested} share with another); requested pairs share {Formats.Number(sharing.MeanRequestedPairSharedMb)} MB on average, {Formats.Number(sharing.MaxRequestedPairSharedMb)} MB at most");
        o.AppendLine($"groups     {Plural(sharing.GroupSizes.Length, "group")} of models linked by shared blocks, sizes {string.Join(", ", sharing.GroupSizes.Take(20))}{(sharing.GroupSizes.Length > 20 ? ", …" : string.Empty)}");
        if (sharing.BottomLayer is BottomLayerStructure structure)
        {
            int multi = structure.Clusters.Count(c => c.Length > 1);
            o.AppendLine($"structure  bottom-layer: {Plural(structure.Clusters.Length, "cluster")} ({multi} with a shared backbone); sizes {Range(structure.Clusters.Select(c => (double)c.Length))} {(structure.Clusters.Max(c => c.Length) == 1 ? "model" : "models")}");
            foreach (int q in Enumerable.Range(0, structure.Clusters.Length).Where(q => structure.Clusters[q].Length > 1).Take(20))
            {
                var heads = structure.Clusters[q].Select(m => structure.HeadMb[m]);
                o.AppendLine($"             cluster {q + 1}: {structure.Clusters[q].Length} models ({string.Join(", ", structure.Clusters[q].Take(6).Select(m => instance.Models[m].Id))}{(structure.Clusters[q].Length > 6 ? ", …" : string.Empty)}), backbone {Formats.Number(structure.BackboneMb[q])} MB, heads {Range(heads)} MB");
            }
        }
        else
        {
            o.AppendLine($"structure  general: {sharing.WhyGeneral}");
        }

        return o.ToString().TrimEnd();
    }

    private static string Json(Instance instance, SharingStatistics sharing)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("instance", instance.Name);
            json.WriteNumber("blocks", instance.Blocks.Length);
            json.WriteNumber("models", instance.Models.Length);
            json.WriteNumber("users", instance.Users.Length);
            json.WriteString("structure", sharing.BottomLayer is null ? "general" : "bottom-layer");
            if (sharing.WhyGeneral is string why)
            {
                json.WriteString("why_general", why);
            }

            json.WriteNumber("clusters", sharing.BottomLayer?.Clusters.Length ?? 0);
            SummaryJson.WriteNullable(json, "distinct_mb", sharing.DistinctMb);
            SummaryJson.WriteNullable(json, "shared_mb", sharing.SharedMb);
            SummaryJson.WriteNullable(json, "shared_fraction", sharing.SharedFraction);
            SummaryJson.WriteNullable(json, "total_model_mb", sharing.TotalModelMb);
            SummaryJson.WriteNullable(json, "mean_pair_shared_mb", sharing.MeanPairSharedMb);
            json.WriteNumber("requested_models", sharing.RequestedModels.Length);
            json.WriteNumber("requested_models_with_partner", sharing.RequestedModelsWithPartner);
            SummaryJson.WriteNullable(json, "best_predecessor_saving_mb_mean", sharing.MeanBestPredecessorSavingMb);
            SummaryJson.WriteNullable(json, "best_predecessor_saved_fraction_mean", sharing.MeanBestPredecessorSavedFraction);
            SummaryJson.WriteNullable(json, "requested_pair_shared_mb_mean", sharing.MeanRequestedPairSharedMb);
            SummaryJson.WriteNullable(json, "requested_pair_shared_mb_max", sharing.MaxRequestedPairSharedMb);
            json.WriteStartArray("group_sizes");
            foreach (int size in sharing.GroupSizes)
            {
                json.WriteNumberValue(size);
            }

            json.WriteEndArray();
            SummaryJson.WriteNullable(json, "common_deadline_s", CommonDeadline(instance));
            json.WriteBoolean("unit_weights", instance.HasUnitWeights);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double? CommonDeadline(Instance instance)
        => instance.Users.Length > 0 && instance.Users.All(u => u.DeadlineSeconds == instance.Users[0].DeadlineSeconds) ? instance.Users[0].DeadlineSeconds : null;

    private static string Range(IEnumerable<double> values)
    {
        double[] all = [.. values];
        if (all.Length == 0)
        {
            return "–";
        }

        double min = all.Min();
        double max = all.Max();
        return min == max ? Formats.Number(min) : $"{Formats.Number(min)}–{Formats.Number(max)}";
    }

    private static string Plural(int count, string noun) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
