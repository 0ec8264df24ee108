using PartialLoading.Core.Csv;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

public class LoadingTimesTests
{
    private static Instance ThreeModels() => InstanceReader.Read(RepositoryPaths.Instance("three-models"));

    [Test]
    public void Only_the_blocks_missing_from_memory_are_loaded()
    {
        // alpha 300 MB, beta 100 MB, gamma 500 MB; A = {alpha}, B = {alpha, beta}, C = {gamma}; R = 1000 MB/s.
        LoadingTimes loading = ThreeModels().LoadingTimes;
        const int a = 0, b = 1, c = 2;

        Assert.Multiple(() =>
        {
            Assert.That(loading.Seconds(LoadingTimes.EmptyMemory, a), Is.EqualTo(0.3)); // alpha
            Assert.That(loading.Seconds(a, b), Is.EqualTo(0.1));                        // beta only
            Assert.That(loading.Seconds(b, a), Is.EqualTo(0.0));                        // A ⊆ B
            Assert.That(loading.Seconds(b, b), Is.EqualTo(0.0));
            Assert.That(loading.Seconds(a, c), Is.EqualTo(0.5));                        // nothing shared
            Assert.That(loading.Seconds(c, b), Is.EqualTo(0.4));                        // alpha + beta
            Assert.That(loading.SharedMb(a, b), Is.EqualTo(300));
        });
    }

    [Test]
    public void Full_loading_loads_the_whole_model_on_every_switch()
    {
        LoadingTimes loading = LoadingTimes.Create(ThreeModels(), LoadingRule.FullModel);

        Assert.Multiple(() =>
        {
            Assert.That(loading.Seconds(0, 1), Is.EqualTo(0.4));
            Assert.That(loading.Seconds(1, 0), Is.EqualTo(0.3));
            Assert.That(loading.Seconds(1, 1), Is.EqualTo(0.0));
        });
    }

    [Test]
    public void Dense_on_demand_and_reference_loading_times_agree([Range(1, 20)] int seed)
    {
        Instance instance = RandomInstances.Create(seed, users: 2, models: 7, sharing: seed % 2 == 0 ? RandomSharing.General : RandomSharing.BottomLayer);
        LoadingTimes dense = instance.LoadingTimes;
        LoadingTimes onDemand = LoadingTimes.CreateOnDemand(instance, LoadingRule.SharedBlocks);

        for (int h = -1; h < instance.Models.Length; h++)
        {
            for (int i = 0; i < instance.Models.Length; i++)
            {
                double expected = ReferenceModel.Loading(instance, h < 0 ? null : h, i);
                Assert.That(dense.Seconds(h, i), Is.EqualTo(expected).Within(1e-12), $"dense L({h},{i})");
                Assert.That(onDemand.Seconds(h, i), Is.EqualTo(expected).Within(1e-12), $"on demand L({h},{i})");
            }
        }
    }

    [Test]
    public void Loading_times_obey_the_triangle_inequality([Range(1, 10)] int seed)
    {
        // docs/model.md §4 relies on it: inserting a user mid-sequence never shortens the loading around it.
        Instance instance = RandomInstances.Create(seed, users: 1, models: 6);
        LoadingTimes loading = instance.LoadingTimes;
        int m = instance.Models.Length;
        for (int h = -1; h < m; h++)
        {
            for (int k = 0; k < m; k++)
            {
                for (int i = 0; i < m; i++)
                {
                    Assert.That(loading.Seconds(h, k) + loading.Seconds(k, i), Is.GreaterThanOrEqualTo(loading.Seconds(h, i) - 1e-12));
                }
            }
        }
    }
}
