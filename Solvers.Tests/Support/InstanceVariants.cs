using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Support;

/// <summary>Copies of an instance with one thing changed, to see what that thing decides.</summary>
internal static class InstanceVariants
{
    /// <summary>The same instance with total bandwidth <paramref name="bandwidthHz"/>.</summary>
    public static Instance WithBandwidth(Instance instance, double bandwidthHz)
    {
        InstanceBuilder builder = ServerBlocksAndModels(instance, instance.Name, bandwidthHz);
        foreach (User user in instance.Users)
        {
            builder.AddUser(user.Id, instance.Models[user.Model].Id, user.DataMbit, user.DeadlineSeconds, user.PowerWatts, user.GainDb, user.Weight);
        }

        return builder.Build();
    }

    /// <summary>
    /// The same instance with a twin of model 0 (the same blocks, half again its inference time) serving every other user
    /// of model 0: switching between the two takes no time.
    /// </summary>
    public static Instance WithTwin(Instance instance)
    {
        InstanceBuilder builder = ServerBlocksAndModels(instance, instance.Name + "-twin", instance.Server.BandwidthHz);
        AiModel first = instance.Models[0];
        builder.AddModel("twin", first.InferenceSeconds * 1.5, first.Blocks.Select(j => instance.Blocks[j].Id));
        int ofFirst = 0;
        foreach (User user in instance.Users)
        {
            string model = user.Model == 0 && ofFirst++ % 2 == 1 ? "twin" : instance.Models[user.Model].Id;
            builder.AddUser(user.Id, model, user.DataMbit, user.DeadlineSeconds, user.PowerWatts, user.GainDb, user.Weight);
        }

        return builder.Build();
    }

    /// <summary>A builder holding <paramref name="instance"/>'s server (with <paramref name="bandwidthHz"/>), blocks and models, no users.</summary>
    private static InstanceBuilder ServerBlocksAndModels(Instance instance, string name, double bandwidthHz)
    {
        Server server = instance.Server;
        var builder = new InstanceBuilder(name)
            .SetServer(server.LoadRateMbPerSecond, bandwidthHz, server.NoiseDbmPerHz, server.InitialModel is int i ? instance.Models[i].Id : null);
        foreach (Block block in instance.Blocks)
        {
            builder.AddBlock(block.Id, block.SizeMb);
        }

        foreach (AiModel model in instance.Models)
        {
            builder.AddModel(model.Id, model.InferenceSeconds, model.Blocks.Select(j => instance.Blocks[j].Id));
        }

        return builder;
    }
}
