using System.Runtime.CompilerServices;

namespace PartialLoading.DynamicProgramming.Trace;

/// <summary>A fixed-length array of bits, all clear at first: one bit per DP state where a state's decision is yes/no.</summary>
internal sealed class Bits
{
    private readonly ulong[] _words;

    public Bits(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _words = new ulong[(length + 63) >> 6];
    }

    public int Length { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes => _words.Length * sizeof(ulong);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index) => _words[index >> 6] |= 1UL << index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Get(int index) => (_words[index >> 6] & (1UL << index)) != 0;
}
