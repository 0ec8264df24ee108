using System.Numerics;

namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// An immutable set of local users of any size: users 0–63 in one word (<see cref="Low"/>), the others in an array
/// that only instances of more than 64 users ever allocate. Up to 64 users a set is thus one <see cref="ulong"/> and a
/// null reference, and every operation is the bit operation the search used when a set was a bare mask.
/// </summary>
internal readonly struct UserSet : IEquatable<UserSet>
{
    private readonly ulong[]? _high;

    private UserSet(ulong low, ulong[]? high)
    {
        Low = low;
        _high = high;
    }

    /// <summary>The empty set.</summary>
    public static UserSet Empty => default;

    /// <summary>Users 0–63, bit k = user k.</summary>
    public ulong Low { get; }

    /// <summary>Words needed for users 64 and above among <paramref name="users"/> users.</summary>
    public static int HighWords(int users) => users <= 64 ? 0 : (users - 1) / 64;

    /// <summary>The set of the users 0–63 in <paramref name="low"/>.</summary>
    public static UserSet FromLow(ulong low) => new(low, null);

    /// <summary>
    /// The set of <paramref name="low"/> and <paramref name="high"/> (bit k of word w = user 64·(w + 1) + k); copies
    /// <paramref name="high"/>, and allocates nothing when it is all zero.
    /// </summary>
    public static UserSet From(ulong low, ReadOnlySpan<ulong> high)
        => high.ContainsAnyExcept(0UL) ? new UserSet(low, high.ToArray()) : new UserSet(low, null);

    /// <summary>Whether <paramref name="user"/> is in the set.</summary>
    public bool Contains(int user)
    {
        if (user < 64)
        {
            return (Low >> user & 1UL) != 0;
        }

        int word = (user >> 6) - 1;
        return _high is { } high && word < high.Length && (high[word] >> (user & 63) & 1UL) != 0;
    }

    /// <summary>This set and <paramref name="user"/>.</summary>
    public UserSet With(int user)
    {
        if (user < 64)
        {
            return new UserSet(Low | (1UL << user), _high);
        }

        int word = (user >> 6) - 1;
        ulong[] high = new ulong[Math.Max(word + 1, _high?.Length ?? 0)];
        _high?.CopyTo(high, 0);
        high[word] |= 1UL << (user & 63);
        return new UserSet(Low, high);
    }

    /// <summary>Members.</summary>
    public int Count
    {
        get
        {
            int count = BitOperations.PopCount(Low);
            if (_high is { } high)
            {
                foreach (ulong word in high)
                {
                    count += BitOperations.PopCount(word);
                }
            }

            return count;
        }
    }

    /// <inheritdoc/>
    public bool Equals(UserSet other)
    {
        if (Low != other.Low)
        {
            return false;
        }

        // Arrays of different lengths (or none) are equal when the longer one's extra words are all zero.
        ReadOnlySpan<ulong> a = _high;
        ReadOnlySpan<ulong> b = other._high;
        int common = Math.Min(a.Length, b.Length);
        return a[..common].SequenceEqual(b[..common]) && !a[common..].ContainsAnyExcept(0UL) && !b[common..].ContainsAnyExcept(0UL);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is UserSet other && Equals(other);

    /// <summary>A multiplicative mix of every word (trailing zero words do not change it), spread over all 32 bits.</summary>
    public override int GetHashCode()
    {
        const ulong golden = 0x9E3779B97F4A7C15UL;
        ulong hash = Low * golden;
        if (_high is { } high)
        {
            for (int w = 0; w < high.Length; w++)
            {
                if (high[w] != 0)
                {
                    hash = BitOperations.RotateLeft(hash, 23) ^ ((high[w] + (ulong)w + 1) * golden);
                }
            }
        }

        return (int)(hash ^ (hash >> 32));
    }

    public static bool operator ==(UserSet left, UserSet right) => left.Equals(right);

    public static bool operator !=(UserSet left, UserSet right) => !left.Equals(right);
}
