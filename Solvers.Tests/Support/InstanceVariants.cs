using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Support;

/// <summary>Copies of an instance with one thing changed, to see what that thing decides.</summary>
internal static class InstanceVariants
{
    /// <summary>The same instance with total bandwidth <paramref name="bandwidthHz"/>.</summary>
    public static Instance WithBandwidth(Instance instance, double bandwidthHz)
    {
        Server server = instance.Server;
        var builder = new InstanceBuilder(instance.Name)
            .SetServer(server.LoadRateMbPerSecond, bandwidthHz, server.NoiseDbmPerHz, server.InitialModel is int i ? instance.Models[i].Id : null);
        foreach (Block block in instance.Blocks)
        {
            builder.AddBlock(block.Id, block.SizeMb);
        }

        foreach (AiModel model in instance.Models)
        {
            builder.AddModel(model.Id, model.InferenceSeconds, model.Blocks.Select(j => instance.Blocks[j].Id));
        }

        foreach (User user in instance.Users)
        {
            builder.AddUser(user.Id, instance.Models[user.Model].Id, user.DataMbit, user.DeadlineSeconds, user.PowerWatts, user.GainDb, user.Weight);
        }

        return builder.Build();
    }
}
