using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Pipeline.Ingestion;

/// <summary>64-bit hashes of a customer's id and of the values of one of its records (with the id), for <see cref="CustomerHashes"/>.</summary>
/// <remarks>
/// A values hash starts from the id (with another seed than the id hash) and mixes in each set value with its field's
/// number, so the same values of another customer, or a value moved to another field, hash differently. Fields compared
/// without case (e-mail addresses, countries) hash their upper-cased text.
/// </remarks>
internal struct CustomerValuesHash
{
    private const long IdSeed = 0x5EED_1D;
    private const long ValuesSeed = 0x5EED_7A1;
    private const ulong Multiplier = 0x9E37_79B9_7F4A_7C15;

    private ulong _hash;
    private bool _hasValues;

    /// <summary>A values hash of the customer <paramref name="id"/> with no value yet.</summary>
    public CustomerValuesHash(ReadOnlySpan<char> id) => _hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id), ValuesSeed);

    /// <summary>The hash so far.</summary>
    public readonly ulong Value => _hash;

    /// <summary>Whether any value was mixed in.</summary>
    public readonly bool HasValues => _hasValues;

    /// <summary>The hash of a customer id (<see cref="CustomerHashes"/>' key).</summary>
    public static ulong OfId(ReadOnlySpan<char> id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id), IdSeed);

    /// <summary>Mixes in field <paramref name="field"/>'s value; an empty one is not set and leaves the hash as it is.</summary>
    public void Add(int field, ReadOnlySpan<char> value, bool ignoreCase = false)
    {
        if (value.IsEmpty)
        {
            return;
        }

        if (!ignoreCase)
        {
            Mix(field, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value), field));
            return;
        }

        Span<char> upper = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        value.ToUpperInvariant(upper);
        Mix(field, XxHash3.HashToUInt64(MemoryMarshal.AsBytes((ReadOnlySpan<char>)upper), field));
    }

    /// <summary>Mixes in field <paramref name="field"/>'s number (a date's ticks).</summary>
    public void Add(int field, long value) => Mix(field, unchecked((ulong)value * Multiplier));

    private void Mix(int field, ulong value)
    {
        unchecked
        {
            var mixed = (_hash ^ value ^ ((ulong)(field + 1) << 58)) * Multiplier;
            _hash = mixed ^ (mixed >> 29);
            _hasValues = true;
        }
    }
}
