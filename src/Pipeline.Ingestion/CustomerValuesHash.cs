using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Ingestion;

/// <summary>64-bit hashes of a customer's id and of the values of one of its records (with the id), for <see cref="CustomerHashes"/>.</summary>
/// <remarks>
/// A values hash starts from the id (with another seed than the id hash) and mixes in each set value with its field's
/// number, so the same values of another customer, or a value moved to another field, hash differently. Fields compared
/// without case hash their text in the case the reader normalises them to (e-mail addresses lower, countries upper), so
/// two values hash alike exactly when they are read alike; text already in that case (nearly all) is hashed as it is.
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

    /// <summary>Mixes in field <paramref name="field"/>'s value, folded to <paramref name="fold"/>; an empty one is not set and leaves the hash as it is.</summary>
    public void Add(int field, ReadOnlySpan<char> value, CaseFold fold = CaseFold.None)
    {
        if (value.IsEmpty)
        {
            return;
        }

        var folded = fold switch
        {
            CaseFold.None => true,
            CaseFold.Lower => Ascii.IsValid(value) && !value.ContainsAnyInRange('A', 'Z'),
            _ => Ascii.IsValid(value) && !value.ContainsAnyInRange('a', 'z'),
        };
        if (folded)
        {
            Mix(field, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value), field));
            return;
        }

        Span<char> text = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        _ = fold == CaseFold.Lower ? value.ToLowerInvariant(text) : value.ToUpperInvariant(text);
        Mix(field, XxHash3.HashToUInt64(MemoryMarshal.AsBytes((ReadOnlySpan<char>)text), field));
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

/// <summary>The case a value is compared in (<see cref="CustomerValuesHash.Add(int, ReadOnlySpan{char}, CaseFold)"/>).</summary>
internal enum CaseFold
{
    /// <summary>As written.</summary>
    None,

    /// <summary>Lower case (<see cref="MemoryExtensions.ToLowerInvariant"/>), as e-mail addresses are read.</summary>
    Lower,

    /// <summary>Upper case (<see cref="MemoryExtensions.ToUpperInvariant"/>), as countries are read.</summary>
    Upper,
}
