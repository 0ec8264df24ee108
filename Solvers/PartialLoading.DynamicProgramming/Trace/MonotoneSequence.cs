using System.Numerics;
using System.Runtime.CompilerServices;

namespace PartialLoading.DynamicProgramming.Trace;

/// <summary>
/// A non-decreasing sequence of non-negative integers s_1 ≤ s_2 ≤ … ≤ s_n stored in unary differences: each entry
/// writes (s_t − s_{t−1}) one-bits and then a zero-bit, so n entries whose last value is at most n take at most 2n
/// bits. Reading entry t finds the t-th zero-bit and counts the ones before it, in O(n/64) word operations.
/// </summary>
/// <remarks>
/// The sliding-window minimum of the dynamic program reads its argument from the front of a monotone deque, and
/// that front only ever moves forward, so the argmins of one model's step form such a sequence: two bits per state
/// instead of a 32-bit index. Reading happens once per model during reconstruction, so its linear scan is
/// negligible next to the forward pass.
/// </remarks>
internal sealed class MonotoneSequence
{
    private readonly ulong[] _words;
    private long _bit;     // next bit to write
    private int _last;     // last value appended

    /// <param name="entries">How many entries will be appended.</param>
    /// <param name="maxValue">The largest value any entry may have.</param>
    public MonotoneSequence(int entries, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        _words = new ulong[(int)(((long)entries + maxValue + 64) >> 6)];
        MaxValue = maxValue;
    }

    /// <summary>The number of entries appended.</summary>
    public int Count { get; private set; }

    /// <summary>The largest value allowed.</summary>
    public int MaxValue { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes => _words.Length * sizeof(ulong);

    /// <summary>Appends <paramref name="value"/>, which must be at least the previous value and at most <see cref="MaxValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int value)
    {
        int ones = value - _last;
        if ((uint)ones > (uint)(MaxValue - _last))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Values must be non-decreasing and at most {MaxValue}; the last was {_last}.");
        }

        _last = value;
        long bit = _bit;
        while (ones > 0)
        {
            int offset = (int)(bit & 63);
            int run = Math.Min(ones, 64 - offset);
            ulong mask = run == 64 ? ulong.MaxValue : ((1UL << run) - 1) << offset;
            _words[bit >> 6] |= mask;
            bit += run;
            ones -= run;
        }

        _bit = bit + 1; // the terminating zero is already clear
        Count++;
    }

    /// <summary>Entry <paramref name="index"/> (0-based).</summary>
    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

            // Find the (index+1)-th zero among the written bits; the ones before it sum the differences.
            int zerosToSkip = index;
            long wordCount = (_bit + 63) >> 6;
            for (long w = 0; w < wordCount; w++)
            {
                int valid = (int)Math.Min(64, _bit - (w << 6));
                ulong zeros = ~_words[w];
                if (valid < 64)
                {
                    zeros &= (1UL << valid) - 1;
                }

                int count = BitOperations.PopCount(zeros);
                if (zerosToSkip >= count)
                {
                    zerosToSkip -= count;
                    continue;
                }

                for (int k = 0; k < zerosToSkip; k++)
                {
                    zeros &= zeros - 1; // clear the lowest zero-bit marker
                }

                long position = (w << 6) + BitOperations.TrailingZeroCount(zeros);
                return (int)(position - index);
            }

            throw new InvalidOperationException("The sequence is corrupt.");
        }
    }
}
