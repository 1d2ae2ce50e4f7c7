using System.Numerics;

namespace Verilock.Screening.Matching;

/// <summary>
/// A one-hash Bloom filter over a dictionary's keys: answers "certainly absent" for most keys that are not there
/// from one read of a small bit array, without building the key. It pays where almost every lookup misses: a query
/// word's two-letter deletions (see <see cref="Vocabulary"/>), whose hashes <see cref="HashWithout"/> gives in
/// constant time from the word's prefix hashes, where hashing each built key would cost most of a screening.
/// </summary>
internal sealed class KeyFilter
{
    /// <summary>The polynomial hash's base (odd, so powers never vanish modulo 2⁶⁴).</summary>
    private const ulong Base = 1_000_003;

    private readonly ulong[] _bits;
    private readonly int _shift;

    /// <param name="keys">The keys; about 16 bits are kept per key, so a key not there passes for about 6 % of lookups.</param>
    public KeyFilter(IReadOnlyCollection<string> keys)
    {
        var bitCount = BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1 << 12, keys.Count * 16L));
        _bits = new ulong[bitCount / 64];
        _shift = 64 - BitOperations.Log2(bitCount);
        foreach (var key in keys)
        {
            var bit = Bit(Hash(key));
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    public bool MightContain(ulong hash)
    {
        var bit = Bit(hash);
        return (_bits[bit >> 6] & (1UL << (int)(bit & 63))) != 0;
    }

    /// <summary>Σ key[k]·Base^(n−1−k) modulo 2⁶⁴.</summary>
    public static ulong Hash(ReadOnlySpan<char> key)
    {
        ulong hash = 0;
        foreach (var c in key)
            hash = hash * Base + c;
        return hash;
    }

    /// <summary>Fills <paramref name="prefix"/> (length n + 1) with the hashes of the key's prefixes and <paramref name="powers"/> (length n + 1) with Base^k.</summary>
    public static void Prepare(ReadOnlySpan<char> key, Span<ulong> prefix, Span<ulong> powers)
    {
        prefix[0] = 0;
        powers[0] = 1;
        for (var k = 0; k < key.Length; k++)
        {
            prefix[k + 1] = prefix[k] * Base + key[k];
            powers[k + 1] = powers[k] * Base;
        }
    }

    /// <summary>The <see cref="Hash"/> of the key with positions <paramref name="i"/> &lt; <paramref name="j"/> deleted.</summary>
    public static ulong HashWithout(ReadOnlySpan<ulong> prefix, ReadOnlySpan<ulong> powers, int i, int j)
    {
        var n = prefix.Length - 1;
        var head = prefix[i];
        var middle = prefix[j] - prefix[i + 1] * powers[j - i - 1];
        var tail = prefix[n] - prefix[j + 1] * powers[n - j - 1];
        return (head * powers[j - i - 1] + middle) * powers[n - j - 1] + tail;
    }

    /// <summary>The top bits of a multiplicative mix, spread over the whole array.</summary>
    private ulong Bit(ulong hash) => hash * 0x9E3779B97F4A7C15UL >> _shift;
}
