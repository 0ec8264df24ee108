using PartialLoading.Cli.Sharing;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class SharingStatisticsTests
{
    [Test]
    public void Counts_the_savings_of_a_bottom_layer_instance_by_hand()
    {
        // Backbones 800 MB (X1–X3) and 400 MB (Y1, Y2); Z shares nothing. Sizes 860, 890, 840, 430, 450, 600 MB.
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance("backbone-clusters"));

        SharingStatistics sharing = SharingStatistics.Of(instance);

        Assert.Multiple(() =>
        {
            Assert.That(sharing.RequestedModels, Has.Length.EqualTo(6));
            Assert.That(sharing.BestPredecessorSavingMb, Is.EqualTo(new[] { 800.0, 800, 800, 400, 400, 0 }));
            Assert.That(sharing.RequestedModelsWithPartner, Is.EqualTo(5));
            Assert.That(sharing.MeanBestPredecessorSavedFraction, Is.EqualTo(((800 / 860.0) + (800 / 890.0) + (800 / 840.0) + (400 / 430.0) + (400 / 450.0)) / 6).Within(1e-12));
            Assert.That(sharing.MaxRequestedPairSharedMb, Is.EqualTo(800));
            Assert.That(sharing.MeanRequestedPairSharedMb, Is.EqualTo(((6 * 800.0) + (2 * 400)) / 30).Within(1e-9));
            Assert.That(sharing.GroupSizes, Is.EqualTo(new[] { 3, 2, 1 }));
        });
    }

    [Test]
    public void Best_predecessor_savings_equal_the_largest_shared_size_among_requested_models()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            Instance instance = RandomInstances.Create(seed, users: 5, models: 7, sharing: seed % 2 == 0 ? RandomSharing.General : RandomSharing.BottomLayer);
            int[] requested = [.. instance.Users.Select(u => u.Model).Distinct().Order()];

            SharingStatistics sharing = SharingStatistics.Of(instance);

            double[] expected = [.. requested.Select(i => requested.Where(h => h != i).Select(h => instance.LoadingTimes.SharedMb(h, i)).DefaultIfEmpty(0).Max())];
            Assert.That(sharing.RequestedModels, Is.EqualTo(requested), $"seed {seed}");
            Assert.That(sharing.BestPredecessorSavingMb, Is.EqualTo(expected).Within(1e-9), $"seed {seed}");
            double max = requested.SelectMany(i => requested.Where(h => h != i).Select(h => instance.LoadingTimes.SharedMb(h, i))).DefaultIfEmpty(0).Max();
            Assert.That(sharing.MaxRequestedPairSharedMb, Is.EqualTo(max).Within(1e-9), $"seed {seed}");
        }
    }

    [Test]
    public void Sharing_groups_are_the_clusters_when_the_structure_is_bottom_layer()
    {
        Instance instance = RandomInstances.Create(3, users: 6, models: 8, sharing: RandomSharing.BottomLayer);

        SharingStatistics sharing = SharingStatistics.Of(instance);

        Assert.That(sharing.GroupSizes, Is.EqualTo(sharing.BottomLayer!.Clusters.Select(c => c.Length).OrderDescending()));
    }
}
