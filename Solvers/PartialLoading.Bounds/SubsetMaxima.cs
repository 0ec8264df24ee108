using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PartialLoading.Bounds;

/// <summary>
/// The inner loops of the time-indexed program (<see cref="TimeIndexedBound"/>) over a batch's subsets of served users,
/// one term at a time and vectorised: a state's subset read at a later step is shifted right by the users that died in
/// between, so a term reads its source contiguously (no shift), as one value per run of 2^shift subsets, or, for "serve
/// tracked user q", per run of the 2^q subsets without q.
/// </summary>
/// <remarks>
/// Why: filling the program is most of the labeling search's time where it re-prices suffixes (sg50-2, one thread: 68 %
/// of the samples in <c>Solve</c>), and per subset the terms cost a branch and a load each. Every element gets exactly the
/// additions and maxima it got one subset at a time, so the values, and so every bound, are the same to the bit.
/// </remarks>
internal static class SubsetMaxima
{
    private static readonly int Width = Vector256<double>.Count;

    /// <summary><c>dst[s] = max(dst[s], src[s &gt;&gt; shift])</c> for every subset s of <paramref name="dst"/>.</summary>
    public static void MaxWith(Span<double> dst, ReadOnlySpan<double> src, int shift) => Run(dst, src, Math.Min(shift, 31), default(Same));

    /// <summary><c>dst[s] = max(dst[s], add + src[s &gt;&gt; shift])</c> for every subset s of <paramref name="dst"/>.</summary>
    public static void MaxWithPlus(Span<double> dst, ReadOnlySpan<double> src, int shift, double add) => Run(dst, src, Math.Min(shift, 31), new Plus(add));

    /// <summary><c>dst[s] = max(dst[s], add)</c> for every subset s of <paramref name="dst"/>.</summary>
    public static void MaxWith(Span<double> dst, double add)
    {
        int s = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(add);
            ref double d = ref MemoryMarshal.GetReference(dst);
            for (; s <= dst.Length - Width; s += Width)
            {
                Vector256.Max(Vector256.LoadUnsafe(ref d, (nuint)s), a).StoreUnsafe(ref d, (nuint)s);
            }
        }

        for (; s < dst.Length; s++)
        {
            dst[s] = Math.Max(dst[s], add);
        }
    }

    /// <summary>
    /// Serving tracked user <paramref name="q"/>: <c>dst[s] = max(dst[s], gain + src[(s | 2^q) &gt;&gt; shift])</c> for every
    /// subset s of <paramref name="dst"/> without q.
    /// </summary>
    public static void MaxWithServed(Span<double> dst, ReadOnlySpan<double> src, int shift, int q, double gain)
    {
        shift = Math.Min(shift, 31); // a subset has fewer than 31 bits: past them every subset reads the first state
        int run = 1 << q;
        if (run < Width || !Vector256.IsHardwareAccelerated)
        {
            for (int s = 0; s < dst.Length; s++)
            {
                if ((s & run) == 0)
                {
                    dst[s] = Math.Max(dst[s], gain + src[(s | run) >> shift]);
                }
            }

            return;
        }

        // A run [b, b + 2^q) of subsets without q reads from (b + 2^q) >> shift on: b + 2^q is a multiple of 2^q, so
        // within the run the source index moves by r >> shift (0 throughout where shift > q).
        var plus = new Plus(gain);
        for (int b = 0; b < dst.Length; b += run << 1)
        {
            Run(dst.Slice(b, run), src[((b + run) >> shift)..], shift, plus);
        }
    }

    private static void Run<TTerm>(Span<double> dst, ReadOnlySpan<double> src, int shift, TTerm term)
        where TTerm : struct, ITerm
    {
        int n = dst.Length;
        int s = 0;
        ref double d = ref MemoryMarshal.GetReference(dst);
        ref double from = ref MemoryMarshal.GetReference(src);
        if (Vector256.IsHardwareAccelerated && n >= Width)
        {
            if (shift == 0)
            {
                _ = src[n - 1];
                for (; s <= n - Width; s += Width)
                {
                    Vector256<double> v = term.Of(Vector256.LoadUnsafe(ref from, (nuint)s));
                    Vector256.Max(Vector256.LoadUnsafe(ref d, (nuint)s), v).StoreUnsafe(ref d, (nuint)s);
                }
            }
            else if (shift >= 30 || (1 << shift) >= Width)
            {
                // One source value per run of 2^shift subsets (n is a power of two, so the runs tile it).
                int length = shift >= 30 ? n : Math.Min(n, 1 << shift);
                for (int i = 0; s < n; i++)
                {
                    Vector256<double> v = Vector256.Create(term.Of(src[i]));
                    int end = s + length;
                    for (; s <= end - Width; s += Width)
                    {
                        Vector256.Max(Vector256.LoadUnsafe(ref d, (nuint)s), v).StoreUnsafe(ref d, (nuint)s);
                    }

                    for (; s < end; s++)
                    {
                        dst[s] = Math.Max(dst[s], term.Of(src[i]));
                    }
                }
            }
        }

        for (; s < n; s++)
        {
            dst[s] = Math.Max(dst[s], term.Of(src[s >> shift]));
        }
    }

    private interface ITerm
    {
        double Of(double x);

        Vector256<double> Of(Vector256<double> x);
    }

    private readonly struct Same : ITerm
    {
        public double Of(double x) => x;

        public Vector256<double> Of(Vector256<double> x) => x;
    }

    private readonly struct Plus(double add) : ITerm
    {
        private readonly Vector256<double> _add = Vector256.Create(add);

        public double Of(double x) => add + x;

        public Vector256<double> Of(Vector256<double> x) => _add + x;
    }
}
