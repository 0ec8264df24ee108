using System.Runtime.CompilerServices;

namespace PartialLoading.DynamicProgramming.Trace;

/// <summary>A fixed-length array of bits, all clear at first: one bit per DP state where a state's decision is yes/no.</summary>
internal sealed class Bits
{
    private readonly ulong[] _words;

    public Bits(int length)
        : this(new ulong[WordsFor(length)], length)
    {
    }

    /// <summary>Bits over words already filled (by a <see cref="BitWriter"/>).</summary>
    public Bits(ulong[] words, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(words.Length, WordsFor(length));
        Length = length;
        _words = words;
    }

    public int Length { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes => _words.Length * sizeof(ulong);

    /// <summary>The words needed for <paramref name="length"/> bits.</summary>
    public static int WordsFor(long length) => (int)((length + 63) >> 6);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index) => _words[index >> 6] |= 1UL << index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Get(int index) => (_words[index >> 6] & (1UL << index)) != 0;
}
