using PartialLoading.DynamicProgramming.Trace;

namespace PartialLoading.Tests.DynamicProgramming;

public class MonotoneSequenceTests
{
    [Test]
    public void Reads_back_every_entry_of_random_non_decreasing_sequences()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 300; trial++)
        {
            int entries = random.Next(0, 400);
            int maxValue = random.Next(0, 600);
            var values = new int[entries];
            int value = 0;
            for (int t = 0; t < entries; t++)
            {
                // Mostly small steps, sometimes long runs of ones across word boundaries, never past the maximum.
                int step = random.Next(10) == 0 ? random.Next(0, 150) : random.Next(0, 3);
                value = Math.Min(maxValue, value + step);
                values[t] = value;
            }

            var writer = new MonotoneSequence.Writer(entries, maxValue);
            foreach (int v in values)
            {
                writer.Append(v);
            }

            MonotoneSequence sequence = writer.ToSequence();
            Assert.That(Enumerable.Range(0, entries).Select(t => sequence[t]), Is.EqualTo(values), $"trial {trial}");
        }
    }

    [Test]
    public void Takes_at_most_two_bits_per_entry_when_values_stay_below_the_count()
    {
        var writer = new MonotoneSequence.Writer(100_000, 100_000);
        for (int t = 0; t < 100_000; t++)
        {
            writer.Append(t);
        }

        MonotoneSequence sequence = writer.ToSequence();
        Assert.That(sequence.Bytes, Is.LessThanOrEqualTo((2 * 100_000 / 8) + 16));
        Assert.That(sequence[99_999], Is.EqualTo(99_999));
    }

    [Test]
    public void Rejects_a_decreasing_value_one_above_the_maximum_or_one_too_many()
    {
        var writer = new MonotoneSequence.Writer(2, 10);
        writer.Append(4);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append(11));
        writer.Append(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = writer.ToSequence()[2]);
    }
}
