using System.Numerics;
using Parquet.Data;

namespace Pipeline.Storage;

/// <summary>Ledger amounts as the <see cref="BigDecimal"/>s Parquet.Net writes to <c>DECIMAL(38,18)</c> columns, made without big-integer arithmetic.</summary>
/// <remarks>
/// Handed a <see cref="decimal"/>, Parquet.Net converts each value through big-integer multiplication, which cost about
/// three times as much as building the unscaled value here from the decimal's own 96-bit integer and scale and
/// encoding that. The file is the same: 16-byte fixed-length big-endian integers scaled by 10^18.
/// </remarks>
internal static class ParquetDecimals
{
    /// <summary>10^0 … 10^28, every scale a <see cref="decimal"/> can have.</summary>
    private static readonly Int128[] PowersOfTen = PowersOfTenUpTo(28);

    /// <summary>Converts every value of <paramref name="values"/> into <paramref name="target"/>.</summary>
    public static void Convert(ReadOnlySpan<decimal> values, Span<BigDecimal> target)
    {
        for (var index = 0; index < values.Length; index++)
        {
            target[index] = Of(values[index]);
        }
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
