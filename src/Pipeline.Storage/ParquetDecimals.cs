using System.Buffers.Binary;
using System.Numerics;
using Parquet.Data;

namespace Pipeline.Storage;

/// <summary>Ledger amounts to and from Parquet <c>DECIMAL(38,18)</c> columns, without big-integer arithmetic.</summary>
/// <remarks>
/// <para>
/// Writing: a revenue-lines file keeps an amount in a 64-bit <c>DECIMAL(18,6)</c> column when it fits
/// (<see cref="FitsNarrow"/>), which Parquet.Net encodes without a big integer per value. Any other goes to the
/// wide column; handed a <see cref="decimal"/>, Parquet.Net converts each value through big-integer multiplication,
/// which cost about three times as much as building the unscaled value here from the decimal's own 96-bit integer and
/// scale and encoding that (<see cref="Of"/>): 16-byte fixed-length big-endian integers scaled by 10^18.
/// </para>
/// <para>
/// Reading: Parquet.Net decodes such a column into decimals through a big integer and a big-integer power per value,
/// about 1.1 µs a value (two amount columns of a million lines: over 2 s of every ledger read). Read as the raw
/// 16-byte values instead (about 0.1 µs) and converted here with 128-bit integer arithmetic (<see cref="FromBigEndian"/>),
/// the same values come back, with the same trailing zeros removed. A 64-bit column is read as its integers and
/// converted the same way (<see cref="FromUnscaled"/>).
/// </para>
/// </remarks>
internal static class ParquetDecimals
{
    /// <summary>10^0 … 10^28, every scale a <see cref="decimal"/> can have.</summary>
    private static readonly Int128[] PowersOfTen = PowersOfTenUpTo(28);

    /// <summary>Scales removed at once while trailing zeros allow, largest first.</summary>
    private static readonly int[] TrailingZeroSteps = [16, 8, 4, 2, 1];

    /// <summary>10^0 … 10^38 unsigned, for the trailing-zero steps.</summary>
    private static readonly UInt128[] PowersOfTenUnsigned = UnsignedPowersOfTenUpTo(38);

    /// <summary>
    /// Whether <paramref name="value"/> fits <c>DECIMAL(18,6)</c> exactly: at most 6 decimals once trailing zeros are
    /// dropped, and an unscaled value (value × 10^6) under 10^18 in magnitude.
    /// </summary>
    public static bool FitsNarrow(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var integer = unchecked(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);
        var scale = value.Scale;
        if (scale > LedgerValues.NarrowDecimalScale)
        {
            var divisor = PowersOfTenUnsigned[scale - LedgerValues.NarrowDecimalScale];
            if (integer % divisor != UInt128.Zero)
            {
                return false;
            }

            return integer / divisor < PowersOfTenUnsigned[LedgerValues.NarrowDecimalPrecision];
        }

        // integer × 10^(6 − scale) < 10^18 ⇔ integer < 10^(12 + scale).
        return integer < PowersOfTenUnsigned[LedgerValues.NarrowDecimalPrecision - LedgerValues.NarrowDecimalScale + scale];
    }

    /// <summary>
    /// The decimal an unscaled 64-bit <c>DECIMAL(p,<paramref name="scale"/>)</c> value stands for, without trailing zeros
    /// (12500000 at scale 6 reads as 12.5), as <see cref="FromBigEndian"/> gives the wide form.
    /// </summary>
    /// <exception cref="InvalidDataException">The scale is not one a <see cref="decimal"/> can have.</exception>
    public static decimal FromUnscaled(long unscaled, int scale)
    {
        if (scale is < 0 or > 28)
        {
            throw new InvalidDataException($"A DECIMAL column of scale {scale}; a decimal holds 0 to 28.");
        }

        if (unscaled == 0)
        {
            return 0m;
        }

        var negative = unscaled < 0;
        var magnitude = negative ? unchecked((ulong)-unscaled) : (ulong)unscaled;
        while (scale >= 2 && magnitude % 100 == 0)
        {
            magnitude /= 100;
            scale -= 2;
        }

        if (scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        return new decimal(unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), 0, negative, (byte)scale);
    }

    /// <summary>
    /// <paramref name="value"/> as <c>DECIMAL(38,18)</c>: its integer × 10^(18 − scale). Exact for every value
    /// <see cref="LedgerValues.Exact"/> lets through (at most 18 decimals, so a larger scale only has trailing zeros,
    /// and under 10^20, so the unscaled value has at most 38 digits).
    /// </summary>
    public static BigDecimal Of(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var integer = unchecked(((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0]);
        var scale = value.Scale;
        var unscaled = scale <= LedgerValues.DecimalScale
            ? integer * PowersOfTen[LedgerValues.DecimalScale - scale]
            : integer / PowersOfTen[scale - LedgerValues.DecimalScale];
        return new BigDecimal((BigInteger)(value < 0m ? -unscaled : unscaled), LedgerValues.DecimalPrecision, LedgerValues.DecimalScale);
    }

    /// <summary>
    /// The decimal a <c>DECIMAL(p,<paramref name="scale"/>)</c> value stored as a big-endian two's-complement integer of
    /// up to 16 bytes stands for, without trailing zeros (12.50 at scale 18 reads as 12.5, as Parquet.Net gives it).
    /// </summary>
    /// <exception cref="InvalidDataException">The value has more than 28 decimals or more digits than a <see cref="decimal"/> holds.</exception>
    public static decimal FromBigEndian(ReadOnlySpan<byte> bytes, int scale)
    {
        Int128 unscaled;
        if (bytes.Length == 16)
        {
            unscaled = BinaryPrimitives.ReadInt128BigEndian(bytes);
        }
        else if (bytes.Length is > 0 and < 16)
        {
            // A shorter big-endian integer: sign-extend it to 16 bytes.
            Span<byte> wide = stackalloc byte[16];
            wide[..(16 - bytes.Length)].Fill((sbyte)bytes[0] < 0 ? (byte)0xFF : (byte)0);
            bytes.CopyTo(wide[(16 - bytes.Length)..]);
            unscaled = BinaryPrimitives.ReadInt128BigEndian(wide);
        }
        else
        {
            throw new InvalidDataException($"A DECIMAL value of {bytes.Length} bytes; expected 1 to 16.");
        }

        if (unscaled == Int128.Zero)
        {
            return 0m;
        }

        var negative = Int128.IsNegative(unscaled);
        var magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;

        // Drop trailing zeros in halving steps (most amounts have two decimals: one division at scale 18 takes 16 off).
        foreach (var step in TrailingZeroSteps)
        {
            if (scale >= step && magnitude % PowersOfTenUnsigned[step] == UInt128.Zero)
            {
                magnitude /= PowersOfTenUnsigned[step];
                scale -= step;
            }
        }

        while (scale > 0 && magnitude % 10u == UInt128.Zero)
        {
            magnitude /= 10u;
            scale--;
        }

        if (scale > 28 || magnitude >> 96 != UInt128.Zero)
        {
            throw new InvalidDataException($"A DECIMAL value with {scale} decimals and {magnitude} as its integer does not fit a decimal.");
        }

        return new decimal(
            unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), unchecked((int)(uint)(magnitude >> 64)), negative, (byte)scale);
    }

    private static UInt128[] UnsignedPowersOfTenUpTo(int exponent)
    {
        var powers = new UInt128[exponent + 1];
        powers[0] = 1;
        for (var index = 1; index < powers.Length; index++)
        {
            powers[index] = powers[index - 1] * 10;
        }

        return powers;
    }

    private static Int128[] PowersOfTenUpTo(int exponent)
    {
        var powers = new Int128[exponent + 1];
        powers[0] = 1;
        for (var index = 1; index < powers.Length; index++)
        {
            powers[index] = powers[index - 1] * 10;
        }

        return powers;
    }
}
