namespace Pipeline.Domain.Metrics;

/// <summary>What a month end needs besides the ledger: exchange rates, customer attributes and segment settings.</summary>
/// <remarks>
/// <see cref="Empty"/> suits a single-currency tenant without customer master data: every line must then be in the
/// reporting currency, and the country, channel and segment dimensions have the one value <c>(none)</c>.
/// </remarks>
public sealed record MonthEndContext
{
    public static MonthEndContext Empty { get; } = new();

    /// <summary>Rates to convert native MRR at month end; a currency in use without a rate fails the month.</summary>
    public ExchangeRateTable Rates { get; init; } = ExchangeRateTable.Empty;

    /// <summary>Customer master data by customer id (country, channel, segment attribute).</summary>
    /// <remarks>
    /// Read for every customer with MRR or activity in the month; a customer that is not listed gets no attributes,
    /// except that a customer without MRR keeps the attributes of its opening row.
    /// </remarks>
    public IReadOnlyDictionary<string, CustomerRecord> Customers { get; init; } = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);

    /// <summary>Lower bounds of the MRR bands of dimension <c>band</c>, strictly ascending in the reporting currency (e.g. 100, 1000).</summary>
    /// <remarks>100 and 1000 make the bands <c>&lt;100</c>, <c>100-1000</c> and <c>&gt;=1000</c>; none set means no band dimension.</remarks>
    public IReadOnlyList<decimal> MrrBands { get; init; } = [];

    /// <summary>The inputs of the <see cref="SegmentDimensions.ValueSegment"/> dimension; null (the default) computes none.</summary>
    public ValueSegmentInputs? ValueSegments { get; init; }
}
