using Pipeline.Domain;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Ingestion;

/// <summary>What parsing a file needs to know about the tenant.</summary>
/// <param name="BusinessTimeZone">A date without a time means 00:00 in this time zone.</param>
/// <param name="ReportingCurrency">When set, a line in any other currency is a row error (no FX rates yet).</param>
/// <param name="MaxBadRowFraction">A file with a larger share of bad rows is refused as a whole.</param>
public sealed record ExportParseOptions(
    TimeZoneInfo BusinessTimeZone,
    CurrencyCode? ReportingCurrency = null,
    decimal MaxBadRowFraction = 0.05m)
{
    /// <summary>The tenant's mapping profiles, tried after every built-in format.</summary>
    public IReadOnlyList<MappingProfile> Profiles { get; init; } = [];

    /// <summary>When the file was received: the snapshot time of a snapshot export that does not carry one.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>
    /// Whether the Stripe subscriptions export's <c>Amount</c> is per unit (multiplied by <c>Quantity</c>) rather than
    /// the subscription total (EXPORTS.md B1.1 leaves it unconfirmed). Setting <c>Pipeline:StripeAmountIsPerUnit</c>.
    /// </summary>
    public bool StripeAmountIsPerUnit { get; init; } = true;

    /// <summary>How many revenue lines the parser hands on at once (<see cref="RevenueLineChunkHandler"/>).</summary>
    /// <remarks>
    /// The ledger copies each chunk's values into its Parquet row group and drops the lines, so a chunk is all of a file's
    /// lines that exist as objects at once (~430 bytes each: 8,192 lines are ~3.5 MiB): small, so they die young, and a
    /// list of 8,192 references stays off the large-object heap.
    /// </remarks>
    public int LinesPerChunk { get; init; } = 8_192;
}
