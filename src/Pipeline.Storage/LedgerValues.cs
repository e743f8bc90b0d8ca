using System.Globalization;

namespace Pipeline.Storage;

/// <summary>The two ways a ledger value could change on its way into Parquet, refused instead of silently altered.</summary>
/// <remarks>
/// Amounts are Parquet <c>DECIMAL(38,18)</c>: any value with at most 18 decimals and under 10^20 is kept exactly
/// (trailing zeros are not: 12.50 reads back as 12.5, the same value). A revenue-lines file keeps those that fit in a
/// 64-bit <c>DECIMAL(18,6)</c> column instead (<see cref="RevenueLineParquetWriter"/>), just as exactly. Instants are <c>TIMESTAMP(MICROS, UTC)</c>,
/// the type analysts' tools read as an instant, so they must be whole microseconds (.NET ticks are 0.1 µs).
/// </remarks>
internal static class LedgerValues
{
    public const int DecimalPrecision = 38;
    public const int DecimalScale = 18;

    /// <summary>The 64-bit form of a revenue-lines file's amounts (<c>revenue-lines/2</c>): <c>DECIMAL(18,6)</c> in an <c>INT64</c>.</summary>
    /// <remarks>Every amount with at most 6 decimals and under 10^12 in magnitude; any other is kept in the wide column beside it.</remarks>
    public const int NarrowDecimalPrecision = 18;

    /// <inheritdoc cref="NarrowDecimalPrecision"/>
    public const int NarrowDecimalScale = 6;

    private const decimal DecimalLimit = 100_000_000_000_000_000_000m;

    public static decimal Exact(decimal value, string column, long row)
    {
        // A value of at most DecimalScale decimals is its own rounding: only a finer one is rounded to compare.
        if (Math.Abs(value) >= DecimalLimit || (value.Scale > DecimalScale && decimal.Round(value, DecimalScale) != value))
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Ledger row {row}: {column} {value} does not fit DECIMAL({DecimalPrecision},{DecimalScale}) exactly (at most {DecimalScale} decimals, under 10^20)."));
        }

        return value;
    }

    public static DateTime ToUtc(DateTimeOffset value, string column, long row)
    {
        if (value.UtcTicks % 10 != 0)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Ledger row {row}: {column} {value:O} is finer than a microsecond; the ledger stores instants in whole microseconds."));
        }

        return value.UtcDateTime;
    }

    public static DateTime? ToUtc(DateTimeOffset? value, string column, long row) =>
        value is { } instant ? ToUtc(instant, column, row) : null;

    public static DateTimeOffset FromUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? FromUtc(DateTime? value) => value is { } instant ? FromUtc(instant) : null;
}
