using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Support;

/// <summary>
/// Three users whose deadlines send model A back into memory: A and B load in 1 s each, inferences take 0.1 s; a1 and
/// a2 served together leave b1 too late, and b1 between them needs A loaded twice, so 2 of the 3 can be served. A
/// relaxation that charges one load per model lets all three fit by 2.3 s.
/// </summary>
internal static class ReloadInstance
{
    public static Instance Create()
        => new InstanceBuilder("reload")
            .SetServer(loadRateMbPerSecond: 1000, bandwidthHz: 20e6)
            .AddBlock("a", 1000).AddBlock("b", 1000)
            .AddModel("A", 0.1, "a").AddModel("B", 0.1, "b")
            .AddUser("a1", "A", dataMbit: 0.001, deadlineSeconds: 1.1, powerWatts: 0.2, gainDb: -80)
            .AddUser("b1", "B", dataMbit: 0.001, deadlineSeconds: 2.2, powerWatts: 0.2, gainDb: -80)
            .AddUser("a2", "A", dataMbit: 0.001, deadlineSeconds: 2.3, powerWatts: 0.2, gainDb: -80)
            .Build();
}
