using CsCheck;
using PartialLoading.Bounds;

namespace PartialLoading.Tests.Bounds;

/// <summary>
/// The time-indexed program's vectorised subset loops (<see cref="SubsetMaxima"/>) give, bit for bit, what their
/// definitions give one subset at a time, for every subset count, shift and tracked user: the program's values, and so
/// its bounds, must not move by a rounding.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SubsetMaximaTests
{
    /// <summary>Tracked users (2^bits subsets), a shift past them included, and a tracked user q.</summary>
    private static readonly Gen<(int Bits, int Shift, int Q, double Add, int Seed)> Case =
        from bits in Gen.Int[0, 11]
        from shift in Gen.OneOf(Gen.Int[0, bits + 2], Gen.Const(40))
        from q in Gen.Int[0, Math.Max(0, bits - 1)]
        from add in Gen.OneOf(Gen.Double[-5.0, 5.0], Gen.Const(double.NegativeInfinity), Gen.Const(0.0))
        from seed in Gen.Int
        select (bits, shift, q, add, seed);

    [Test]
    public void Max_with_a_shifted_source_is_the_subset_by_subset_maximum()
    {
        Case.Sample(c =>
        {
            (double[] dst, double[] src) = Arrays(c.Bits, c.Seed);
            double[] expected = [.. dst];
            for (int s = 0; s < expected.Length; s++)
            {
                expected[s] = Math.Max(expected[s], src[Shifted(s, c.Shift)]);
            }

            SubsetMaxima.MaxWith(dst, src, c.Shift);
            return SameBits(dst, expected);
        });
    }

    [Test]
    public void Max_with_a_shifted_source_plus_a_constant_adds_before_the_maximum()
    {
        Case.Sample(c =>
        {
            (double[] dst, double[] src) = Arrays(c.Bits, c.Seed);
            double[] expected = [.. dst];
            for (int s = 0; s < expected.Length; s++)
            {
                expected[s] = Math.Max(expected[s], c.Add + src[Shifted(s, c.Shift)]);
            }

            SubsetMaxima.MaxWithPlus(dst, src, c.Shift, c.Add);
            return SameBits(dst, expected);
        });
    }

    [Test]
    public void Max_with_a_constant_is_the_subset_by_subset_maximum()
    {
        Case.Sample(c =>
        {
            (double[] dst, _) = Arrays(c.Bits, c.Seed);
            double[] expected = [.. dst.Select(v => Math.Max(v, c.Add))];
            SubsetMaxima.MaxWith(dst, c.Add);
            return SameBits(dst, expected);
        });
    }

    [Test]
    public void Serving_a_tracked_user_changes_only_the_subsets_without_it()
    {
        Case.Where(c => c.Bits > 0).Sample(c =>
        {
            (double[] dst, double[] src) = Arrays(c.Bits, c.Seed);
            double[] expected = [.. dst];
            for (int s = 0; s < expected.Length; s++)
            {
                if ((s >> c.Q & 1) == 0)
                {
                    expected[s] = Math.Max(expected[s], c.Add + src[Shifted(s | (1 << c.Q), c.Shift)]);
                }
            }

            SubsetMaxima.MaxWithServed(dst, src, c.Shift, c.Q, c.Add);
            return SameBits(dst, expected);
        });
    }

    /// <summary>A subset read at a later step: its first <paramref name="shift"/> users died (all of them past 31 bits).</summary>
    private static int Shifted(int subset, int shift) => shift >= 31 ? 0 : subset >> shift;

    /// <summary>A cell of 2^bits values and a source as long as the cell (some values −∞, as unreachable states are).</summary>
    private static (double[] Dst, double[] Src) Arrays(int bits, int seed)
    {
        var random = new Random(seed);
        double Next() => random.Next(8) == 0 ? double.NegativeInfinity : Math.Round((random.NextDouble() * 20.0) - 10.0, 3);
        double[] dst = [.. Enumerable.Range(0, 1 << bits).Select(_ => Next())];
        double[] src = [.. Enumerable.Range(0, 1 << bits).Select(_ => Next())];
        return (dst, src);
    }

    private static bool SameBits(double[] actual, double[] expected)
        => actual.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(expected.Select(BitConverter.DoubleToInt64Bits));
}
