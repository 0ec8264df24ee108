using PartialLoading.Generation.Architectures;

namespace PartialLoading.Generation.Scenarios;

/// <summary>
/// Models fine-tuned from pre-trained checkpoints with the bottom layers frozen: each checkpoint is a cluster whose
/// frozen layers are shared by its models (the backbone); each model owns copies of the layers above and its task
/// head. Shared by the scenarios that build bottom-layer sharing from published architectures.
/// </summary>
internal static class FrozenBottomFamilies
{
    /// <summary>Spreads the models over the clusters (each gets at least one) and builds every block and model.</summary>
    public static ModelZoo Design(GenerationSettings settings, Random random, Func<int, Checkpoint> checkpointOf)
    {
        int models = settings.Models;
        int clusters = settings.Clusters;
        Checkpoint[] checkpoints = [.. Enumerable.Range(0, clusters).Select(checkpointOf)];
        int[] clusterOf = [.. Enumerable.Range(0, models).Select(m => m < clusters ? m : random.Next(clusters))];
        var zoo = new ModelZoo();
        foreach (Checkpoint checkpoint in checkpoints)
        {
            foreach (ArchitectureLayer layer in checkpoint.Architecture.Body.Take(checkpoint.FrozenLayers))
            {
                zoo.AddBlock($"{checkpoint.Id}-{layer.Name}", checkpoint.Architecture.SizeMb(layer.Parameters));
            }
        }

        for (int m = 0; m < models; m++)
        {
            string id = SequentialId.Of("m", m + 1, models);
            Checkpoint checkpoint = checkpoints[clusterOf[m]];
            Architecture architecture = checkpoint.Architecture;
            var blocks = architecture.Body.Take(checkpoint.FrozenLayers).Select(l => $"{checkpoint.Id}-{l.Name}").ToList();
            foreach (ArchitectureLayer layer in architecture.Body.Skip(checkpoint.FrozenLayers))
            {
                zoo.AddBlock($"{id}-{layer.Name}", architecture.SizeMb(layer.Parameters));
                blocks.Add($"{id}-{layer.Name}");
            }

            int classes = TransferTasks.Draw(checkpoint.TaskClasses, random);
            zoo.AddBlock($"{id}-head", architecture.SizeMb(architecture.HeadParameters(classes)));
            blocks.Add($"{id}-head");
            zoo.AddModel(id, checkpoint.InferenceSeconds, checkpoint.Payload, blocks);
        }

        return zoo;
    }

    /// <summary>A pre-trained checkpoint: its block-id prefix, architecture, frozen bottom layers, and what its tasks look like.</summary>
    public sealed record Checkpoint(string Id, Architecture Architecture, int FrozenLayers, double InferenceSeconds, PayloadRange Payload, int[] TaskClasses);
}
