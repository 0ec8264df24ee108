namespace PartialLoading.Generation;

/// <summary>The independent purposes a generator draws random numbers for.</summary>
internal enum DrawPurpose
{
    /// <summary>Model design: block sizes, sharing, inference times.</summary>
    Models = 1,

    /// <summary>The popularity ranks of the models.</summary>
    Popularity = 2,

    /// <summary>Users: model choice, position, shadowing, payload, deadline draw.</summary>
    Users = 3,
}

/// <summary>
/// One seeded <see cref="Random"/> per <see cref="DrawPurpose"/>, derived from the seed with SplitMix64, so that
/// e.g. asking for more users does not change the models and the same seed always gives the same draws.
/// </summary>
/// <remarks><see cref="Random(int)"/> with a seed uses the same algorithm on every .NET version, so files stay byte-identical.</remarks>
internal sealed class RandomStreams(int seed)
{
    /// <summary>The seed.</summary>
    public int Seed { get; } = seed;

    /// <summary>A fresh generator for <paramref name="purpose"/> (the same sequence every time).</summary>
    public Random Create(DrawPurpose purpose) => new(Derive(Seed, (int)purpose));

    private static int Derive(int seed, int stream)
    {
        // SplitMix64 finaliser over (seed, stream): well-mixed, independent-looking seeds for neighbouring inputs.
        ulong z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
