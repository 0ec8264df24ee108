using PartialLoading.Bandwidth;

namespace PartialLoading.Tests.Bandwidth;

public class LatestStartsTests
{
    [Test]
    public void Backward_pass_takes_the_tighter_of_own_deadline_and_successor()
    {
        // Three positions: T = (2.0, 1.0, 3.0), c = (0.1, 0.2, 0.3), L = (0.5, 0.4, 0.6).
        // LS3 = 3.0 − 0.3 = 2.7
        // LS2 = min(1.0 − 0.2, 2.7 − 0.6 − 0.2) = min(0.8, 1.9) = 0.8
        // LS1 = min(2.0 − 0.1, 0.8 − 0.4 − 0.1) = min(1.9, 0.3) = 0.3
        var latest = new double[3];

        LatestStarts.Compute([2.0, 1.0, 3.0], [0.1, 0.2, 0.3], [0.5, 0.4, 0.6], latest);

        Assert.That(latest, Is.EqualTo(new[] { 0.3, 0.8, 2.7 }).Within(1e-12));
    }

    [Test]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.That(() => LatestStarts.Compute([1.0], [0.1, 0.2], [0.0], new double[1]), Throws.ArgumentException);
    }
}
