using System.Numerics;

namespace PartialLoading.DynamicProgramming.Trace;

/// <summary>
/// A non-decreasing sequence of non-negative integers s_0 ≤ s_1 ≤ … ≤ s_{n−1} stored in unary differences: entry t
/// is (s_t − s_{t−1}) one-bits and then a zero-bit (s_{−1} = 0), so n entries whose last value is at most m take at
/// most n + m bits. Reading entry t finds the (t+1)-th zero-bit and counts the ones before it, in O((n + m)/64).
/// </summary>
/// <remarks>
/// The sliding-window minimum of the dynamic program reads its argument from the front of a monotone deque, and
/// that front only ever moves forward, so the argmins of one model's step form such a sequence: two bits per state
/// instead of a 32-bit index. Reading happens once per model during reconstruction, so its linear scan is
/// negligible next to the forward pass. Written through <see cref="Writer"/>.
/// </remarks>
internal sealed class MonotoneSequence
{
    private readonly ulong[] _words;
    private readonly long _bits;

    private MonotoneSequence(ulong[] words, long bits, int count)
    {
        _words = words;
        _bits = bits;
        Count = count;
    }

    /// <summary>The number of entries.</summary>
    public int Count { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes => _words.Length * sizeof(ulong);

    /// <summary>Entry <paramref name="index"/> (0-based).</summary>
    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

            // Find the (index+1)-th zero among the written bits; the ones before it sum the differences.
            int zerosToSkip = index;
            long wordCount = (_bits + 63) >> 6;
            for (long w = 0; w < wordCount; w++)
            {
                int valid = (int)Math.Min(64, _bits - (w << 6));
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
                    zeros &= zeros - 1; // drop the lowest zero-bit
                }

                long position = (w << 6) + BitOperations.TrailingZeroCount(zeros);
                return (int)(position - index);
            }

            throw new InvalidOperationException("The sequence is corrupt.");
        }
    }

    /// <summary>Appends the entries of a <see cref="MonotoneSequence"/>; a local value, so its state stays in registers.</summary>
    internal struct Writer
    {
        private readonly ulong[] _words;
        private readonly int _entries;
        private readonly int _maxValue;
        private BitWriter _bits;
        private int _last;
        private int _count;

        /// <param name="entries">How many entries will be appended (at most).</param>
        /// <param name="maxValue">The largest value any entry may have.</param>
        public Writer(int entries, int maxValue)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(entries);
            ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
            _words = new ulong[Bits.WordsFor((long)entries + maxValue + 1)];
            _bits = new BitWriter(_words);
            _entries = entries;
            _maxValue = maxValue;
        }

        /// <summary>Appends <paramref name="value"/>: at least the previous value and at most the maximum.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Append(int value)
        {
            int ones = value - _last;
            if ((uint)ones > (uint)(_maxValue - _last) || _count == _entries)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Values must be non-decreasing and at most {_maxValue}, at most {_entries} of them; the last was {_last}.");
            }

            _bits.AppendOnes(ones);
            _bits.Append(false);
            _last = value;
            _count++;
        }

        /// <summary>The sequence written.</summary>
        public MonotoneSequence ToSequence()
        {
            _bits.Flush();
            return new MonotoneSequence(_words, _bits.Position, _count);
        }
    }
}
