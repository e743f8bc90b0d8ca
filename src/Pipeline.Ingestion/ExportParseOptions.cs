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

    /// <summary>The most lines (header and preamble included) a file, or one member of a zip, may have; setting <c>Pipeline:MaxFileLines</c>.</summary>
    /// <remarks>
    /// Counted while the file streams: the read stops at the first line over the limit and the file is refused
    /// (<see cref="RefusalCodes.TooLarge"/>), so a file of any size costs at most this many lines of work.
    /// </remarks>
    public long MaxFileLines { get; init; } = 20_000_000;

    /// <summary>The most bytes the members of one <c>.zip</c> may inflate to together; setting <c>Pipeline:MaxUncompressedBytes</c>.</summary>
    /// <remarks>Counted while decompressing, never taken from the zip's directory (which a zip bomb fakes).</remarks>
    public long MaxUncompressedBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The most a zip member may expand: uncompressed bytes per compressed byte; setting <c>Pipeline:MaxCompressionRatio</c>.
    /// </summary>
    /// <remarks>
    /// CSV exports compress 5 to 20 times; a member that inflates past this ratio (and past 1 MiB) is a zip bomb or
    /// padding, and is refused before it is read further.
    /// </remarks>
    public int MaxCompressionRatio { get; init; } = 100;
}
