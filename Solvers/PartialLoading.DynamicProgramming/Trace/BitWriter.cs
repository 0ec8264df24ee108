using System.Runtime.CompilerServices;

namespace PartialLoading.DynamicProgramming.Trace;

/// <summary>
/// Appends bits to a word array through one word kept in a register, so the DP's inner loop writes memory once per
/// 64 bits rather than once per bit. A value type used as a local, so the JIT can keep its fields in registers.
/// </summary>
internal struct BitWriter(ulong[] words)
{
    private readonly ulong[] _words = words;
    private ulong _word;
    private int _index;   // word being filled
    private int _offset;  // next bit in it

    /// <summary>Bits appended so far.</summary>
    public readonly long Position => ((long)_index << 6) + _offset;

    /// <summary>Appends one bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(bool bit)
    {
        _word |= (bit ? 1UL : 0UL) << _offset;
        if (++_offset == 64)
        {
            Spill();
        }
    }

    /// <summary>Appends <paramref name="count"/> one-bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendOnes(int count)
    {
        while (count > 0)
        {
            int run = Math.Min(count, 64 - _offset);
            _word |= (run == 64 ? ulong.MaxValue : (1UL << run) - 1) << _offset;
            _offset += run;
            count -= run;
            if (_offset == 64)
            {
                Spill();
            }
        }
    }

    /// <summary>Writes the partly filled word; call once at the end.</summary>
    public void Flush()
    {
        if (_offset > 0)
        {
            _words[_index] = _word;
        }
    }

    private void Spill()
    {
        _words[_index++] = _word;
        _word = 0;
        _offset = 0;
    }
}
