using PartialLoading.Bandwidth;

namespace PartialLoading.Tests.Bandwidth;

public class BandwidthAllocatorTests
{
    [Test]
    public void Surplus_is_shared_in_proportion_to_the_least_bandwidths()
    {
        // β = (1, 3) MHz, B = 8 MHz: scale 2, so (2, 6) MHz and both have the same relative margin.
        var allocated = new double[2];

        bool fits = BandwidthAllocator.TryAllocate([1e6, 3e6], 8e6, allocated);

        Assert.That(fits, Is.True);
        Assert.That(allocated, Is.EqualTo(new[] { 2e6, 6e6 }).Within(1e-6));
    }

    [Test]
    public void Demands_above_the_budget_do_not_fit_and_nothing_is_written()
    {
        var allocated = new[] { -1.0, -1.0 };

        bool fits = BandwidthAllocator.TryAllocate([5e6, 4e6], 8e6, allocated);

        Assert.That(fits, Is.False);
        Assert.That(allocated, Is.EqualTo(new[] { -1.0, -1.0 }));
    }

    [Test]
    public void Demands_within_the_tolerance_of_model_section_3_get_exactly_their_least_bandwidth()
    {
        var allocated = new double[1];

        bool fits = BandwidthAllocator.TryAllocate([8e6 * (1 + 5e-10)], 8e6, allocated);

        Assert.That(fits, Is.True);
        Assert.That(allocated[0], Is.EqualTo(8e6 * (1 + 5e-10)));
    }

    [Test]
    public void An_infinite_demand_never_fits()
    {
        Assert.That(BandwidthAllocator.TryAllocate([double.PositiveInfinity], 1e9, new double[1]), Is.False);
    }
}
